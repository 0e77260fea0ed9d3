package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import java.util.List;

/**
 * Numeric transformers in a row (scalers, imputers, or none: a {@code passthrough}) on numeric request columns:
 * each column read as float64 ({@link FeatureValues}, NaN where missing), an infinity refused as every one of them
 * refuses it ({@code check_array(force_all_finite="allow-nan")}), then each step in turn. A passthrough leaves an
 * infinity to the final estimator, to refuse or take.
 */
record NumericSteps(List<NumericStep> steps, boolean refusesInfinity) implements Preprocessing {

    NumericSteps {
        steps = List.copyOf(steps);
    }

    /** Steps that refuse an infinity; with none (a bare estimator), the estimator's own check, as a column. */
    NumericSteps(List<NumericStep> steps) {
        this(steps, true);
    }

    /**
     * A ColumnTransformer's {@code passthrough}: its columns reach the final estimator as they are, which refuses an
     * infinity or (HistGradientBoosting) takes it.
     */
    static NumericSteps passthrough() {
        return new NumericSteps(List.of(), false);
    }

    @Override
    public double[][] apply(Column[] inputs, List<String> names, int rows) {
        double[][] columns = new double[inputs.length][];
        for (int f = 0; f < inputs.length; f++) {
            double[] values = FeatureValues.of(names.get(f), inputs[f]);
            for (int row = 0; row < rows && refusesInfinity; row++) {
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
