package dev.timpani.hooks;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker protocol's framing (see {@code timpani/PROTOCOL.md}): every message, either way, is
 * {@code u32 metaLength, u32 bodyLength} (big-endian), then that many bytes of UTF-8 JSON metadata, then that
 * many bytes of body.
 */
final class Wire {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Wire() {
    }

    record Message(JsonNode meta, byte[] body) {

        boolean ok() {
            return "ok".equals(meta.path("status").asString());
        }
    }

    static void write(DataOutputStream out, Map<String, ?> meta, byte[] body) throws IOException {
        byte[] encoded = JSON.writeValueAsBytes(meta);
        out.writeInt(encoded.length);
        out.writeInt(body.length);
        out.write(encoded);
        out.write(body);
        out.flush();
    }

    /** The next message, or {@code null} at a clean end of stream. */
    static Message read(DataInputStream in) throws IOException {
        int metaLength;
        try {
            metaLength = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        int bodyLength = in.readInt();
        if (metaLength < 0 || bodyLength < 0) {
            throw new IOException("Corrupt frame from the worker: lengths " + metaLength + ", " + bodyLength);
        }
        byte[] meta = in.readNBytes(metaLength);
        byte[] body = in.readNBytes(bodyLength);
        if (meta.length < metaLength || body.length < bodyLength) {
            throw new EOFException("The worker's answer ended early");
        }
        return new Message(JSON.readTree(meta), body);
    }
}
