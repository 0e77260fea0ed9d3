package dev.timpani.cli;

import dev.timpani.TimpaniApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
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

    @Option(names = "--code-dir", description = "Model folder (env CODE_DIR). Default: the embedded example model.")
    Path codeDir;

    @Option(names = "--target-type", description = "binary, regression, multiclass, anomaly, transform, "
            + "unstructured, ... (env TARGET_TYPE)")
    String targetType;

    @Option(names = "--address", description = "host:port to listen on (env ADDRESS). Default: 0.0.0.0:8080")
    String address;

    @Option(names = "--positive-class-label", description = "Binary positive label (env POSITIVE_CLASS_LABEL)")
    String positiveClassLabel;

    @Option(names = "--negative-class-label", description = "Binary negative label (env NEGATIVE_CLASS_LABEL)")
    String negativeClassLabel;

    @Option(names = "--class-labels", arity = "1..*", description = "Multiclass labels (env CLASS_LABELS)")
    List<String> classLabels;

    @Option(names = "--class-labels-file", description = "File of class labels, one per line (env CLASS_LABELS_FILE)")
    Path classLabelsFile;

    @Option(names = "--with-error-server", description = "Accepted: Timpani always stays up in the 513 error state")
    boolean withErrorServer;

    @Option(names = "--max-workers", description = "Concurrent scoring workers (env MAX_WORKERS)")
    Integer maxWorkers;

    @Option(names = "--show-stacktrace", description = "Log stack traces of load failures (env SHOW_STACKTRACE)")
    boolean showStacktrace;

    @Option(names = "--production", description = "Accepted: Timpani is always production-grade")
    boolean production;

    @Option(names = "--runtime-params-file", description = "YAML of runtime parameters (env RUNTIME_PARAMS_FILE)")
    Path runtimeParamsFile;

    @Option(names = "--logging-level", description = "Root log level: debug, info, warning, error")
    String loggingLevel;

    @Option(names = "--verbose", description = "Log at debug level")
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
        add(arguments, "timpani.code-dir", codeDir);
        add(arguments, "timpani.target-type", targetType);
        add(arguments, "timpani.address", address);
        add(arguments, "timpani.labels.positive", positiveClassLabel);
        add(arguments, "timpani.labels.negative", negativeClassLabel);
        if (classLabels != null) {
            for (int i = 0; i < classLabels.size(); i++) {
                add(arguments, "timpani.labels.class-labels[" + i + "]", classLabels.get(i));
            }
        }
        add(arguments, "timpani.labels.class-labels-file", classLabelsFile);
        add(arguments, "timpani.drum.max-workers", maxWorkers);
        if (showStacktrace) {
            add(arguments, "timpani.drum.show-stacktrace", true);
        }
        if (production) {
            add(arguments, "timpani.drum.production", true);
        }
        add(arguments, "timpani.drum.runtime-params-file", runtimeParamsFile);
        if (monitoring != null) {
            add(arguments, "timpani.drum.monitor", true);
        }
        add(arguments, "logging.level.root", verbose ? "debug" : pythonLevel(loggingLevel));
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
