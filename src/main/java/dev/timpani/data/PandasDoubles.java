package dev.timpani.data;

/**
 * The double pandas' csv reader makes of a decimal number (R-IN-5: csv is read as {@code read_csv}'s defaults read
 * it): {@code read_csv}'s default C parser
 * ({@code float_precision=None}, i.e. "high") runs {@code precise_xstrtod} (pandas/_libs/src/parser/tokenizer.c),
 * which is not correctly rounded. It accumulates at most 17 significant digits into a double, multiplying by ten
 * each time, then scales by a power of ten from a table, so a number may come out one or two ulps away from
 * {@code Double.parseDouble}'s. DRUM reads every csv request this way, and a row sitting exactly on a tree's split
 * threshold (HistGradientBoosting's thresholds are often data values) then takes the other branch: to give DRUM's
 * answer, Timpani must read the same double. {@code PandasDoublesTest} holds this to pandas' own bits.
 */
final class PandasDoubles {

    private static final int MAX_DIGITS = 17;
    /** tokenizer.c's {@code e[]}: the correctly rounded doubles 1e0 .. 1e308, as C's compiler writes them. */
    private static final double[] POWERS_OF_TEN = new double[309];

    static {
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = Double.parseDouble("1e" + i);
        }
    }

    private PandasDoubles() {
    }

    /**
     * The number {@code text} spells, as pandas reads it, or NaN when pandas would not read the whole text as a
     * decimal number (then the cell is text to pandas, or one of its spellings of infinity: the caller's concern).
     * Leading and trailing ASCII white space is skipped, as {@code to_double} does. A number beyond the double
     * range is infinite, as pandas 2 and 3 read it (pandas 1.5 kept such a column as text).
     */
    static double parse(String text) {
        int length = text.length();
        int p = 0;
        while (p < length && isSpace(text.charAt(p))) {
            p++;
        }
        boolean negative = false;
        if (p < length && (text.charAt(p) == '-' || text.charAt(p) == '+')) {
            negative = text.charAt(p) == '-';
            p++;
        }
        double number = 0.0;
        int exponent = 0;
        int digits = 0;
        while (p < length && isDigit(text.charAt(p))) {
            if (digits < MAX_DIGITS) {
                number = number * 10.0 + (text.charAt(p) - '0');
                digits++;
            } else {
                exponent++;
            }
            p++;
        }
        if (p < length && text.charAt(p) == '.') {
            p++;
            int decimals = 0;
            while (digits < MAX_DIGITS && p < length && isDigit(text.charAt(p))) {
                number = number * 10.0 + (text.charAt(p) - '0');
                p++;
                digits++;
                decimals++;
            }
            if (digits >= MAX_DIGITS) {
                while (p < length && isDigit(text.charAt(p))) {
                    p++;
                }
            }
            exponent -= decimals;
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (negative) {
            number = -number;
        }
        if (p < length && (text.charAt(p) == 'e' || text.charAt(p) == 'E')) {
            int afterE = p + 1;
            int q = afterE;
            boolean negativeExponent = false;
            if (q < length && (text.charAt(q) == '-' || text.charAt(q) == '+')) {
                negativeExponent = text.charAt(q) == '-';
                q++;
            }
            int exponentDigits = 0;
            int n = 0;
            while (exponentDigits < MAX_DIGITS && q < length && isDigit(text.charAt(q))) {
                n = n * 10 + (text.charAt(q) - '0');
                exponentDigits++;
                q++;
            }
            // No digits after the 'e': tokenizer.c steps back one character, which leaves text unread.
            p = exponentDigits == 0 ? q - 1 : q;
            exponent += negativeExponent ? -n : n;
        }
        if (exponent > 308) {
            number = number == 0.0 ? number : Math.copySign(Double.POSITIVE_INFINITY, number); // pandas 2 and 3
        } else if (exponent > 0) {
            number *= POWERS_OF_TEN[exponent];
        } else if (exponent < -308) {
            if (exponent < -616) {
                number = 0.0;
            } else {
                number /= POWERS_OF_TEN[-308 - exponent];
                number /= POWERS_OF_TEN[308];
            }
        } else {
            number /= POWERS_OF_TEN[-exponent];
        }
        while (p < length && isSpace(text.charAt(p))) {
            p++;
        }
        return p == length ? number : Double.NaN;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** C's {@code isspace} in the "C" locale, which is what tokenizer.c's {@code isspace_ascii} tests. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }
}
