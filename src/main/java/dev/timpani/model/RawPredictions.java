package dev.timpani.model;

import dev.timpani.data.Frame;
import java.util.List;
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
}
