package dev.timpani.api;

import dev.timpani.model.ModelRegistry;
import org.springframework.web.bind.annotation.GetMapping;

/** R-ROUTE-1 and R-ROUTE-2: is the process up, is the model ready. */
@DrumApi
class StatusController {

    private final ModelRegistry registry;

    StatusController(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * R-ROUTE-1: 200 once the model is ready. DRUM opens its port only after loading, so its clients (its own
     * harness, DataRobot) read 200 here as "ready to predict"; while loading this is 503, and 513 in the error state.
     * Kubernetes liveness uses Actuator's liveness group instead.
     */
    @GetMapping({"", "/", "/ping", "/ping/"})
    DrumMessage ping() {
        registry.require();
        return DrumMessage.OK;
    }

    /** R-ROUTE-2: the same answers as {@code /ping/}. */
    @GetMapping({"/health", "/health/"})
    DrumMessage health() {
        registry.require();
        return DrumMessage.OK;
    }
}
