package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumberText;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scikit-learn tree or forest scored by {@link TreeEnsemble}: the request's feature columns become one
 * row-major float32 matrix (scikit-learn's own cast) and the whole batch is scored at once, no per-row objects.
 */
final class CompiledTrees implements ScoringModel {

    private final TreeEnsemble trees;
    private final List<String> featureNames;
    private final Optional<List<String>> classes;

    CompiledTrees(TreeEnsemble trees, List<String> featureNames, Optional<List<String>> classes) {
        this.trees = trees;
        this.featureNames = List.copyOf(featureNames);
        this.classes = classes.map(List::copyOf);
    }

    @Override
    public String predictor() {
        return "SKLearnPredictor";
    }

    @Override
    public RawPredictions predict(Frame frame) {
        int rows = frame.rowCount();
        int features = featureNames.size();
        float[] matrix = new float[rows * features];
        Map<String, Integer> columns = frame.indexByName();
        for (int f = 0; f < features; f++) {
            String name = featureNames.get(f);
            copyColumn(name, frame.column(columns.get(name)), matrix, f, features);
        }
        double[][] predictions = trees.predict(matrix, rows, features);
        return classes.map(labels -> RawPredictions.labelled(predictions, labels))
                .orElseGet(() -> RawPredictions.positional(predictions));
    }

    /**
     * scikit-learn 1.2's trees refuse missing values ({@code check_array}: "Input contains NaN"), so a missing
     * value is the client's to fix rather than a route down some branch.
     */
    private static void copyColumn(String name, Column column, float[] matrix, int feature, int stride) {
        if (column instanceof NumericColumn numbers) {
            double[] values = numbers.values();
            for (int row = 0, cell = feature; row < values.length; row++, cell += stride) {
                double value = values[row];
                if (Double.isNaN(value)) {
                    throw missing(name, row);
                }
                matrix[cell] = (float) value;
            }
            return;
        }
        String[] texts = ((TextColumn) column).values();
        for (int row = 0, cell = feature; row < texts.length; row++, cell += stride) {
            if (texts[row] == null) {
                throw missing(name, row);
            }
            if (!NumberText.isNumber(texts[row])) {
                throw new BadInputException("column '" + name + "' is not a number in row " + (row + 1) + " (\""
                        + texts[row] + "\")");
            }
            double value = NumberText.parseOrNaN(texts[row]);
            if (Double.isNaN(value)) {
                throw missing(name, row);
            }
            matrix[cell] = (float) value;
        }
    }

    private static BadInputException missing(String name, int row) {
        return new BadInputException("column '" + name + "' has no value in row " + (row + 1)
                + ": this scikit-learn model takes no missing values (Input contains NaN)");
    }
}
