package dev.timpani.data;

/** A float64 column; {@code NaN} marks a missing value, as in pandas. */
public record NumericColumn(double[] values) implements Column {

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }
}
