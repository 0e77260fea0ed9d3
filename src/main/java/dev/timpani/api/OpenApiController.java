package dev.timpani.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code openapi/timpani.yaml}, the hand-written description of DRUM's contract that Swagger UI shows, and
 * the same document where springdoc users and tools look for it: {@code /v3/api-docs} as JSON and
 * {@code /v3/api-docs.yaml}. Every path follows {@code URL_PREFIX}, like every DRUM route.
 */
@DrumApi
class OpenApiController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private final Resource document = new ClassPathResource("timpani/openapi/timpani.yaml");
    /** Converted on first request, not at start-up: the YAML parser stays off the start-up path. */
    private final SingletonSupplier<byte[]> json = SingletonSupplier.of(this::toJson);

    @GetMapping({"/openapi/timpani.yaml", "/v3/api-docs.yaml"})
    ResponseEntity<Resource> document() {
        return ResponseEntity.ok().contentType(YAML).body(document);
    }

    @GetMapping("/v3/api-docs")
    ResponseEntity<byte[]> documentAsJson() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.obtain());
    }

    private byte[] toJson() {
        try (InputStream in = document.getInputStream()) {
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return JsonMapper.builder().build().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document", e);
        }
    }
}
