package dev.timpani.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code new model --language python|r --code-dir D} (R-CLI-9): a starter model folder with a hook file of the
 * language, every hook commented out, and a README on what goes in the folder. Like DRUM, it refuses a folder
 * that already exists rather than write over someone's model.
 */
@Command(name = "model", mixinStandardHelpOptions = true, versionProvider = TimpaniVersion.class,
        description = "Create a starter custom model folder: custom.py or custom.R, and a README.")
class NewModelCommand implements Callable<Integer> {

    private static final String TEMPLATES = "/timpani/templates/";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--code-dir", required = true, description = "The folder to create")
    Path codeDir;

    @Override
    public Integer call() throws IOException {
        String hookFile = switch (common.language == null ? "" : common.language.toLowerCase(java.util.Locale.ROOT)) {
            case "python" -> "custom.py";
            case "r" -> "custom.R";
            case "" -> throw new ParameterException(spec.commandLine(), "Missing required option: '--language'");
            default -> throw new ParameterException(spec.commandLine(), "--language " + common.language
                    + ": a new model can be python or r");
        };
        if (Files.exists(codeDir)) {
            throw new CommandFailedException("The path " + codeDir + " already exists! Please provide a non existing "
                    + "path!");
        }
        Files.createDirectories(codeDir);
        for (String file : List.of(hookFile, "README.md")) {
            try (InputStream template = NewModelCommand.class.getResourceAsStream(TEMPLATES + file)) {
                if (template == null) {
                    throw new IllegalStateException("The template " + file + " is missing from the jar");
                }
                Files.copy(template, codeDir.resolve(file));
            }
        }
        System.out.println("Created a " + common.language.toLowerCase(java.util.Locale.ROOT) + " model folder in "
                + codeDir.toAbsolutePath() + ": " + hookFile + ", README.md");
        return 0;
    }
}
