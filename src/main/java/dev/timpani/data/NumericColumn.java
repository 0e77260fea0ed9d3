package dev.timpani.data;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

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

    @Override
    public NumericColumn rows(int from, int to) {
        return new NumericColumn(Arrays.copyOfRange(values, from, to));
    }

    static NumericColumn concat(List<Column> parts) {
        int size = 0;
        for (Column part : parts) {
            size += part.size();
        }
        double[] all = new double[size];
        int at = 0;
        for (Column part : parts) {
            double[] values = ((NumericColumn) part).values();
            System.arraycopy(values, 0, all, at, values.length);
            at += values.length;
        }
        return new NumericColumn(all);
    }

    /**
     * Each row boxed for a model API that takes objects (JPMML, H2O, scoring code): null when missing, and, for a
     * text-typed field, the text pandas would have printed ("4", not "4.0"). Chosen once per request, so the
     * per-cell work is an array read.
     */
    public IntFunction<Object> boxed(boolean asText) {
        return asText
                ? row -> Double.isNaN(values[row]) ? null : PandasText.of(values[row])
                : row -> Double.isNaN(values[row]) ? null : (Object) values[row];
    }
}
