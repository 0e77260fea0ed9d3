package dev.timpani.cli;

import dev.timpani.TimpaniApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;

/**
 * {@code server} with DRUM's flag names (R-CLI-4, R-CFG). Each flag becomes a {@code --timpani.*} property for
 * Spring, which ranks above the environment variables {@code config.DrumEnvironmentPostProcessor} maps, so a
 * flag wins over its variable as in DRUM.
 */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = TimpaniVersion.class,
        description = "Start the prediction server (DRUM's `drum server`).")
class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--address", description = "host:port to listen on (env ADDRESS). Default: 0.0.0.0:8080")
    String address;

    @Option(names = "--with-error-server", description = "After a load failure stay up answering 513 on every DRUM "
            + "route (env WITH_ERROR_SERVER); without it the process exits non-zero")
    boolean withErrorServer;

    @Option(names = "--max-workers", description = "Concurrent scoring workers (env MAX_WORKERS)")
    Integer maxWorkers;

    @Option(names = "--show-stacktrace", description = "Log stack traces of load failures (env SHOW_STACKTRACE)")
    boolean showStacktrace;

    @Option(names = "--production", description = "Accepted: Timpani is always production-grade")
    boolean production;

    @Option(names = "--runtime-params-file", description = "YAML of runtime parameters (env RUNTIME_PARAMS_FILE)")
    Path runtimeParamsFile;

    @Option(names = "--deployment-config",
            description = "DataRobot deployment config: answer in the Portable Prediction Server shape (env DEPLOYMENT_CONFIG)")
    Path deploymentConfig;

    @Option(names = "--logging-level", description = "Root log level: debug, info, warning, error")
    String loggingLevel;

    @Option(names = "--verbose", description = "Log Timpani's own detail (debug level for dev.timpani)")
    boolean verbose;

    @Option(names = {"--monitor", "--deployment-id", "--model-id", "--monitor-settings", "--webserver",
            "--api-token", "--monitor-embedded"}, arity = "0..1", hidden = true,
            description = "DataRobot MLOps reporting: accepted and ignored (cloud only)")
    List<String> monitoring;

    /** Spring Boot properties passed through, e.g. {@code --server.port=0}. */
    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() {
        SpringApplication.run(TimpaniApplication.class, springArguments().toArray(String[]::new));
        return TimpaniCommand.KEEP_RUNNING;
    }

    List<String> springArguments() {
        List<String> arguments = new ArrayList<>();
        for (String argument : springArguments) {
            if (!argument.startsWith("--") || !argument.contains("=")) {
                throw new ParameterException(spec.commandLine(), "Unknown option: '" + argument + "'");
            }
            arguments.add(argument);
        }
        model.properties().forEach((property, value) -> add(arguments, property, value));
        add(arguments, "timpani.address", address);
        add(arguments, "timpani.drum.max-workers", maxWorkers);
        if (withErrorServer) {
            add(arguments, "timpani.drum.with-error-server", true);
        }
        if (showStacktrace) {
            add(arguments, "timpani.drum.show-stacktrace", true);
        }
        if (production) {
            add(arguments, "timpani.drum.production", true);
        }
        add(arguments, "timpani.drum.runtime-params-file", runtimeParamsFile);
        add(arguments, "timpani.drum.deployment-config", deploymentConfig);
        if (monitoring != null) {
            add(arguments, "timpani.drum.monitor", true);
        }
        add(arguments, "logging.level.root", pythonLevel(loggingLevel));
        if (verbose) {
            // DRUM's detail switch (R-LOG-1): Timpani's own debug lines, not every framework's.
            add(arguments, "logging.level.dev.timpani", "debug");
        }
        return arguments;
    }

    private static String pythonLevel(String level) {
        if (level == null) {
            return null;
        }
        return switch (level.toLowerCase(java.util.Locale.ROOT)) {
            case "warning" -> "warn";
            case "critical" -> "error";
            default -> level.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static void add(List<String> arguments, String property, Object value) {
        if (value != null) {
            arguments.add("--" + property + "=" + value);
        }
    }
}
