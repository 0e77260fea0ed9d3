package dev.timpani.cli;

import picocli.CommandLine.Command;

/** {@code new}: DRUM's template generation; {@code new model} is the one kind it has. */
@Command(name = "new", mixinStandardHelpOptions = true, versionProvider = TimpaniVersion.class,
        description = "Create a starter folder (DRUM's `drum new`).", subcommands = NewModelCommand.class)
class NewCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing sub-command: use 'new model'");
    }
}
