package dev.timpani.cli;

import java.util.ArrayList;
import java.util.List;
import dev.timpani.data.BadInputException;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.ModelLoadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jar's command line, with DRUM's sub-commands (R-CLI). No sub-command, or options first, means
 * {@code server}, so {@code java -jar timpani.jar} and DRUM-style {@code --code-dir ...} both start the server.
 */
@Command(name = "timpani", mixinStandardHelpOptions = true, versionProvider = TimpaniVersion.class,
        description = "Serves a DataRobot-style custom model folder over DRUM's HTTP contract.",
        subcommands = {ServerCommand.class, ScoreCommand.class, PerfTestCommand.class, ValidationCommand.class,
                NewCommand.class})
public class TimpaniCommand {

    /** Exit code meaning "the server is up; let its threads keep the JVM alive". */
    public static final int KEEP_RUNNING = -1;

    public static int run(String[] args) {
        CommandLine commandLine = new CommandLine(new TimpaniCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // A wrong flag is one clear line and a non-zero exit, not a screen of usage.
        commandLine.setParameterExceptionHandler((error, arguments) -> {
            error.getCommandLine().getErr().println(error.getMessage());
            return CommandLine.ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler(TimpaniCommand::failed);
        return commandLine.execute(withDefaultCommand(args));
    }

    /** A failure the user can act on is one line on stderr and exit code 1; anything else keeps its trace. */
    private static int failed(Exception error, CommandLine commandLine, CommandLine.ParseResult parsed) {
        boolean explained = error instanceof CommandFailedException || error instanceof BadInputException
                || error instanceof ModelFailedException || error instanceof ModelLoadException;
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        commandLine.getErr().println(message.startsWith("ERROR: ") ? message : "ERROR: " + message);
        if (!explained) {
            error.printStackTrace(commandLine.getErr());
        }
        return CommandLine.ExitCode.SOFTWARE;
    }

    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0) {
            return new String[] {"server"};
        }
        String first = args[0];
        boolean ownOption = first.equals("-h") || first.equals("--help") || first.equals("-V") || first.equals("--version");
        if (first.startsWith("-") && !ownOption) {
            List<String> withServer = new ArrayList<>(args.length + 1);
            withServer.add("server");
            withServer.addAll(List.of(args));
            return withServer.toArray(String[]::new);
        }
        return args;
    }
}
