package dev.timpani.oip;

import java.util.List;

/** What {@code GET /v2/models/{name}} and {@code ModelMetadata} answer. */
public record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
                            List<TensorMetadata> outputs) {
}
