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
 * regressors (issue 20), and its converter refuses scikit-learn 1.6 and later. Categorical features are read as the
 * version that wrote the model reads them ({@link HistFeatures}). The output follows the loss's link
 * ({@code sklearn/_loss/loss.py}, {@code link.py}): identity for the regressors' squared, absolute and quantile
 * losses; {@code exp} for the Poisson and Gamma losses' log link; for a binary classifier
 * {@code proba[:, 1] = expit(raw)}, {@code proba[:, 0] = 1 - proba[:, 1]}; for a multiclass one the softmax of
 * {@code _loss.pyx}'s {@code sum_exp_minus_max}.
 */
final class SkLearnHistGradientBoosting {

    static final Set<String> FAMILIES = Set.of(
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingRegressor");
    private static final Set<String> IDENTITY_LOSSES = Set.of("HalfSquaredError", "AbsoluteError", "PinballLoss");
    /** The log-link losses the generator trains ({@code loss="poisson"}, {@code "gamma"}); Tweedie's is not proven. */
    private static final Set<String> LOG_LINK_LOSSES = Set.of("HalfPoissonLoss", "HalfGammaLoss");
    /**
     * The engine a log-link regressor is proven through, apart from the bit-exact {@code compiled} one: its
     * {@code exp} matches NumPy's within 2 ulps, not bit for bit (ExactnessProofTest.tolerance).
     */
    static final String LOG_LINK_ENGINE = "compiled-exp";

    private SkLearnHistGradientBoosting() {
    }

    static boolean handles(Unpickled pickle) {
        return FAMILIES.contains(pickle.className());
    }

    /** A log-link regressor is proven apart (LOG_LINK_ENGINE, which the loader's gate asks for, ProvenEngine). */
    static ScoringModel load(Unpickled pickle, SkLearnVersion version) {
        PythonObject estimator = (PythonObject) pickle.root();
        boolean classifier = pickle.className().endsWith("Classifier");
        boolean logLink = !classifier && logLink(pickle.simpleName(), estimator);
        int features = FittedColumns.count(estimator);
        HistFeatures columns = HistFeatures.read(estimator, version, features);
        HistTrees trees = flatten(pickle.simpleName(), estimator, columns);
        ColumnBinding binding = binding(pickle, version, estimator, columns);
        Optional<List<String>> classes = classifier
                ? Optional.of(FeatureValues.labels((HasArray) estimator.get("classes_"))) : Optional.empty();
        List<String> names = binding.featureNames();
        Compiled engine = new Compiled(trees, names, columns, classes, logLink);
        return new PickledModel(engine, binding, UnaryOperator.identity(), "SKLearnPredictor",
                "scikit-learn " + pickle.simpleName() + " in the JVM, " + trees.roots().length + " tree(s) scored by "
                        + engine.evaluator() + (columns.categorical() ? " (categorical splits)" : "")
                        + " (allow-listed as exact)");
    }

    /**
     * A pipeline's last step: the steps' float64 columns as the estimator's {@code X_DTYPE} matrix. Declined with
     * categorical features (its own {@code _preprocessor} would read the steps' output) or a log link (the generator
     * makes no pipeline ending in one, so nothing proves it there).
     */
    static FinalEstimator readingColumns(PythonObject estimator, String name, SkLearnVersion version) {
        boolean classifier = estimator.getClassName().endsWith("Classifier");
        if (!classifier && logLink(name, estimator)) {
            throw new ModelDeclinedException("a Pipeline ending in " + name + " with a log link is not compiled");
        }
        int features = FittedColumns.count(estimator);
        HistFeatures columns = HistFeatures.read(estimator, version, features);
        if (columns.categorical()) {
            throw new ModelDeclinedException("a Pipeline ending in " + name + " with categorical features is not "
                    + "compiled");
        }
        List<String> names = CompiledPipeline.outputColumnNames(features);
        Optional<List<String>> classes = classifier
                ? Optional.of(FeatureValues.labels((HasArray) estimator.get("classes_"))) : Optional.empty();
        return new Compiled(flatten(name, estimator, columns), names, columns, classes, false);
    }

    /**
     * Whether {@code predict} is {@code _loss.link.inverse(raw)} through the log link ({@code np.exp}), rather than
     * the identity; a loss the proof never met declines.
     */
    private static boolean logLink(String name, PythonObject estimator) {
        String loss = ((ClassDict) estimator.get("_loss")).getClassName();
        String lossName = loss.substring(loss.lastIndexOf('.') + 1);
        boolean log = LOG_LINK_LOSSES.contains(lossName);
        if (!log && !IDENTITY_LOSSES.contains(lossName)) {
            throw new ModelDeclinedException(name + " with the loss " + lossName + " is not compiled");
        }
        Object link = ((ClassDict) estimator.get("_loss")).get("link");
        String linkName = link instanceof ClassDict dict ? dict.getClassName() : Unpickled.classNameOf(link);
        if (!linkName.equals(log ? "sklearn._loss.link.LogLink" : "sklearn._loss.link.IdentityLink")) {
            throw new ModelDeclinedException(name + " with the loss " + lossName + " and the link "
                    + linkName + " is not compiled");
        }
        return log;
    }

    /**
     * scikit-learn's binding ({@link SkLearnTrees#bindingOf}), but for categorical features from 1.4: the estimator's
     * {@code _preprocessor} reads the request, so a DataFrame-fitted model selects its columns by name (extra and
     * reordered ones answered) and an array-fitted one refuses another width in the {@code ColumnTransformer}'s words.
     */
    private static ColumnBinding binding(Unpickled pickle, SkLearnVersion version, PythonObject estimator,
                                         HistFeatures columns) {
        if (!(estimator.get("_preprocessor") instanceof ClassDict preprocessor)) {
            return SkLearnTrees.bindingOf(pickle, version);
        }
        List<String> fitted = FittedColumns.names(preprocessor);
        return fitted != null ? new ColumnBinding.SelectedByName(fitted)
                : new ColumnBinding.SkLearnPositions(FittedColumns.positional(columns.column().length),
                        "ColumnTransformer");
    }

    @SuppressWarnings("unchecked")
    private static HistTrees flatten(String name, PythonObject estimator, HistFeatures columns) {
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
        int[] leftBitset = new int[nodes];
        int[] knownBitset = new int[nodes];
        java.util.Arrays.fill(leftBitset, -1);
        java.util.Arrays.fill(knownBitset, -1);
        // The known categories' bitsets first, then each predictor's raw_left_cat_bitsets rows.
        List<int[]> bitsets = new ArrayList<>(List.of(columns.knownWords()));
        int wordCount = columns.knownWords().length;
        boolean splitsOnCategory = false;
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
            int[] bitsetIdx = categorical == null ? null : predictor.getBitsetIdx();
            int[] rawLeft = rawLeftBitsets(name, predictor);
            int bitsetsAt = wordCount;
            bitsets.add(rawLeft);
            wordCount += rawLeft.length;
            roots[t] = offset;
            for (int n = 0; n < values.length; n++) {
                int at = offset + n;
                leaf[at] = leaves[n] != 0;
                value[at] = values[n];
                missingGoesLeft[at] = toLeft[n] != 0;
                left[at] = offset + lefts[n];
                right[at] = offset + rights[n];
                threshold[at] = thresholds[n];
                if (leaf[at]) {
                    continue;
                }
                if (features[n] < 0 || features[n] >= columns.column().length) {
                    throw new ModelDeclinedException(name + " splits on feature " + features[n]
                            + " of " + columns.column().length);
                }
                feature[at] = columns.column()[features[n]];
                if (categorical != null && categorical[n] != 0) {
                    int known = columns.knownBitset()[features[n]];
                    int row = bitsetIdx[n];
                    if (known < 0 || row < 0 || (row + 1) * HistTrees.CategoricalSplits.WORDS > rawLeft.length) {
                        throw new ModelDeclinedException(name + " has a categorical split on feature "
                                + features[n] + " that its bin mapper does not call categorical");
                    }
                    leftBitset[at] = bitsetsAt + row * HistTrees.CategoricalSplits.WORDS;
                    knownBitset[at] = known;
                    splitsOnCategory = true;
                }
            }
            offset += values.length;
        }
        HistTrees.CategoricalSplits splits = splitsOnCategory
                ? new HistTrees.CategoricalSplits(leftBitset, knownBitset, concatenated(bitsets, wordCount)) : null;
        return new HistTrees(roots, perIteration, baseline, feature, threshold, missingGoesLeft, left, right, leaf,
                value, splits);
    }

