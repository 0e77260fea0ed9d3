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

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    UnsupportedOptions unsupported = new UnsupportedOptions();

    @Option(names = "--address", description = "host:port to listen on (env ADDRESS). Default: 0.0.0.0:8080")
    String address;

    // Not DRUM's: the V2 gRPC service is off unless asked for (issue 21), so a DRUM command line never binds a
    // second port; this asks for it (as timpani.oip.grpc.port / TIMPANI_OIP_GRPC_PORT do).
    @Option(names = "--grpc-port", paramLabel = "PORT", description = "Also serve the Open Inference Protocol (V2) "
            + "over gRPC on this port (0: a free one); off without it (env TIMPANI_OIP_GRPC_PORT, or "
            + "TIMPANI_OIP_GRPC_ENABLED=true for port 8081)")
    Integer grpcPort;

    @Option(names = "--with-error-server", description = "After a load failure stay up answering 513 on every DRUM "
            + "route (env WITH_ERROR_SERVER); without it the process exits non-zero")
    boolean withErrorServer;

    @Option(names = "--max-workers", description = "Concurrent scoring workers (env MAX_WORKERS)")
    Integer maxWorkers;

    @Option(names = "--production", description = "Accepted: Timpani is always production-grade")
    boolean production;

    @Option(names = "--runtime-params-file", description = "YAML of runtime parameters (env RUNTIME_PARAMS_FILE)")
    Path runtimeParamsFile;

    @Option(names = "--deployment-config",
            description = "DataRobot deployment config: answer in the Portable Prediction Server shape (env DEPLOYMENT_CONFIG)")
    Path deploymentConfig;

    @Option(names = {"--monitor", "--deployment-id", "--model-id", "--monitor-settings", "--webserver",
            "--api-token", "--monitor-embedded"}, arity = "0..1", hidden = true,
            description = "DataRobot MLOps reporting: accepted and ignored (cloud only)")
    List<String> monitoring;

    /** Spring Boot properties passed through, e.g. {@code --server.port=0}. */
    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() {
        unsupported.refuse(System.err);
        SpringApplication application = new SpringApplication(TimpaniApplication.class);
        if (TrainingRun.requested()) {
            application.addListeners(new TrainingRun());
        }
        application.run(springArguments().toArray(String[]::new));
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
        add(arguments, "timpani.oip.grpc.port", grpcPort);
        add(arguments, "timpani.drum.max-workers", maxWorkers);
        if (withErrorServer) {
            add(arguments, "timpani.drum.with-error-server", true);
        }
        common.properties().forEach((property, value) -> add(arguments, property, value));
        if (production) {
            add(arguments, "timpani.drum.production", true);
        }
        add(arguments, "timpani.drum.runtime-params-file", runtimeParamsFile);
        add(arguments, "timpani.drum.deployment-config", deploymentConfig);
        if (monitoring != null) {
            add(arguments, "timpani.drum.monitor", true);
        }
        return arguments;
    }

    private static void add(List<String> arguments, String property, Object value) {
        if (value != null) {
            arguments.add("--" + property + "=" + value);
        }
    }
}
