package dev.timpani.loaders.xgboost;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON text for XGBoost's own reader ({@code src/common/json.cc}, 3.4.0), which is not a general
 * JSON parser: it decodes only the escapes {@code \" \\ \n \r \t} (a backslash-u escape stays as it is), and it
 * reads {@code NaN}, {@code Infinity} and {@code -Infinity} as numbers. Commas are the caller's.
 */
final class JsonBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    JsonBytes raw(String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** An already well-formed JSON value, copied byte for byte. */
    JsonBytes raw(byte[] json) {
        out.writeBytes(json);
        return this;
    }

    JsonBytes key(String name) {
        return string(name.getBytes(StandardCharsets.US_ASCII)).raw(":");
    }

    /**
     * A string of the model file's bytes, copied as they are (XGBoost keeps {@code std::string}s as bytes and
     * checks no encoding), escaping only what its reader unescapes.
     */
    JsonBytes string(byte[] value) {
        out.write('"');
        for (byte b : value) {
            switch (b) {
                case '"' -> raw("\\\"");
                case '\\' -> raw("\\\\");
                case '\n' -> raw("\\n");
                case '\r' -> raw("\\r");
                case '\t' -> raw("\\t");
                default -> out.write(b);
            }
        }
        out.write('"');
        return this;
    }

    JsonBytes string(String ascii) {
        return string(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Java's shortest decimal that reads back to the same float ({@code Float.toString}); XGBoost parses it
     * with its Ryu-based {@code from_chars} (up to 9 digits) or {@code strtof}, both correctly rounded, so the
     * float it gets has the same bits. Non-finite values become the tokens XGBoost's reader accepts.
     */
    JsonBytes number(float value) {
        return raw(Float.toString(value));
    }

    JsonBytes number(long value) {
        return raw(Long.toString(value));
    }

    JsonBytes numbers(float[] values) {
        out.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            number(values[i]);
        }
        out.write(']');
        return this;
    }

    JsonBytes numbers(int[] values) {
        out.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            number(values[i]);
        }
        out.write(']');
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
