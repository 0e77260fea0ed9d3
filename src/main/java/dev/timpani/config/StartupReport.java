package dev.timpani.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs the effective configuration once at start-up, and says which DRUM flags are accepted only for
 * compatibility (R-CFG-6, R-CFG-8, R-CFG-12), so nobody wonders why {@code --monitor} did nothing.
 */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final TimpaniProperties properties;

    StartupReport(TimpaniProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info("Timpani configuration: {}", properties);
        if (properties.drum().monitor()) {
            log.warn("DataRobot MLOps monitoring (--monitor and its settings) is cloud-only; ignored");
        }
        if (properties.drum().maxWorkers() != null) {
            log.info("--max-workers {} accepted; JVM-native models score on Tomcat's request threads",
                    properties.drum().maxWorkers());
        }
    }
}
