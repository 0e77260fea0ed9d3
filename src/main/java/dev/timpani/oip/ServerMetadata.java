package dev.timpani.oip;

import java.util.List;

/** What {@code GET /v2} and {@code ServerMetadata} answer. */
public record ServerMetadata(String name, String version, List<String> extensions) {
}
