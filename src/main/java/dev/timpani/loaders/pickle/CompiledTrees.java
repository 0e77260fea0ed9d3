package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Frame;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.trees.TreeEnsemble;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scikit-learn tree, forest ({@link TreeEnsemble}) or gradient boosting ({@code trees.BoostedTrees}): the
 * request's feature columns, or the float64 columns a pipeline's steps gave, become one row-major float32 matrix
 * (scikit-learn's own cast) and the whole batch is scored at once, no per-row objects.
 */
final class CompiledTrees implements ScoringModel, FinalEstimator {

    /** Scores a row-major float32 matrix ({@code rows x features}) into {@code [output][row]}. */
    @FunctionalInterface
    interface Float32Scorer {
        double[][] predict(float[] matrix, int rows, int features);
    }

    /**
     * How a multiclass model's evaluator is named: its softmax calls NumPy's vectorised {@code exp}, which Java's
     * may differ from in the last bit (the proof's engine {@code compiled-numpy-exp}, held to 1e-15).
     */
    static final String SOFTMAX_EVALUATOR = "the compiled tree evaluator (its softmax within 1e-15 of NumPy's exp)";
    static final String TREE_EVALUATOR = "the compiled tree evaluator";

    private final Float32Scorer trees;
    private final String evaluator;
    private final boolean takesMissing;
    private final List<String> featureNames;
    private final Optional<List<String>> classes;
    private final String estimator;

    CompiledTrees(TreeEnsemble trees, List<String> featureNames, Optional<List<String>> classes, String estimator) {
        this(trees::predict, trees.takesMissing(), featureNames, classes, estimator, TREE_EVALUATOR);
    }

    /** {@code takesMissing}: whether a NaN cell is scored (the scorer routes it) rather than refused. */
    CompiledTrees(Float32Scorer trees, boolean takesMissing, List<String> featureNames,
                  Optional<List<String>> classes, String estimator, String evaluator) {
        this.trees = trees;
        this.evaluator = evaluator;
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
        double[][] x = new double[featureNames.size()][];
        Map<String, Integer> columns = frame.indexByName();
        for (int f = 0; f < x.length; f++) {
            String name = featureNames.get(f);
            x[f] = FeatureValues.of(name, frame.column(columns.get(name)));
        }
        return predict(x, rows);
    }

    @Override
    public int features() {
        return featureNames.size();
    }

    /** {@code x[feature][row]} cast to float32 (scikit-learn's {@code check_array(dtype=float32)}), then scored. */
    @Override
    public RawPredictions predict(double[][] x, int rows) {
        int features = x.length;
        float[] matrix = new float[rows * features];
        for (int f = 0; f < features; f++) {
            double[] values = x[f];
            for (int row = 0, cell = f; row < rows; row++, cell += features) {
                matrix[cell] = (float) values[row];
            }
        }
        refuseMissingAndInfinite(matrix, rows, features);
        double[][] predictions = trees.predict(matrix, rows, features);
        return classes.map(labels -> RawPredictions.labelled(predictions, labels))
                .orElseGet(() -> RawPredictions.positional(predictions));
    }

    @Override
    public String evaluator() {
        return evaluator;
    }

    /** The same trees reading a pipeline's columns, named in refusals by their place. */
    CompiledTrees readingColumns(int width) {
        return new CompiledTrees(trees, takesMissing, CompiledPipeline.outputColumnNames(width), classes, estimator,
                evaluator);
    }

    /** How a tree model of {@code classes} classes (1 for a regressor) names its evaluator. */
    static String evaluatorFor(int classes) {
        return classes > 2 ? SOFTMAX_EVALUATOR : TREE_EVALUATOR;
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
