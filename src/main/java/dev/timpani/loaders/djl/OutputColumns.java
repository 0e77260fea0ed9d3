package dev.timpani.loaders.djl;

import dev.timpani.model.ModelFailedException;
import java.util.Arrays;

/**
 * A model's output tensor ({@code [rows]} or {@code [rows, k]}, row-major) as prediction columns: one column is a
 * regression value or P(positive) (R-OUT-12), k columns are class probabilities in label order (R-OUT-13).
 */
final class OutputColumns {

    private OutputColumns() {
    }

    static double[][] fromTensor(double[] values, long[] shape, int inputRows) {
        if (shape.length == 0 || shape[0] != inputRows) {
            throw new ModelFailedException("The model returned a tensor of shape " + Arrays.toString(shape) + " for "
                    + inputRows + " input rows");
        }
        int width = inputRows == 0 ? 1 : values.length / inputRows;
        double[][] columns = new double[width][inputRows];
        for (int row = 0, cell = 0; row < inputRows; row++) {
            for (int c = 0; c < width; c++, cell++) {
                columns[c][row] = values[cell];
            }
        }
        return columns;
    }
}
