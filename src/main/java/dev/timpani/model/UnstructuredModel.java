package dev.timpani.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model served with the unstructured target type (R-UNS, R-HOOK-6): bytes in, bytes out, with the mimetype
 * and charset of each side. Implementations are thread-safe.
 */
public interface UnstructuredModel {

    Response score(Request request);

    /**
     * @param body     the request body as sent
     * @param mimetype from {@code Content-Type}; {@code text/plain} when absent (R-UNS-1)
     * @param charset  from its {@code charset} parameter; {@code utf-8} when absent
     * @param query    the query parameters, each with its values in order (R-UNS-3)
     * @param headers  the request headers, names as sent
     */
    record Request(byte[] body, String mimetype, String charset, Map<String, List<String>> query,
                   Map<String, String> headers) {
    }

    /** R-UNS-2: the body and the mimetype / charset to send it with; no charset for plain bytes. */
    record Response(byte[] body, String mimetype, Optional<String> charset) {

        public String contentType() {
            return charset.map(c -> mimetype + "; charset=" + c).orElse(mimetype);
        }
    }
}
