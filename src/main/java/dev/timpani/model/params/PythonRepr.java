package dev.timpani.model.params;

import dev.timpani.data.PythonFloat;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Python's {@code repr} of the values a JSON or YAML document holds (dicts, lists, strings, numbers, booleans,
 * None). DRUM's runtime-parameter messages print values and nested errors this way (R-RTP-1), so ours must too.
 */
final class PythonRepr {

    private PythonRepr() {
    }

    static String of(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof Double || value instanceof Float) {
            return PythonFloat.repr(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return PythonFloat.repr(decimal.doubleValue());
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> of(e.getKey()) + ": " + of(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PythonRepr::of).collect(Collectors.joining(", ", "[", "]"));
        }
        return string(value.toString());
    }

    /** Python's {@code str()}: strings as they are, everything else as {@link #of}. */
    static String str(Object value) {
        return value instanceof String text ? text : of(value);
    }

    /** A string as Python quotes it: single quotes unless it holds a single quote and no double quote. */
    static String string(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').appendCodePoint(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append(quote).toString();
    }
}
