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
 */
public record RawPredictions(double[][] columns, Optional<List<String>> columnLabels, Optional<Frame> extraOutput) {

    public static RawPredictions positional(double[][] columns) {
        return new RawPredictions(columns, Optional.empty(), Optional.empty());
    }

    public static RawPredictions labelled(double[][] columns, List<String> labels) {
        return new RawPredictions(columns, Optional.of(List.copyOf(labels)), Optional.empty());
    }

    public int columnCount() {
        return columns.length;
    }

    public int rowCount() {
        return columns.length == 0 ? 0 : columns[0].length;
    }

    /**
     * Whether every prediction column and the extra output hold exactly {@code rows} rows, so that row ranges can
     * be cut out of them. A model that answered with no columns at all does not count: its rows are unknown.
     */
    public boolean hasRows(int rows) {
        if (columns.length == 0) {
            return false;
        }
        for (double[] column : columns) {
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
        double[][] sliced = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            sliced[c] = Arrays.copyOfRange(columns[c], from, to);
        }
        return new RawPredictions(sliced, columnLabels, extraOutput.map(extra -> extra.rows(from, to)));
    }
}
