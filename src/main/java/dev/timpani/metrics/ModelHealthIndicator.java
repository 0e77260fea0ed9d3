package dev.timpani.metrics;

import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness is "the model is loaded" (the same fact as {@code /health/}): up when ready, out of service while
 * loading, down with the load error in the error state.
 */
class ModelHealthIndicator implements HealthIndicator {

    private final ModelRegistry registry;

    ModelHealthIndicator(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        ModelState state = registry.state();
        if (state instanceof ModelState.Ready ready) {
            return Health.up().withDetail("framework", ready.model().framework())
                    .withDetail("predictor", ready.model().model().predictor()).build();
        }
        if (state instanceof ModelState.Failed failed) {
            return Health.down().withDetail("error", failed.message()).build();
        }
        return Health.outOfService().withDetail("state", "loading").build();
    }
}
