package dev.timpani.api;

import dev.timpani.model.ChatModel;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.ModelSource;
import dev.timpani.model.Scorer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * R-ROUTE-9: OpenAI-compatible chat for models with a {@code chat} hook (R-HOOK-7). The request's JSON goes to
 * the model unparsed; a completion comes back as JSON, a streamed answer as server-sent events, one
 * {@code data: <chunk>} per chunk flushed as it arrives, then {@code data: [DONE]}.
 */
@DrumApi
class ChatController {

    private static final Logger log = LoggerFactory.getLogger(ChatController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ModelRegistry registry;
    private final Scorer scorer;
    private final FramePayloadReader payloads;
    private final long created = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000;

    ChatController(ModelRegistry registry, Scorer scorer, FramePayloadReader payloads) {
        this.registry = registry;
        this.scorer = scorer;
        this.payloads = payloads;
    }

    // DRUM maps these without the trailing slash (the OpenAI client's spelling); both answer here.
    @PostMapping({"/chat/completions", "/chat/completions/", "/v1/chat/completions", "/v1/chat/completions/"})
    void chat(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ChatModel model = chatModel(registry.require());
        byte[] body = payloads.readBody(request);
        ChatModel.ChatResponse answer = scorer.chat(model, body);
        if (answer instanceof ChatModel.Completion completion) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(completion.json().length);
            response.getOutputStream().write(completion.json());
            return;
        }
        try (ChatModel.ChunkStream stream = (ChatModel.ChunkStream) answer) {
            stream(stream, response);
        }
    }

    /** GET {@code /models}: an OpenAI model list naming the one served model. */
    @GetMapping({"/models", "/models/", "/v1/models", "/v1/models/"})
    Map<String, Object> models() {
        LoadedModel loaded = registry.require();
        chatModel(loaded);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", modelId(loaded));
        model.put("object", "model");
        model.put("created", created);
        model.put("owned_by", "timpani");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", List.of(model));
        return body;
    }

    private static void stream(ChatModel.ChunkStream stream, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // proxies (nginx) must not hold events back
        OutputStream out = response.getOutputStream();
        try {
            while (true) {
                byte[] chunk;
                try {
                    chunk = stream.next();
                } catch (RuntimeException failed) {
                    // Headers are out: the failure becomes the stream's last event, as OpenAI's API sends it.
                    log.warn("Chat stream failed: {}", failed.getMessage());
                    out.write(DATA);
                    out.write(errorEvent(failed));
                    out.write(EVENT_END);
                    out.flush();
                    return;
                }
                if (chunk == null) {
                    break;
                }
                out.write(DATA);
                out.write(chunk);
                out.write(EVENT_END);
                out.flush();
            }
            out.write(DONE);
            out.flush();
        } catch (IOException clientGone) {
            // The client closed the connection: closing the stream stops the model's producer.
            log.info("Chat client went away mid-stream: {}", clientGone.getMessage());
        }
    }

    private static byte[] errorEvent(RuntimeException failed) {
        String message = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", DrumMessage.error(message).message());
        error.put("type", "server_error");
        error.put("code", 500);
        return JSON.writeValueAsBytes(Map.of("error", error));
    }

    private static ChatModel chatModel(LoadedModel loaded) {
        if (loaded.model() instanceof ChatModel chat) {
            return chat;
        }
        throw new ChatNotSupportedException("This model does not support chat: "
                + ("python".equals(loaded.framework())
                ? "its custom.py has no chat hook" : "the " + loaded.framework() + " loader has no chat"));
    }

    /** The model's {@code name} in model-metadata.yaml, else the code dir's name (as DRUM names it). */
    private String modelId(LoadedModel loaded) {
        Path codeDir = codeDir(loaded);
        if (codeDir != null && ModelInfo.metadata(codeDir) instanceof Map<?, ?> metadata) {
            Object name = metadata.get("name");
            if (name != null && !name.toString().isBlank()) {
                return name.toString().strip();
            }
        }
        Path fileName = codeDir == null ? null : codeDir.toAbsolutePath().normalize().getFileName();
        return fileName == null ? "model" : fileName.toString();
    }

    private Path codeDir(LoadedModel loaded) {
        try {
            ModelSource source = registry.source();
            if (!source.embeddedExample() && source.codeDir() != null) {
                return source.codeDir();
            }
        } catch (RuntimeException misconfigured) {
            // fall back to where the artifact is
        }
        return loaded.artifact().getParent();
    }
}
