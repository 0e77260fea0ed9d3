package dev.timpani.loaders.pickle;

import dev.timpani.data.Frame;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.VersionGate;
import dev.timpani.trees.LightGbmModelText;
import dev.timpani.trees.LightGbmObjective;
import dev.timpani.trees.LightGbmTrees;
import dev.timpani.trees.LightGbmUnsupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.razorvine.pickle.objects.ClassDict;
import org.jpmml.python.HasArray;

/**
 * LightGBM's scikit-learn wrappers ({@code LGBMClassifier}, {@code LGBMRegressor}, {@code LGBMRanker}) and bare
 * {@code Booster}s, scored
 * by {@link LightGbmTrees}. A pickled {@code Booster} holds its model as the text {@code model_to_string} writes
 * ({@code Booster.__getstate__}, lightgbm/basic.py 4.x: {@code _handle}, {@code handle} before 4.0); the wrappers
 * hold such a booster in {@code _Booster}.
 * <p>
 * The gate: LightGBM's model text records its format ({@code version=v4}), not the release that wrote it, and the
 * wrappers' state records no version either (they are not scikit-learn's classes, so no {@code _sklearn_version}).
 * So the proven table is keyed on what the artifact does record: library {@code lightgbm}, version {@code v4}, family
 * the pickled class. The proof ran on LightGBM 4.7.0, the only release here; what it proves for other 4.x releases
 * rests on their writing the same format with the same prediction code: in LightGBM's history from v4.2.0 to the
 * master of March 2026 (4.6.0.99), tree.h's decisions, gbdt_prediction.cpp, the objectives' ConvertOutput,
 * Common::Softmax and c_api.cpp's row reading changed only in names and lint (4.0, 4.1 and 4.7's own source were
 * not read; 4.7.0 is proven by its answers). The reader refuses any field or section 4.7.0 does not write, so a
 * release that adds one is left to the workers. The objectives are the engine's own allow-list
 * ({@link LightGbmObjective}): all sixteen the generator draws (the ranking ones through {@code LGBMRanker} and
 * boosters, the {@code sqrt} variants of regression, l1, fair, quantile and mape), with linear trees, each matched
 * bit for bit within the classes' proof (bench/exactness/README.md gives the counts of its runs).
 */
final class LightGbmPickle {

    static final String CLASSIFIER = "lightgbm.sklearn.LGBMClassifier";
    static final String REGRESSOR = "lightgbm.sklearn.LGBMRegressor";
    static final String RANKER = "lightgbm.sklearn.LGBMRanker";
    static final String BOOSTER = "lightgbm.basic.Booster";
    static final Set<String> FAMILIES = Set.of(CLASSIFIER, REGRESSOR, RANKER, BOOSTER);
    /** What an {@code LGBMRegressor}'s {@code predict} may answer through: the regression objectives' outputs. */
    private static final Set<LightGbmObjective.Link> REGRESSION_LINKS = Set.of(LightGbmObjective.Link.IDENTITY,
            LightGbmObjective.Link.SIGNED_SQUARE, LightGbmObjective.Link.EXP, LightGbmObjective.Link.LOGISTIC);

    private LightGbmPickle() {
    }

    static boolean handles(Unpickled pickle) {
        return FAMILIES.contains(pickle.className());
    }

    static ScoringModel load(Unpickled pickle, VersionGate gate) {
        ClassDict root = (ClassDict) pickle.root();
        boolean wrapper = !BOOSTER.equals(pickle.className());
        if (wrapper && !(root.get("_Booster") instanceof ClassDict)) {
            throw new ModelDeclinedException(pickle.simpleName() + " holds no fitted booster");
        }
        ClassDict booster = wrapper ? (ClassDict) root.get("_Booster") : root;
        Object handle = booster.containsKey("_handle") ? booster.get("_handle") : booster.get("handle");
        if (!(handle instanceof String text)) {
            throw new ModelDeclinedException(pickle.simpleName() + " holds no LightGBM model text");
        }
        LightGbmTrees trees;
        try {
            trees = LightGbmModelText.parse(text);
        } catch (LightGbmUnsupportedException | IllegalArgumentException | IndexOutOfBoundsException unsupported) {
            throw new ModelDeclinedException(Messages.of(unsupported), unsupported);
        }
        gate.refusal("lightgbm", LightGbmModelText.FORMAT, pickle.className()).ifPresent(refusal -> {
            throw new ModelDeclinedException(refusal);
        });
        trees = predictedIterations(booster, trees);
        if (booster.get("pandas_categorical") instanceof List<?> categories && !categories.isEmpty()) {
            throw new ModelDeclinedException(pickle.simpleName() + " was fitted on pandas categorical columns, whose "
                    + "categories the JVM does not map");
        }
        if (wrapper) {
            checkPredictParameters(pickle, root);
        }
        Optional<List<String>> classes = Optional.empty();
        if (CLASSIFIER.equals(pickle.className())) {
            classes = Optional.of(classes(pickle, root, trees));
        } else if (REGRESSOR.equals(pickle.className())
                && (!REGRESSION_LINKS.contains(trees.objective().link()) || trees.objective().ranking())) {
            throw new ModelDeclinedException("an LGBMRegressor with the objective " + trees.objective().name());
        } else if (RANKER.equals(pickle.className()) && !trees.objective().ranking()) {
            // LGBMRanker.predict is LGBMModel.predict (the objective's output); only the ranking objectives are proven.
            throw new ModelDeclinedException("an LGBMRanker with the objective " + trees.objective().name());
        }
        ColumnBinding columns = new ColumnBinding.LightGbmPositions(positionalNames(trees.features()));
        return new PickledModel(new Compiled(trees, columns.featureNames(), classes), columns, UnaryOperator.identity(),
                "LightGBMPredictor", pickle.simpleName() + " (" + trees.objective().name() + ", " + trees.roots().length
                        + " trees) in the JVM, scored by the compiled LightGBM evaluator (allow-listed as exact)");
    }

