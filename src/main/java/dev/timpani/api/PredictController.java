package dev.timpani.api;

import dev.timpani.data.PredictionsJsonWriter;
import dev.timpani.model.LoadedModel;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.PayloadScoringModel;
import dev.timpani.model.Predictions;
import dev.timpani.model.Scorer;
import dev.timpani.model.TargetType;
import dev.timpani.model.TransformModel;
import dev.timpani.model.UnstructuredModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriComponentsBuilder;

/** R-ROUTE-6: structured scoring; and the routes of other target types, which point here or away. */
@DrumApi
class PredictController {

    private final ModelRegistry registry;
    private final Scorer scorer;
    private final FramePayloadReader payloads;
    private final PredictionsJsonWriter writer = new PredictionsJsonWriter();

    PredictController(ModelRegistry registry, Scorer scorer, FramePayloadReader payloads) {
        this.registry = registry;
        this.scorer = scorer;
        this.payloads = payloads;
    }

    @PostMapping({"/predict", "/predict/", "/predictions", "/predictions/", "/invocations", "/invocations/"})
    void predict(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LoadedModel model = registry.require();
        switch (model.targetType()) {
            case UNSTRUCTURED -> throw wrongRoute(model.targetType(), "/predictUnstructured/");
            case TRANSFORM -> throw wrongRoute(model.targetType(), "/transform/");
            default -> { }
        }
        // A model that reads the bytes itself (a hook worker) gets them unparsed; the others get a Frame.
        Predictions predictions = model.model() instanceof PayloadScoringModel
                ? scorer.score(payloads.readPayload(request))
                : scorer.score(payloads.read(request));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        OutputStream out = response.getOutputStream();
        if (predictions instanceof Predictions.Probabilities probabilities) {
            writer.writeProbabilities(out, probabilities.labels().labels(), probabilities.byLabel(),
                    probabilities.extraOutput().orElse(null));
        } else {
            Predictions.Numbers numbers = (Predictions.Numbers) predictions;
            writer.writeNumbers(out, numbers.values(), numbers.extraOutput().orElse(null));
        }
    }

    /**
     * R-ROUTE-7: a transform model answers with R-OUT-6's multipart body; other target types get DRUM's pointer
     * to their own route.
     */
    @PostMapping({"/transform", "/transform/"})
    void transform(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LoadedModel model = registry.require();
        if (model.targetType() != TargetType.TRANSFORM) {
            throw wrongRoute(model.targetType(), model.targetType() == TargetType.UNSTRUCTURED
                    ? "/predictUnstructured/" : "/predict/");
        }
        if (!(model.model() instanceof TransformModel transformer)) {
            throw new ModelFailedException("The " + model.framework() + " model cannot serve transform requests");
        }
        TransformModel.Result result = scorer.transform(transformer, payloads.readPayload(request),
                payloads.readTarget(request));
        // R-OUT-6: a multipart/form-data answer.
        String boundary = "timpani-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        formField(body, boundary, "X.format", null, null, result.format().getBytes(StandardCharsets.UTF_8));
        formField(body, boundary, "X.transformed", "X.transformed",
                "sparse".equals(result.format()) ? "text/mtx" : "text/csv", result.transformed());
        result.columnNames().ifPresent(names -> formField(body, boundary, "X.colnames", "X.colnames", "text/plain",
                names));
        result.targetTransformed().ifPresent(y -> formField(body, boundary, "y.transformed", "y.transformed",
                "text/csv", y));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("multipart/form-data; boundary=" + boundary);
        response.setContentLength(body.size());
        body.writeTo(response.getOutputStream());
    }

    private static void formField(ByteArrayOutputStream out, String boundary, String name, String fileName,
                                  String contentType, byte[] content) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (fileName != null) {
            head.append("; filename=\"").append(fileName).append('"');
        }
        head.append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /** R-ROUTE-8, R-UNS: bytes in, bytes out, for unstructured models; other target types are pointed away. */
    @PostMapping({"/predictUnstructured", "/predictUnstructured/", "/predictionsUnstructured",
            "/predictionsUnstructured/"})
    void predictUnstructured(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LoadedModel model = registry.require();
        if (model.targetType() != TargetType.UNSTRUCTURED) {
            throw wrongRoute(model.targetType(),
                    model.targetType() == TargetType.TRANSFORM ? "/transform/" : "/predict/");
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
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        return new UnstructuredModel.Request(body, mimetype, charset, query, headers);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static WrongRouteException wrongRoute(TargetType targetType, String route) {
        return new WrongRouteException("This model has target type " + targetType.drumName() + ", use the "
                + route + " endpoint.");
    }
}
