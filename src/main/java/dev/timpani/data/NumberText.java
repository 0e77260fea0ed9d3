package dev.timpani.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/** Number parsing with pandas' rules rather than Java's (no {@code 1d}, no hex, {@code inf} accepted). */
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
        char last = s.charAt(length - 1);
        // Java accepts type suffixes and hex floats that pandas rejects.
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F' || s.indexOf('x') >= 0 || s.indexOf('X') >= 0) {
            return infinityOrNaN(s);
        }
        char first = s.charAt(0);
        if (!(first >= '0' && first <= '9') && first != '-' && first != '+' && first != '.') {
            return infinityOrNaN(s);
        }
        try {
            // Double.parseDouble's syntax and correctly rounded result, without its slow path (most of a numeric
            // csv body's parse time); NumberTextTest holds the two to the same bits.
            return JavaDoubleParser.parseDouble(s);
        } catch (NumberFormatException notANumber) {
            return infinityOrNaN(s);
        }
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
