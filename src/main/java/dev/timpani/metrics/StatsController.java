package dev.timpani.metrics;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /stats/} at DRUM's path (R-ROUTE-5), under {@code URL_PREFIX} like every DRUM route. */
@RestController
class StatsController {

    private final DrumStats stats;

    StatsController(DrumStats stats) {
        this.stats = stats;
    }

    @GetMapping({"/stats", "/stats/"})
    Map<String, Object> stats() {
        return stats.snapshot();
    }
}
