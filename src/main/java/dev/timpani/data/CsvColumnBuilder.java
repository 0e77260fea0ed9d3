package dev.timpani.data;

import java.util.Arrays;

/**
 * Collects the raw values of one CSV column, then types the column once (R-IN-5): numbers when every
 * present value parses as pandas parses floats, else text with every original string kept. Public for the Spark
 * artifact, which types the text cells of a csv source with it as {@code score} types a chunk.
 */
public final class CsvColumnBuilder {

    private static final String[] NO_VALUES = new String[0];

    /** Raw strings in row order; {@code null} where pandas reads a missing value. */
    private String[] values = new String[64];
    private int size;
    private final PandasNaValues naValues;

    /** pandas 1.5's missing values ({@link PandasNaValues#PANDAS_1}). */
    public CsvColumnBuilder() {
        this(PandasNaValues.PANDAS_1);
    }

    public CsvColumnBuilder(PandasNaValues naValues) {
        this.naValues = naValues;
    }

    /** A raw csv cell; null is missing. */
    public void add(String raw) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = raw == null || naValues.missing(raw) ? null : raw;
    }

    public Column build() {
        if (size == 0) {
            // pandas gives a header-only column dtype object.
            return new TextColumn(NO_VALUES);
        }
        double[] numbers = new double[size];
        for (int row = 0; row < size; row++) {
            String raw = values[row];
            if (raw == null) {
                numbers[row] = Double.NaN;
                continue;
            }
            double number = NumberText.parseOrNaN(raw);
            if (Double.isNaN(number)) {
                // Every pandas NaN spelling was taken as missing above, so NaN here means "not a number".
                return new TextColumn(Arrays.copyOf(values, size));
            }
            numbers[row] = number;
        }
        // An all-missing column lands here too: pandas makes it float64.
        return new NumericColumn(numbers);
    }
}
