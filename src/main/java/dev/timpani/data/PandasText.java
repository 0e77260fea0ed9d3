package dev.timpani.data;

/**
 * A number as text the way Python prints the pandas value a model was trained on: a CSV column of whole numbers
 * is int64 in pandas, so {@code 4} and {@code 70} (not {@code 4.0}); anything else as a float.
 */
public final class PandasText {

    /** Beyond this magnitude a double no longer round-trips through a long. */
    private static final double LONG_RANGE = 0x1p63;

    private PandasText() {
    }

    public static String of(double value) {
        if (value == Math.rint(value) && Math.abs(value) < LONG_RANGE) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
