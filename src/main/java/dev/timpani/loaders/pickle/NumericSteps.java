package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import java.util.List;

/**
 * Numeric transformers in a row (scalers, imputers, or none: a {@code passthrough}) on numeric request columns:
 * each column read as float64 ({@link FeatureValues}, NaN where missing), an infinity refused as every one of them
 * refuses it ({@code check_array(force_all_finite="allow-nan")}), then each step in turn. With no step, an infinity
 * is the final estimator's to refuse or take.
 */
record NumericSteps(List<NumericStep> steps) implements Preprocessing {

    NumericSteps {
        steps = List.copyOf(steps);
    }

    @Override
    public double[][] apply(Column[] inputs, List<String> names, int rows) {
        double[][] columns = new double[inputs.length][];
        for (int f = 0; f < inputs.length; f++) {
            double[] values = FeatureValues.of(names.get(f), inputs[f]);
            // With no step (a passthrough, a bare estimator) the estimator decides: HistGradientBoosting takes one.
            for (int row = 0; row < rows && !steps.isEmpty(); row++) {
                if (Double.isInfinite(values[row])) {
                    throw new BadInputException("Input X contains infinity or a value too large for "
                            + "dtype('float64'). (column '" + names.get(f) + "', row " + (row + 1) + ")");
                }
            }
            columns[f] = values;
        }
        return applySteps(steps, columns, rows);
    }

    static double[][] applySteps(List<NumericStep> steps, double[][] columns, int rows) {
        double[][] current = columns;
        for (NumericStep step : steps) {
            current = step.apply(current, rows);
        }
        return current;
    }

    @Override
    public int width(int inputs) {
        return applyWidth(steps, inputs);
    }

    static int applyWidth(List<NumericStep> steps, int inputs) {
        int width = inputs;
        for (NumericStep step : steps) {
            width = step.width(width);
        }
        return width;
    }
}
