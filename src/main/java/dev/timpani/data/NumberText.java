package dev.timpani.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Number parsing as pandas' {@code read_csv} does it, rather than Java's: no {@code 1d}, no hex, {@code inf}
 * accepted, and a decimal read to the double pandas makes of it ({@link PandasDoubles}), which is not always the
 * correctly rounded one that {@code Double.parseDouble} gives.
 */
public final class NumberText {

    private NumberText() {
    }

    public static boolean isNumber(String text) {
        return !Double.isNaN(parseOrNaN(text)) || isNaNLiteral(text);
    }

    /** The value of {@code text}, or NaN when pandas would not read it as a float. */
    public static double parseOrNaN(String text) {
        String s = text.strip();
        int length = s.length();
        if (length == 0) {
            return Double.NaN;
        }
        char first = s.charAt(0);
        if (!(first >= '0' && first <= '9') && first != '-' && first != '+' && first != '.') {
            return infinityOrNaN(s);
        }
        if (isInteger(s)) {
            // pandas reads a column of integers as int64 (or Python ints past its range), and the model's float64
            // cast of an integer is correctly rounded.
            return s.length() <= 18 ? Long.parseLong(s) : JavaDoubleParser.parseDouble(s);
        }
        double value = PandasDoubles.parse(s);
        return Double.isNaN(value) ? infinityOrNaN(s) : value;
    }

    /** An integer literal: digits after an optional sign. */
    private static boolean isInteger(String s) {
        int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        int length = s.length();
        if (length == start) {
            return false;
        }
        for (int i = start; i < length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static double infinityOrNaN(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        return switch (lower) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }

    private static boolean isNaNLiteral(String text) {
        return text.strip().equalsIgnoreCase("nan");
    }
}
