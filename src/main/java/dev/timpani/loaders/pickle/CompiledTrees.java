package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.trees.TreeEnsemble;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scikit-learn tree, forest ({@link TreeEnsemble}) or gradient boosting ({@code trees.BoostedTrees}): the
 * request's feature columns become one row-major float32 matrix (scikit-learn's own cast) and the whole batch is
 * scored at once, no per-row objects.
 */
final class CompiledTrees implements ScoringModel {

    /** Scores a row-major float32 matrix ({@code rows x features}) into {@code [output][row]}. */
    @FunctionalInterface
    interface Float32Scorer {
        double[][] predict(float[] matrix, int rows, int features);
    }

    private final Float32Scorer trees;
    private final boolean takesMissing;
    private final List<String> featureNames;
    private final Optional<List<String>> classes;
    private final String estimator;

    CompiledTrees(TreeEnsemble trees, List<String> featureNames, Optional<List<String>> classes, String estimator) {
        this(trees::predict, trees.takesMissing(), featureNames, classes, estimator);
    }

    /** {@code takesMissing}: whether a NaN cell is scored (the scorer routes it) rather than refused. */
    CompiledTrees(Float32Scorer trees, boolean takesMissing, List<String> featureNames,
                  Optional<List<String>> classes, String estimator) {
        this.trees = trees;
        this.takesMissing = takesMissing;
        this.featureNames = List.copyOf(featureNames);
        this.classes = classes.map(List::copyOf);
        this.estimator = estimator;
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
        refuseMissingAndInfinite(matrix, rows, features);
        double[][] predictions = trees.predict(matrix, rows, features);
        return classes.map(labels -> RawPredictions.labelled(predictions, labels))
                .orElseGet(() -> RawPredictions.positional(predictions));
    }

    /** The request's values cast to float32 (scikit-learn's {@code check_array(dtype=float32)}), NaN where missing. */
    private static void copyColumn(String name, Column column, float[] matrix, int feature, int stride) {
        double[] values = FeatureValues.of(name, column);
        for (int row = 0, cell = feature; row < values.length; row++, cell += stride) {
            matrix[cell] = (float) values[row];
        }
    }

    /**
     * What {@code _assert_all_finite} refuses after the float32 cast: infinity (or a value beyond float32's range)
     * always, NaN unless this version's tree takes missing values. The library raises; Timpani answers 422 with
     * its words and the cell's place (R-ERR-1).
     */
    private void refuseMissingAndInfinite(float[] matrix, int rows, int features) {
        for (int row = 0, cell = 0; row < rows; row++) {
            for (int f = 0; f < features; f++, cell++) {
                float value = matrix[cell];
                if (Float.isInfinite(value)) {
                    throw new BadInputException("Input X contains infinity or a value too large for "
                            + "dtype('float32'). (column '" + featureNames.get(f) + "', row " + (row + 1) + ")");
                }
                if (value != value && !takesMissing) {
                    throw new BadInputException("Input X contains NaN.\n" + estimator + " does not accept missing "
                            + "values encoded as NaN natively. (column '" + featureNames.get(f) + "' has no value in "
                            + "row " + (row + 1) + ")");
                }
            }
        }
    }
}
