package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumberText;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What scikit-learn's {@code check_array} refuses before any estimator sees a row ({@code _assert_all_finite}):
 * an infinity, or a number beyond the estimator's float type once cast (gradient boosting casts to float32), and
 * NaN for estimators that take no missing values. The
 * PMML engine would score such a row; the library raises, so the JVM refuses it too (R-ERR-1, Timpani: a 422
 * naming the cell, with the library's words).
 *
 * @param features the columns the estimator reads
 * @param float32  whether the estimator casts its input to float32
 * @param takesNaN whether the estimator takes NaN (else {@code Input X contains NaN.}, where the PMML engine
 *                 would answer the row as a missing value)
 */
record FiniteInputs(List<String> features, boolean float32, boolean takesNaN) implements UnaryOperator<Frame> {

    @Override
    public Frame apply(Frame frame) {
        for (String feature : features) {
            int index = frame.indexOf(feature);
            if (index >= 0) {
                check(feature, frame.column(index));
            }
        }
        return frame;
    }

    private void check(String feature, Column column) {
        if (column instanceof NumericColumn numbers) {
            double[] values = numbers.values();
            for (int row = 0; row < values.length; row++) {
                check(feature, row, values[row]);
            }
        } else if (column instanceof TextColumn texts) {
            String[] values = texts.values();
            for (int row = 0; row < values.length; row++) {
                double value = values[row] == null ? Double.NaN : NumberText.parseOrNaN(values[row]);
                // Text that is no number is the converted model's to refuse; a "nan" cell is missing like an empty one.
                if (!Double.isNaN(value) || values[row] == null || NumberText.isNumber(values[row])) {
                    check(feature, row, value);
                }
            }
        }
    }

    private void check(String feature, int row, double value) {
        if (Double.isNaN(value) && !takesNaN) {
            throw new BadInputException("Input X contains NaN. (column '" + feature + "' has no value in row "
                    + (row + 1) + ")");
        }
        if (Double.isInfinite(value) || float32 && Float.isInfinite((float) value)) {
            throw new BadInputException("Input X contains infinity or a value too large for dtype('"
                    + (float32 ? "float32" : "float64") + "'). (column '" + feature + "', row " + (row + 1) + ")");
        }
    }
}
