package dev.timpani.api;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves {@code openapi/timpani.yaml}, the hand-written description of DRUM's contract that Swagger UI shows
 * (its path follows {@code URL_PREFIX}, like every DRUM route).
 */
@DrumApi
class OpenApiController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private final Resource document = new ClassPathResource("timpani/openapi/timpani.yaml");

    @GetMapping("/openapi/timpani.yaml")
    ResponseEntity<Resource> document() {
        return ResponseEntity.ok().contentType(YAML).body(document);
    }
}
