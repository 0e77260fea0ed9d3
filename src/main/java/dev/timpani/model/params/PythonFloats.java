package dev.timpani.model.params;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Python's {@code float(x)} for the values a JSON or YAML document holds; null where it raises. */
final class PythonFloats {

    private static final Pattern DIGITS = Pattern.compile("\\d(_?\\d)*");
    private static final Pattern DECIMAL = Pattern.compile(
            "[+-]?(" + DIGITS + "(\\.(" + DIGITS + ")?)?|\\." + DIGITS + ")([eE][+-]?" + DIGITS + ")?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private PythonFloats() {
    }

    static Double toFloat(Object value) {
        if (value instanceof Boolean bool) {
            return bool ? 1.0 : 0.0;
        }
        if (value instanceof BigInteger big) {
            return big.doubleValue();
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            String stripped = text.strip();
            if (DECIMAL.matcher(stripped).matches()) {
                return Double.parseDouble(stripped.replace("_", ""));
            }
            if (SPECIAL.matcher(stripped).matches()) {
                boolean negative = stripped.startsWith("-");
                return stripped.toLowerCase().contains("nan") ? Double.NaN
                        : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
        }
        return null;
    }
}
