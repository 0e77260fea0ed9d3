package dev.timpani.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
        description = "Serves a DataRobot-style custom model folder over DRUM's HTTP contract.")
public class TimpaniCommand {

    /** Exit code meaning "the server is up; let its threads keep the JVM alive". */
    public static final int KEEP_RUNNING = -1;

    /** The sub-commands, in the order help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("server", ServerCommand::new);
        SUBCOMMANDS.put("score", ScoreCommand::new);
        SUBCOMMANDS.put("perf-test", PerfTestCommand::new);
        SUBCOMMANDS.put("validation", ValidationCommand::new);
        SUBCOMMANDS.put("new", NewCommand::new);
    }

    public static int run(String[] args) {
        String[] commandArgs = withDefaultCommand(args);
        CommandLine commandLine = commandLine(commandArgs[0]);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // A wrong flag is one clear line and a non-zero exit, not a screen of usage.
        commandLine.setParameterExceptionHandler((error, arguments) -> {
            error.getCommandLine().getErr().println(error.getMessage());
            return CommandLine.ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler(TimpaniCommand::failed);
        return commandLine.execute(commandArgs);
    }

    /**
     * The command line with only the sub-command about to run, or with all of them when {@code first} names none
     * (help, version, a typo picocli should answer with suggestions). picocli reflects over every option of every
     * sub-command it is given, which was a tenth of a second of start-up spent on commands that do not run.
     */
    public static CommandLine commandLine(String first) {
        CommandLine commandLine = new CommandLine(new TimpaniCommand());
        Supplier<Object> chosen = SUBCOMMANDS.get(first);
        if (chosen != null) {
            commandLine.addSubcommand(first, chosen.get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        }
        return commandLine;
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
