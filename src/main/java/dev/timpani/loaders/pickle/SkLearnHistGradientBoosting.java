package dev.timpani.loaders.pickle;

import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.trees.GlibcExp;
import dev.timpani.trees.HistTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.razorvine.pickle.objects.ClassDict;
import org.jpmml.python.HasArray;
import org.jpmml.python.PythonObject;
import sklearn.ensemble.hist_gradient_boosting.TreePredictor;

/**
 * HistGradientBoostingClassifier and -Regressor compiled from their own predictors (R-HOOK-3's built-in predictor:
 * {@code predict_proba} for a classifier, {@code predict} for a regressor) ({@link HistTrees}), not
 * converted to PMML: JPMML's document differed from scikit-learn by up to 1.2e-9 on 20 of 102 generated
 * regressors (issue 20), and its converter refuses scikit-learn 1.6 and later. The output follows the loss's link
 * ({@code sklearn/_loss/loss.py}): identity for the regressors' squared, absolute and quantile losses; for a
 * binary classifier {@code proba[:, 1] = expit(raw)}, {@code proba[:, 0] = 1 - proba[:, 1]}; for a multiclass one
 * the softmax of {@code _loss.pyx}'s {@code sum_exp_minus_max}.
 */
final class SkLearnHistGradientBoosting {

