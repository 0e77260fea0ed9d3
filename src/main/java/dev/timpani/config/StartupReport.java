package dev.timpani.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Logs the effective configuration once at start-up, and says which DRUM flags are accepted only for
 * compatibility (R-CFG-6, R-CFG-8, R-CFG-12), so nobody wonders why {@code --monitor} did nothing.
 */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final TimpaniProperties properties;
    private final Environment environment;

    StartupReport(TimpaniProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info("Timpani configuration: {}", properties);
        // Issue 21: a server's gRPC service is off unless asked for, so say which, and how to ask. (Headless
        // commands, score and validation, have no HTTP port and never a gRPC one.)
        if (environment.containsProperty("local.server.port")) {
            GrpcAddress.of(properties, environment).ifPresentOrElse(
                    grpc -> log.info("Open Inference Protocol gRPC service listening on {}", grpc),
                    () -> log.info("Open Inference Protocol gRPC service off (--grpc-port PORT, or "
                            + "timpani.oip.grpc.enabled=true / TIMPANI_OIP_GRPC_ENABLED=true, turns it on); V2 REST "
                            + "is on the HTTP port"));
        }
        if (properties.drum().monitor()) {
            log.warn("DataRobot MLOps monitoring (--monitor and its settings) is cloud-only; ignored");
        }
        if (properties.drum().maxWorkers() != null) {
            log.info("--max-workers {} accepted; JVM-native models score on Tomcat's request threads",
                    properties.drum().maxWorkers());
        }
    }
}
