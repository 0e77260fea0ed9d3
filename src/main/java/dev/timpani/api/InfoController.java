package dev.timpani.api;

import dev.timpani.data.PayloadFormats;
import dev.timpani.model.ChatModel;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;

/** R-ROUTE-3 and R-ROUTE-4: what is served, and which payloads it takes. */
@DrumApi
class InfoController {

    private final ModelRegistry registry;
    private final ModelInfo info;

    InfoController(ModelRegistry registry, ModelInfo info) {
        this.registry = registry;
        this.info = info;
    }

    @GetMapping({"/info", "/info/"})
    Map<String, Object> info() {
        return info.describe(registry.state());
    }

    @GetMapping({"/capabilities", "/capabilities/"})
    Map<String, Object> capabilities() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("supported_payload_formats", PayloadFormats.supported());
        // R-ROUTE-4: chat is supported when the served model has a chat hook (R-HOOK-7).
        boolean chat = registry.state() instanceof ModelState.Ready loaded && loaded.model().model() instanceof ChatModel;
        body.put("supported_methods", Map.of("chat", chat));
        // Exactly DRUM's keys: its clients and tests compare the whole object. Timpani's own facts are in /info/.
        return body;
    }
}
