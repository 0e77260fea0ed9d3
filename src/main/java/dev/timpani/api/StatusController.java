package dev.timpani.api;

import dev.timpani.model.ModelNotReadyException;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelState;
import org.springframework.web.bind.annotation.GetMapping;

/** R-ROUTE-1 and R-ROUTE-2: is the process up, is the model ready. */
@DrumApi
class StatusController {

    private final ModelRegistry registry;

    StatusController(ModelRegistry registry) {
        this.registry = registry;
    }

    /** Up as soon as the process listens, also while loading; 513 in the error state, as DRUM's error server. */
    @GetMapping({"", "/", "/ping", "/ping/"})
    DrumMessage ping() {
        if (registry.state() instanceof ModelState.Failed failed) {
            throw ModelNotReadyException.failed(failed.message());
        }
        return DrumMessage.OK;
    }

    @GetMapping({"/health", "/health/"})
    DrumMessage health() {
        registry.require();
        return DrumMessage.OK;
    }
}