    static final Set<String> FAMILIES = Set.of(
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingRegressor");
    private static final Set<String> IDENTITY_LOSSES = Set.of("HalfSquaredError", "AbsoluteError", "PinballLoss");

    private SkLearnHistGradientBoosting() {
    }

    static boolean handles(Unpickled pickle) {
        return FAMILIES.contains(pickle.className());
    }

    static ScoringModel load(Unpickled pickle, SkLearnVersion version) {
        PythonObject estimator = (PythonObject) pickle.root();
        if (estimator.get("is_categorical_") instanceof HasArray categorical) {
            for (Object flag : categorical.getArrayContent()) {
                if (Boolean.TRUE.equals(flag) || flag instanceof Number n && n.intValue() != 0) {
                    throw new ModelDeclinedException(pickle.simpleName() + " has categorical features, whose "
                            + "bitset splits the compiled evaluator does not score");
                }
            }
        }
        String loss = ((ClassDict) estimator.get("_loss")).getClassName();
        String lossName = loss.substring(loss.lastIndexOf('.') + 1);
        boolean classifier = pickle.className().endsWith("Classifier");
        if (!classifier && !IDENTITY_LOSSES.contains(lossName)) {
            throw new ModelDeclinedException(pickle.simpleName() + " with the loss " + lossName + " (a log link) is "
                    + "not compiled");
        }
        HistTrees trees = flatten(pickle, estimator);
        ColumnBinding columns = SkLearnTrees.bindingOf(pickle, version);
        Optional<List<String>> classes = classifier
                ? Optional.of(FeatureValues.labels((HasArray) estimator.get("classes_"))) : Optional.empty();
        ScoringModel engine = new Compiled(trees, columns.featureNames(), classes);
        return new PickledModel(engine, columns, UnaryOperator.identity(), "SKLearnPredictor",
                "scikit-learn " + pickle.simpleName() + " in the JVM, " + trees.roots().length + " tree(s) scored by "
                        + (classes.map(List::size).orElse(1) > 2 ? CompiledTrees.SOFTMAX_EVALUATOR
                                : "the compiled tree evaluator") + " (allow-listed as exact)");
    }

    @SuppressWarnings("unchecked")
    private static HistTrees flatten(Unpickled pickle, PythonObject estimator) {
        List<List<TreePredictor>> iterations = (List<List<TreePredictor>>) (List<?>) estimator.getList("_predictors");
        int perIteration = iterations.isEmpty() ? 1 : iterations.get(0).size();
        double[] baseline = baseline(estimator.get("_baseline_prediction"), perIteration);
        List<TreePredictor> predictors = new ArrayList<>();
        iterations.forEach(predictors::addAll);
        int nodes = 0;
        for (TreePredictor predictor : predictors) {
            nodes += predictor.getValues().length;
        }
        int[] roots = new int[predictors.size()];
        int[] feature = new int[nodes];
        double[] threshold = new double[nodes];
        boolean[] missingGoesLeft = new boolean[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        boolean[] leaf = new boolean[nodes];
        double[] value = new double[nodes];
        int offset = 0;
        for (int t = 0; t < predictors.size(); t++) {
            TreePredictor predictor = predictors.get(t);
            double[] values = predictor.getValues();
            int[] features = predictor.getFeatureIdx();
            double[] thresholds = predictor.getThreshold();
            int[] toLeft = predictor.getMissingGoToLeft();
            int[] lefts = predictor.getLeft();
            int[] rights = predictor.getRight();
            int[] leaves = predictor.isLeaf();
            int[] categorical = predictor.isCategorical();
            roots[t] = offset;
            for (int n = 0; n < values.length; n++) {
                if (categorical[n] != 0 && leaves[n] == 0) {
                    throw new ModelDeclinedException(pickle.simpleName() + " splits on a categorical feature");
                }
                int at = offset + n;
                leaf[at] = leaves[n] != 0;
                value[at] = values[n];
                feature[at] = features[n];
                threshold[at] = thresholds[n];
                missingGoesLeft[at] = toLeft[n] != 0;
                left[at] = offset + lefts[n];
                right[at] = offset + rights[n];
            }
            offset += values.length;
        }
        return new HistTrees(roots, perIteration, baseline, feature, threshold, missingGoesLeft, left, right, leaf,
                value);
    }

    /** {@code _baseline_prediction}: a float (older regressors) or an array of one value per output. */
    private static double[] baseline(Object stored, int outputs) {
        double[] baseline = new double[outputs];
        if (stored instanceof Number number) {
            java.util.Arrays.fill(baseline, number.doubleValue());
            return baseline;
        }
        List<?> content = ((HasArray) stored).getArrayContent();
        if (content.size() != outputs) {
            throw new ModelDeclinedException("_baseline_prediction holds " + content.size() + " values for " + outputs
                    + " outputs");
        }
        for (int k = 0; k < outputs; k++) {
            baseline[k] = ((Number) content.get(k)).doubleValue();
        }
        return baseline;
    }

    /** The request as float64 ({@code X_DTYPE}), NaN where missing; HistGradientBoosting takes NaN and infinities. */
    private record Compiled(HistTrees trees, List<String> featureNames, Optional<List<String>> classes)
            implements ScoringModel {

        @Override
        public String predictor() {
            return "SKLearnPredictor";
        }

        @Override
        public RawPredictions predict(Frame frame) {
            int rows = frame.rowCount();
            int features = featureNames.size();
            double[] matrix = new double[rows * features];
            Map<String, Integer> columns = frame.indexByName();
            for (int f = 0; f < features; f++) {
                copyColumn(featureNames.get(f), frame.column(columns.get(featureNames.get(f))), matrix, f, features);
            }
            double[][] raw = trees.rawPredict(matrix, rows, features);
            if (classes.isEmpty()) {
                return RawPredictions.positional(raw);
            }
            return RawPredictions.labelled(raw.length == 1 ? binary(raw[0]) : softmax(raw, rows), classes.get());
        }

        /**
         * {@code expit} (scipy: {@code 1 / (1 + exp(-x))} with libm's {@code exp}, glibc's here: {@link GlibcExp}),
         * and {@code 1 - p} for the negative class.
         */
        private static double[][] binary(double[] raw) {
            double[] positive = new double[raw.length];
            double[] negative = new double[raw.length];
            for (int row = 0; row < raw.length; row++) {
                positive[row] = 1.0 / (1.0 + GlibcExp.exp(-raw[row]));
                negative[row] = 1 - positive[row];
            }
            return new double[][] {negative, positive};
        }

        /** {@code sum_exp_minus_max}: exp of each raw value less the row's maximum, summed in class order. */
        private static double[][] softmax(double[][] raw, int rows) {
            int classes = raw.length;
            double[][] proba = new double[classes][rows];
            double[] exps = new double[classes];
            for (int row = 0; row < rows; row++) {
                double max = raw[0][row];
                for (int k = 1; k < classes; k++) {
                    if (max < raw[k][row]) {
                        max = raw[k][row];
                    }
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    exps[k] = Math.exp(raw[k][row] - max);
                    sum += exps[k];
                }
                for (int k = 0; k < classes; k++) {
                    proba[k][row] = exps[k] / sum;
                }
            }
            return proba;
        }

        private static void copyColumn(String name, Column column, double[] matrix, int feature, int stride) {
            double[] values = FeatureValues.of(name, column);
            for (int row = 0, cell = feature; row < values.length; row++, cell += stride) {
                matrix[cell] = values[row];
            }
        }
    }
}
