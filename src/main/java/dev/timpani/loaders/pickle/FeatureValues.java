package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.NumberText;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import java.util.ArrayList;
import java.util.List;
import org.jpmml.python.HasArray;

/** What the compiled evaluators read from a request and from a pickle, the same way for every family. */
final class FeatureValues {

    private FeatureValues() {
    }

    /**
     * A request column as the float64 numbers an estimator reads: NaN where missing (pandas' reading), a 422 for
     * text that is no number. A numeric column is returned as it is, not copied.
     */
    static double[] of(String name, Column column) {
        if (column instanceof NumericColumn numbers) {
            return numbers.values();
        }
        String[] texts = ((TextColumn) column).values();
        double[] values = new double[texts.length];
        for (int row = 0; row < texts.length; row++) {
            double value = texts[row] == null ? Double.NaN : NumberText.parseOrNaN(texts[row]);
            // Parsed once; only a NaN result is looked at again, to tell a "nan" cell from text that is no number.
            if (Double.isNaN(value) && texts[row] != null && !NumberText.isNumber(texts[row])) {
                throw new BadInputException("column '" + name + "' is not a number in row " + (row + 1) + " (\""
                        + texts[row] + "\")");
            }
            values[row] = value;
        }
        return values;
    }

    /** A fitted {@code classes_} array as the labels a prediction's columns carry. */
    static List<String> labels(HasArray classes) {
        List<String> labels = new ArrayList<>();
        for (Object value : classes.getArrayContent()) {
            labels.add(String.valueOf(value));
        }
        return labels;
    }
}
