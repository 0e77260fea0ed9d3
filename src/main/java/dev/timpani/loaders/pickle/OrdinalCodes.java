package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.util.Arrays;

/**
 * A HistGradientBoosting categorical column from scikit-learn 1.4, as the estimator's {@code OrdinalEncoder} hands it
 * to the predictors (sklearn/preprocessing/_encoders.py {@code OrdinalEncoder.transform}, 1.4 to 1.9): each value
 * becomes the position of the equal fitted category ({@code np.isin} then {@code np.searchsorted}: -0.0 is 0.0),
 * and a missing value or one it never saw becomes NaN ({@code encoded_missing_value}, {@code unknown_value}).
 */
final class OrdinalCodes {

    private OrdinalCodes() {
    }

    /**
     * @param categories the fitted categories, sorted, NaN left out, -0.0 as 0.0
     */
    static double[] encode(String name, Column column, double[] categories) {
        if (column instanceof TextColumn text) {
            return missingOrRefused(name, text);
        }
        double[] values = ((NumericColumn) column).values();
        double[] codes = new double[values.length];
        for (int row = 0; row < values.length; row++) {
            double value = values[row];
            if (Double.isInfinite(value)) {
                // _check_X: check_array(ensure_all_finite="allow-nan") on the column.
                throw new BadInputException("Input contains infinity or a value too large for dtype('float64'). "
                        + "(column '" + name + "', row " + (row + 1) + ")");
            }
            int at = value != value ? -1 : Arrays.binarySearch(categories, value + 0.0);
            codes[row] = at >= 0 ? at : Double.NaN;
        }
        return codes;
    }

    /**
     * A text column reaches the encoder as strings (pandas' object dtype), none equal to a float64 category: the
     * library would score every row as missing, whatever the text says ("3" too). That is never what the sender
     * meant, and a csv column is text only when some cell is no number: refused, naming the first such cell. A text
     * column without one (no rows, or every cell missing) is missing throughout, as in the library.
     */
    private static double[] missingOrRefused(String name, TextColumn text) {
        String[] cells = text.values();
        for (int row = 0; row < cells.length; row++) {
            if (cells[row] != null) {
                throw new BadInputException("column '" + name + "' is categorical with numbers for categories, and "
                        + "holds text in row " + (row + 1) + " (\"" + cells[row] + "\"), which scikit-learn would "
                        + "take as an unknown category in every row of the column");
            }
        }
        double[] missing = new double[cells.length];
        Arrays.fill(missing, Double.NaN);
        return missing;
    }
}