    /**
     * {@code Booster.predict} (lightgbm/basic.py), and the wrappers' {@code predict} through it, asks for
     * {@code num_iteration=best_iteration} when early stopping set one ({@code > 0}); the pickled text holds every
     * iteration ({@code __getstate__}: {@code model_to_string(num_iteration=-1)}), so the engine scores the first
     * {@code best_iteration} of them.
     */
    private static LightGbmTrees predictedIterations(ClassDict booster, LightGbmTrees trees) {
        if (booster.get("best_iteration") instanceof Number best) {
            return trees.firstIterations(best.intValue());
        }
        return trees;
    }

    /**
     * The wrapper passes its parameters to {@code Booster.predict} ({@code _process_params(stage="predict")}), where
     * the prediction ones change the answer (early stopping, contributions, raw scores, the shape check): a wrapper
     * carrying one is left to the workers. A callable objective (raw scores) pickles as no string.
     */
    private static void checkPredictParameters(Unpickled pickle, ClassDict wrapper) {
        if (!(wrapper.get("_objective") instanceof String)) {
            throw new ModelDeclinedException(pickle.simpleName() + " has a custom objective");
        }
        List<String> names = new ArrayList<>(wrapper.keySet());
        if (wrapper.get("_other_params") instanceof Map<?, ?> other) {
            other.keySet().forEach(key -> names.add(String.valueOf(key)));
        }
        for (String name : names) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("pred") || lower.contains("contrib") || lower.contains("raw_score")
                    || lower.contains("rawscore") || lower.contains("leaf_index") || lower.contains("shape_check")
                    || lower.contains("num_iteration") || lower.contains("start_iteration")) {
                throw new ModelDeclinedException(pickle.simpleName() + " carries the prediction parameter " + name);
            }
        }
    }

    /** {@code _le.classes_} ({@code predict_proba}'s column order), checked against the model's objective. */
    private static List<String> classes(Unpickled pickle, ClassDict wrapper, LightGbmTrees trees) {
        if (!(wrapper.get("_le") instanceof ClassDict encoder) || !(encoder.get("classes_") instanceof HasArray array)) {
            throw new ModelDeclinedException(pickle.simpleName() + " holds no fitted label encoder");
        }
        List<String> labels = FeatureValues.labels(array);
        LightGbmObjective objective = trees.objective();
        boolean fits = objective.name().equals("binary") ? labels.size() == 2 : labels.size() == objective.classes()
                && objective.classes() > 1;
        if (!fits) {
            throw new ModelDeclinedException(pickle.simpleName() + " has " + labels.size() + " classes for the "
                    + "objective " + objective.name());
        }
        return labels;
    }

    private static List<String> positionalNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("Column_" + i);
        }
        return names;
    }

    /**
     * The bound request's columns, in order, as float64 (pandas' reading of the request, which
     * {@code _data_from_pandas} keeps as float64), NaN where missing; what the wrapper makes of the booster's
     * answer: {@code predict_proba}'s {@code [1 - p, p]} (in float64, lightgbm/sklearn.py) for a binary classifier,
     * the class columns of a multiclass one; a booster's answer as {@code Booster.predict} returns it.
     */
    private record Compiled(LightGbmTrees trees, List<String> featureNames, Optional<List<String>> classes)
            implements ScoringModel {

        @Override
        public String predictor() {
            return "LightGBMPredictor";
        }

        @Override
        public RawPredictions predict(Frame frame) {
            int features = featureNames.size();
            double[][] columns = new double[features][];
            for (int f = 0; f < features; f++) {
                columns[f] = FeatureValues.of(frame.columnNames().get(f), frame.column(f));
            }
            double[][] output = trees.predict(columns, frame.rowCount());
            if (classes.isEmpty()) {
                return RawPredictions.positional(output);
            }
            if (output.length == 1) {
                double[] positive = output[0];
                double[] negative = new double[positive.length];
                for (int row = 0; row < positive.length; row++) {
                    negative[row] = 1.0 - positive[row];
                }
                return RawPredictions.labelled(new double[][] {negative, positive}, classes.get());
            }
            return RawPredictions.labelled(output, classes.get());
        }
    }
}
