package dev.timpani.data;

import java.util.Optional;

/**
 * A structured request's data as it arrived, for models that read it themselves (the hook workers, where
 * pandas parses it): the body bytes, the mimetype R-IN-1 / R-IN-2 gave it, the charset of {@code Content-Type}
 * (absent when none was sent) and the raw {@code X.colnames} field of a sparse upload.
 */
public record Payload(byte[] body, String mimetype, Optional<String> charset, Optional<byte[]> columnNames) {

    public Payload {
        if (body == null || mimetype == null || charset == null || columnNames == null) {
            throw new IllegalArgumentException("body, mimetype, charset and columnNames must not be null");
        }
    }

    public static Payload of(byte[] body, String mimetype) {
        return new Payload(body, mimetype, Optional.empty(), Optional.empty());
    }
}
