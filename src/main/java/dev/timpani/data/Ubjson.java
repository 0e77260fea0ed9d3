package dev.timpani.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough Universal Binary JSON to read what XGBoost writes: a pickled booster's state is
 * {@code {"Config": {...}, "Model": {...}}} in UBJSON, and the {@code Model} value is the booster's own
 * {@code save_raw("ubj")} document, which XGBoost4J loads as it is. Typed arrays (the trees' numbers) are
 * skipped over, not decoded: only the small objects around them are needed.
 */
public final class Ubjson {

    private final ByteBuffer bytes;
    /** Whether typed arrays are decoded into primitive arrays rather than skipped. */
    private final boolean decodeArrays;

    private Ubjson(byte[] document, boolean decodeArrays) {
        this.bytes = ByteBuffer.wrap(document); // big-endian, as UBJSON is
        this.decodeArrays = decodeArrays;
    }

    /** The bytes of the value under {@code key} in the document's top-level object. */
    public static byte[] topLevelValue(byte[] document, String key) {
        Ubjson reader = new Ubjson(document, false);
        reader.expect('{');
        while (reader.peek() != '}') {
            String name = reader.string(reader.next());
            int start = reader.bytes.position();
            reader.skip(reader.next());
            if (name.equals(key)) {
                byte[] value = new byte[reader.bytes.position() - start];
                System.arraycopy(document, start, value, 0, value.length);
                return value;
            }
        }
        throw new IllegalArgumentException("no top-level key '" + key + "'");
    }

    /** The document as maps, lists, strings and numbers; typed arrays come back as their element count. */
    public static Object parse(byte[] document) {
        Ubjson reader = new Ubjson(document, false);
        return reader.value(reader.next());
    }

    /**
     * The whole document, typed arrays included: {@code float[]} for float32 ({@code d}), {@code double[]} for
     * float64 ({@code D}), {@code long[]} for int64 ({@code L}), {@code int[]} for the narrower integers (uint8
     * {@code U} unsigned); what a compiled engine reads the trees from.
     */
    public static Object parseWithArrays(byte[] document) {
        Ubjson reader = new Ubjson(document, true);
        return reader.value(reader.next());
    }

    private Object value(char marker) {
        return switch (marker) {
            case '{' -> object();
            case '[' -> array();
            case 'S' -> string(next());
            case 'Z' -> null;
            case 'T' -> Boolean.TRUE;
            case 'F' -> Boolean.FALSE;
            case 'd' -> bytes.getFloat();
            case 'D' -> bytes.getDouble();
            default -> integer(marker);
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> members = new LinkedHashMap<>();
        while (peek() != '}') {
            String key = string(next());
            members.put(key, value(next()));
        }
        bytes.get();
        return members;
    }

    private Object array() {
        if (peek() == '$') {
            bytes.get();
            char type = next();
            expect('#');
            long count = integer(next());
            if (decodeArrays) {
                return typedArray(type, Math.toIntExact(count));
            }
            bytes.position(Math.toIntExact(bytes.position() + count * width(type)));
            return count;
        }
        if (peek() == '#') {
            bytes.get();
            long count = integer(next());
            List<Object> items = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                items.add(value(next()));
            }
            return items;
        }
        List<Object> items = new ArrayList<>();
        while (peek() != ']') {
            items.add(value(next()));
        }
        bytes.get();
        return items;
    }

    private Object typedArray(char type, int count) {
        switch (type) {
            case 'd' -> {
                float[] values = new float[count];
                bytes.asFloatBuffer().get(values);
                bytes.position(bytes.position() + 4 * count);
                return values;
            }
            case 'D' -> {
                double[] values = new double[count];
                bytes.asDoubleBuffer().get(values);
                bytes.position(bytes.position() + 8 * count);
                return values;
            }
            case 'L' -> {
                long[] values = new long[count];
                bytes.asLongBuffer().get(values);
                bytes.position(bytes.position() + 8 * count);
                return values;
            }
            case 'i', 'U', 'I', 'l' -> {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = Math.toIntExact(integer(type));
                }
                return values;
            }
            default -> throw new IllegalArgumentException("unsupported typed array of '" + type + "'");
        }
    }

    private void skip(char marker) {
        value(marker);
    }

    /** A string's length comes as an integer of any width. */
    private String string(char lengthMarker) {
        int length = Math.toIntExact(integer(lengthMarker));
        byte[] text = new byte[length];
        bytes.get(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    private long integer(char marker) {
        return switch (marker) {
            case 'i' -> bytes.get();
            case 'U' -> bytes.get() & 0xff;
            case 'I' -> bytes.getShort();
            case 'l' -> bytes.getInt();
            case 'L' -> bytes.getLong();
            default -> throw new IllegalArgumentException("unexpected UBJSON marker '" + marker + "' at byte "
                    + (bytes.position() - 1));
        };
    }

    private static int width(char type) {
        return switch (type) {
            case 'i', 'U', 'C' -> 1;
            case 'I' -> 2;
            case 'l', 'd' -> 4;
            case 'L', 'D' -> 8;
            default -> throw new IllegalArgumentException("unsupported typed array of '" + type + "'");
        };
    }

    private char next() {
        return (char) (bytes.get() & 0xff);
    }

    private char peek() {
        return (char) (bytes.get(bytes.position()) & 0xff);
    }

    private void expect(char marker) {
        char found = next();
        if (found != marker) {
            throw new IllegalArgumentException("expected '" + marker + "', found '" + found + "' at byte "
                    + (bytes.position() - 1));
        }
    }
}
