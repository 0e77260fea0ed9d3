package dev.timpani.oip.rest;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.oip.InferenceRequest;
import dev.timpani.oip.InferenceService;
import dev.timpani.oip.ModelMetadata;
import dev.timpani.oip.OipException;
import dev.timpani.oip.ServerMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol's REST routes under {@code /v2}, beside DRUM's and, like Actuator's, outside
 * {@code URL_PREFIX}: a KServe {@code InferenceService} probes and calls them at fixed paths. The API key and the
 * in-flight limit apply to {@code infer} as to every POST route.
 */
@RestController
class V2Controller {

    static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    private final InferenceService service;
    private final JsonTensorReader reader = new JsonTensorReader();
    private final JsonTensorWriter writer = new JsonTensorWriter();
    private final long maxPayloadBytes;

    V2Controller(InferenceService service, TimpaniProperties properties) {
        this.service = service;
        this.maxPayloadBytes = properties.maxPayloadSize().toBytes();
    }

    @GetMapping("/v2/health/live")
    Map<String, Boolean> live() {
        return Map.of("live", service.live());
    }

    @GetMapping("/v2/health/ready")
    ResponseEntity<Map<String, Boolean>> ready() {
        boolean ready = service.ready();
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("ready", ready));
    }

    @GetMapping({"/v2", "/v2/"})
    ServerMetadata serverMetadata() {
        return service.serverMetadata();
    }

    @GetMapping({"/v2/models/{name}", "/v2/models/{name}/versions/{version}"})
    ModelMetadata modelMetadata(@PathVariable String name, @PathVariable(required = false) String version) {
        return service.modelMetadata(name, version);
    }

    @GetMapping({"/v2/models/{name}/ready", "/v2/models/{name}/versions/{version}/ready"})
    ResponseEntity<Map<String, Object>> modelReady(@PathVariable String name,
                                                   @PathVariable(required = false) String version) {
        boolean ready = service.modelReady(name, version);
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("name", name, "ready", ready));
    }

    @PostMapping({"/v2/models/{name}/infer", "/v2/models/{name}/versions/{version}/infer"})
    void infer(@PathVariable String name, @PathVariable(required = false) String version,
               HttpServletRequest request, HttpServletResponse response) throws IOException {
        InferenceRequest inference = reader.read(body(request), headerLength(request));
        JsonTensorWriter.Encoded encoded = writer.write(service.infer(name, version, inference));
        response.setStatus(HttpServletResponse.SC_OK);
        if (encoded.binary()) {
            // The binary tensor data extension: the JSON header's length tells the client where the tensors start.
            response.setHeader(HEADER_LENGTH, Integer.toString(encoded.jsonLength()));
            response.setContentType("application/octet-stream");
        } else {
            response.setContentType("application/json");
        }
        response.setContentLength(encoded.body().length);
        response.getOutputStream().write(encoded.body());
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxPayloadBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxPayloadBytes + 1));
            if (body.length > maxPayloadBytes) {
                throw tooLarge();
            }
            return body;
        }
    }

    private OipException tooLarge() {
        return new OipException(413, "the request body is larger than " + maxPayloadBytes
                + " bytes; raise timpani.max-payload-size to accept it");
    }

    private static int headerLength(HttpServletRequest request) {
        String value = request.getHeader(HEADER_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            int length = Integer.parseInt(value.strip());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw OipException.badRequest(HEADER_LENGTH + " must be a byte count, not '" + value + "'");
        }
    }
}
