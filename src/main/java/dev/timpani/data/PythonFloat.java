package dev.timpani.data;

import java.math.BigDecimal;

/**
 * Python's {@code repr} of a float, which pandas' {@code to_csv} and DRUM's messages print: the shortest digits,
 * fixed notation for exponents from -4 to 15 ({@code 0.0005}, {@code 10000000.0}), scientific outside
 * ({@code 1e-05}, {@code 1.5e+16}).
 */
public final class PythonFloat {

    private PythonFloat() {
    }

    /** {@code repr(value)}; {@code nan}, {@code inf}, {@code -inf} for the values that are not finite. */
    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        // Double.toString's digits, re-laid out by Python's rules.
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String fixed = decimal.toPlainString();
            return fixed.indexOf('.') < 0 ? fixed + ".0" : fixed;
        }
        String digits = decimal.unscaledValue().abs().toString();
        StringBuilder text = new StringBuilder(value < 0 ? "-" : "");
        text.append(digits.charAt(0));
        if (digits.length() > 1) {
            text.append('.').append(digits, 1, digits.length());
        }
        String power = Integer.toString(Math.abs(exponent));
        return text.append('e').append(exponent < 0 ? '-' : '+').append(power.length() < 2 ? "0" : "").append(power)
                .toString();
    }

    /** A csv field as pandas' {@code to_csv} writes it: {@link #repr}, and an empty field for NaN. */
    public static String csv(double value) {
        return Double.isNaN(value) ? "" : repr(value);
    }
}
