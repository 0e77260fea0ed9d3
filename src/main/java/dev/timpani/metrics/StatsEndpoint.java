package dev.timpani.metrics;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** The same DRUM-shaped statistics as an Actuator endpoint, {@code /actuator/stats}. */
@Endpoint(id = "stats")
class StatsEndpoint {

    private final DrumStats stats;

    StatsEndpoint(DrumStats stats) {
        this.stats = stats;
    }

    @ReadOperation
    Map<String, Object> stats() {
        return stats.snapshot();
    }
}
