package dev.timpani.api;

import dev.timpani.model.LoadedModel;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.Scorer;
import dev.timpani.model.TargetType;
import dev.timpani.model.UnstructuredModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriComponentsBuilder;

/** R-ROUTE-8: unstructured models; the other target types are pointed at their own route. */
@DrumApi
class UnstructuredController {

    private final ModelRegistry registry;
    private final Scorer scorer;
    private final FramePayloadReader payloads;

    UnstructuredController(ModelRegistry registry, Scorer scorer, FramePayloadReader payloads) {
        this.registry = registry;
        this.scorer = scorer;
        this.payloads = payloads;
    }

    /** R-ROUTE-8, R-UNS: bytes in, bytes out, for unstructured models; other target types are pointed away. */
    @PostMapping({"/predictUnstructured", "/predictUnstructured/", "/predictionsUnstructured",
            "/predictionsUnstructured/"})
    void predictUnstructured(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LoadedModel model = registry.require();
        // DRUM lets text generation models through too: LLMs also serve as guard models over this route.
        if (model.targetType() != TargetType.UNSTRUCTURED && model.targetType() != TargetType.TEXTGENERATION) {
            throw WrongRouteException.onUnstructured(model.targetType());
        }
        if (!(model.model() instanceof UnstructuredModel unstructured)) {
            throw new ModelFailedException("The " + model.framework() + " model cannot score unstructured requests");
        }
        UnstructuredModel.Response answer = scorer.scoreUnstructured(unstructured, unstructuredRequest(request));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Content-Type", answer.contentType());
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /** R-UNS-1: mimetype from {@code Content-Type} (text/plain when absent), charset utf-8 unless given. */
    private UnstructuredModel.Request unstructuredRequest(HttpServletRequest request) throws IOException {
        byte[] body = payloads.readBody(request);
        String contentType = request.getContentType();
        String mimetype = contentType == null || contentType.isBlank() ? "text/plain"
                : FramePayloadReader.mimetype(contentType);
        String charset = FramePayloadReader.charset(contentType).orElse("utf-8");
        Map<String, List<String>> query = new LinkedHashMap<>();
        String queryString = request.getQueryString();
        if (queryString != null && !queryString.isEmpty()) {
            UriComponentsBuilder.newInstance().query(queryString).build().getQueryParams().forEach((name, values) ->
                    query.put(decode(name), values.stream().map(v -> v == null ? "" : decode(v)).toList()));
        }
        return new UnstructuredModel.Request(body, mimetype, charset, query, WsgiHeaders.of(request));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