    private static int[] concatenated(List<int[]> parts, int length) {
        int[] all = new int[length];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** {@code raw_left_cat_bitsets}: uint32, shape (categorical splits, 8), row-major. */
    private static int[] rawLeftBitsets(String name, TreePredictor predictor) {
        Object stored = predictor.get("raw_left_cat_bitsets");
        if (!(stored instanceof HasArray array)) {
            throw PickledArrays.declined(predictor, "raw_left_cat_bitsets", stored);
        }
        int[] shape = array.getArrayShape();
        List<?> content = array.getArrayContent();
        if (shape.length != 2 || shape[1] != HistTrees.CategoricalSplits.WORDS
                || content.size() != shape[0] * shape[1]) {
            throw new ModelDeclinedException(name + "'s raw_left_cat_bitsets has the shape "
                    + java.util.Arrays.toString(shape) + ", not (splits, 8)");
        }
        int[] words = new int[content.size()];
        for (int i = 0; i < words.length; i++) {
            // uint32: the low 32 bits, whatever Java type the unpickler chose
            words[i] = (int) ((Number) content.get(i)).longValue();
        }
        return words;
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

    /**
     * The request as float64 ({@code X_DTYPE}), NaN where missing; HistGradientBoosting takes NaN and infinities
     * (but in a categorical column from 1.4, whose {@code OrdinalEncoder} refuses an infinity).
     *
     * @param logLink a regressor's {@code predict} is {@code np.exp} of the raw prediction
     */
    private record Compiled(HistTrees trees, List<String> featureNames, HistFeatures columns,
                            Optional<List<String>> classes, boolean logLink) implements ScoringModel, FinalEstimator {

        @Override
        public String predictor() {
            return "SKLearnPredictor";
        }

        @Override
        public RawPredictions predict(Frame frame) {
            double[][] x = new double[featureNames.size()][];
            Map<String, Integer> indexes = frame.indexByName();
            for (int f = 0; f < x.length; f++) {
                String name = featureNames.get(f);
                Column column = frame.column(indexes.get(name));
                double[] categories = columns.encoded()[f];
                x[f] = categories == null ? FeatureValues.of(name, column)
                        : OrdinalCodes.encode(name, column, categories);
            }
            return predict(x, frame.rowCount());
        }

        @Override
        public int features() {
            return featureNames.size();
        }

        /** The engine's name, which the proof and the gate key on ({@link ProvenEngine}). */
        @Override
        public String evaluator() {
            return CompiledTrees.evaluatorFor(classes.map(List::size).orElse(1))
                    + (logLink ? ", then exp of the log link (NumPy's own exp within 2 ulps)" : "");
        }

        /**
         * {@code x[feature][row]} in float64 (the request's columns, or a pipeline's, NaN and infinities included:
         * the estimator takes both), laid out row by row as the predictors read {@code X}.
         */
        @Override
        public RawPredictions predict(double[][] x, int rows) {
            int features = x.length;
            double[] matrix = new double[rows * features];
            for (int f = 0; f < features; f++) {
                double[] values = x[f];
                for (int row = 0, cell = f; row < rows; row++, cell += features) {
                    matrix[cell] = values[row];
                }
            }
            double[][] raw = trees.rawPredict(matrix, rows, features);
            if (classes.isEmpty()) {
                return RawPredictions.positional(new double[][] {logLink ? exp(raw[0]) : raw[0]});
            }
            return RawPredictions.labelled(raw.length == 1 ? binary(raw[0]) : softmax(raw, rows), classes.get());
        }

        /**
         * {@code LogLink.inverse}: {@code np.exp} of the raw predictions, NumPy's own vectorised routine. On an
         * AVX512_SKX CPU (this one) NumPy calls Intel's SVML ({@code __svml_exp8} in 1.24.2, {@code __svml_exp8_ha}
         * in 2.4.6, from loops_exponent_log.dispatch.c.src), which differs from glibc's {@code exp} by up to 2 ulps
         * (NumPy 1.24.2: on 23% of arguments; 2.4.6: 1 ulp on 5%); on CPUs without its vector paths NumPy calls
         * libm's, which {@link GlibcExp} is bit for bit. The proof holds it to 2 ulps
         * (ExactnessProofTest.tolerance).
         */
        private static double[] exp(double[] raw) {
            double[] predictions = new double[raw.length];
            for (int row = 0; row < raw.length; row++) {
                predictions[row] = GlibcExp.exp(raw[row]);
            }
            return predictions;
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
    }
}
