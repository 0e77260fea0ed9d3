package dev.timpani.model;

import dev.timpani.data.Frame;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model returned, before {@link PredictionContract} checks it: prediction columns (column-major,
 * {@code columns[c][row]}), the labels of those columns when the model knows them (in column order), and any
 * extra columns the model gave beyond its predictions (R-OUT-4).
 *
 * <p>The columns are numbers, except for a model of a text target type (R-OUT-5) that answered strings: then
 * they are in {@code texts} ({@code texts[c][row]}, null for a missing value) and {@code columns} is empty. Numbers
 * stay primitive arrays: they are every other model's hot path.
 */
public record RawPredictions(double[][] columns, String[][] texts, Optional<List<String>> columnLabels,
                             Optional<Frame> extraOutput) {

    private static final double[][] NO_NUMBERS = new double[0][];
    private static final String[][] NO_TEXTS = new String[0][];

    public RawPredictions {
        if (columns.length > 0 && texts.length > 0) {
            throw new IllegalArgumentException("Predictions are numbers or texts, not both");
        }
    }

    /** Numeric predictions. */
    public RawPredictions(double[][] columns, Optional<List<String>> columnLabels, Optional<Frame> extraOutput) {
        this(columns, NO_TEXTS, columnLabels, extraOutput);
    }

    public static RawPredictions positional(double[][] columns) {
        return new RawPredictions(columns, Optional.empty(), Optional.empty());
    }

    public static RawPredictions labelled(double[][] columns, List<String> labels) {
        return new RawPredictions(columns, Optional.of(List.copyOf(labels)), Optional.empty());
    }

    /** R-OUT-5: a text target type's model answered strings. */
    public static RawPredictions texts(String[][] texts, Optional<List<String>> columnLabels,
                                       Optional<Frame> extraOutput) {
        return new RawPredictions(NO_NUMBERS, texts, columnLabels, extraOutput);
    }

    public boolean isText() {
        return texts.length > 0;
    }

    public int columnCount() {
        return isText() ? texts.length : columns.length;
    }

    public int rowCount() {
        if (isText()) {
            return texts[0].length;
        }
        return columns.length == 0 ? 0 : columns[0].length;
    }

    /**
     * Whether every prediction column and the extra output hold exactly {@code rows} rows, so that row ranges can
     * be cut out of them. A model that answered with no columns at all does not count: its rows are unknown.
     */
    public boolean hasRows(int rows) {
        if (columnCount() == 0) {
            return false;
        }
        for (double[] column : columns) {
            if (column.length != rows) {
                return false;
            }
        }
        for (String[] column : texts) {
            if (column.length != rows) {
                return false;
            }
        }
        return extraOutput.map(extra -> extra.rowCount() == rows).orElse(true);
    }

    /** Predictions of rows {@code from} (inclusive) to {@code to} (exclusive), copied; the labels stay. */
    public RawPredictions rows(int from, int to) {
        // Arrays.copyOfRange would pad a range past the end with zeros: predictions nobody made.
        Objects.checkFromToIndex(from, to, rowCount());
        double[][] numbers = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            numbers[c] = Arrays.copyOfRange(columns[c], from, to);
        }
        String[][] strings = new String[texts.length][];
        for (int c = 0; c < texts.length; c++) {
            strings[c] = Arrays.copyOfRange(texts[c], from, to);
        }
        return new RawPredictions(numbers, strings, columnLabels, extraOutput.map(extra -> extra.rows(from, to)));
    }
}
