package dev.timpani.api;

import dev.timpani.model.LoadedModel;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.ModelRegistry;
import dev.timpani.model.Scorer;
import dev.timpani.model.TargetType;
import dev.timpani.model.TransformModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;

/** R-ROUTE-7: transform models; the other target types are pointed at their own route. */
@DrumApi
class TransformController {

    private final ModelRegistry registry;
    private final Scorer scorer;
    private final FramePayloadReader payloads;

    TransformController(ModelRegistry registry, Scorer scorer, FramePayloadReader payloads) {
        this.registry = registry;
        this.scorer = scorer;
        this.payloads = payloads;
    }

    /**
     * R-ROUTE-7: a transform model answers with R-OUT-6's multipart body; other target types get DRUM's pointer
     * to their own route.
     */
    @PostMapping({"/transform", "/transform/"})
    void transform(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LoadedModel model = registry.require();
        if (model.targetType() != TargetType.TRANSFORM) {
            throw WrongRouteException.onTransform(model.targetType());
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

}
