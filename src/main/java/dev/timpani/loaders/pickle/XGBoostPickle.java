package dev.timpani.loaders.pickle;

import dev.timpani.data.Frame;
import dev.timpani.data.Ubjson;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.razorvine.pickle.objects.ClassDict;
import org.jpmml.python.HasArray;

/**
 * XGBoost's scikit-learn wrappers ({@code XGBClassifier}, {@code XGBRegressor}) and bare {@code Booster}s. A
 * pickled booster holds its own serialised model ({@code {"Config", "Model"}} in UBJSON); the {@code Model} part
 * is what {@code save_raw("ubj")} writes, so the XGBoost loader scores it as it would a native file (with its
 * compiled tree engine or XGBoost4J). The wrapper's part is then {@code predict_proba}'s: the classes as column
 * labels, and for a binary {@code binary:logistic} model the negative column {@code 1 - p}, computed in float32 as
 * NumPy does.
 */
final class XGBoostPickle {

    static final Set<String> WRAPPERS = Set.of("xgboost.sklearn.XGBClassifier", "xgboost.sklearn.XGBRegressor");
    static final String BOOSTER = "xgboost.core.Booster";

    /** Objectives whose booster output is what the wrapper's predict / predict_proba returns, proven in tests. */
    private static final Set<String> OBJECTIVES = Set.of("reg:squarederror", "reg:logistic", "binary:logistic",
            "multi:softprob");

    private XGBoostPickle() {
    }

    static boolean handles(Unpickled pickle) {
        return WRAPPERS.contains(pickle.className()) || BOOSTER.equals(pickle.className());
    }

    static ScoringModel load(Unpickled pickle, EngineLoaders loaders, LoadContext context) throws Exception {
        ClassDict root = (ClassDict) pickle.root();
        boolean wrapper = WRAPPERS.contains(pickle.className());
        ClassDict booster = wrapper ? (ClassDict) root.get("_Booster") : root;
        if (booster == null || !(booster.get("handle") instanceof byte[] handle) || handle.length == 0
                || handle[0] != '{') {
            throw new ModelDeclinedException(pickle.simpleName() + " holds no UBJSON booster (saved before XGBoost 1.6?)");
        }
        byte[] model = Ubjson.topLevelValue(handle, "Model");
        Learner learner = Learner.of(model);
        if (!OBJECTIVES.contains(learner.objective())) {
            throw new ModelDeclinedException("the XGBoost objective " + learner.objective()
                    + " is not on the allow-list proven exact in the JVM");
        }
        if (learner.stopsEarly()) {
            throw new ModelDeclinedException("the booster stopped early: predict uses only the rounds up to "
                    + "best_iteration, XGBoost4J all of them");
        }
        if (wrapper) {
            checkMissingIsNaN(root);
        }
        List<String> classes = wrapper && root.get("classes_") instanceof HasArray array ? FeatureValues.labels(array)
                : List.of();
        ModelLoader xgboostLoader = loaders.forExtension("ubj").orElseThrow(() -> new ModelDeclinedException(
                "this build has no XGBoost loader for the booster of " + pickle.simpleName()));
        Path directory = Files.createTempDirectory("timpani-pickle-");
        Path document = directory.resolve("model.ubj");
        try {
            Files.write(document, model);
            ScoringModel engine;
            try {
                engine = xgboostLoader.load(document, context);
            } catch (ModelLoadException refused) {
                // An XGBoost version the proof does not cover: the Python workers may still serve it.
                throw new ModelDeclinedException(refused.getMessage(), refused);
            }
            ColumnBinding columns = learner.featureNames().isEmpty()
                    ? new ColumnBinding.ByPosition(generatedNames(learner.featureCount()))
                    : ColumnBinding.StrictNames.xgboost(learner.featureNames());
            // DRUM scores a bare Booster through DMatrix(data), which refuses infinities and numbers beyond float32
            // (src/data/data.cc); a wrapper's predict goes through inplace_predict, which scores them.
            UnaryOperator<Frame> inputCheck = wrapper ? UnaryOperator.identity()
                    : new FiniteInputs(columns.featureNames(), true, true);
            return new PickledModel(engine, columns, inputCheck, output(learner, classes), "XGBoostPredictor",
                    pickle.simpleName() + " (" + learner.objective() + ") in the JVM, its booster scored by "
                            + boosterEngine(engine) + " (allow-listed as exact)");
        } finally {
            Files.deleteIfExists(document);
            Files.deleteIfExists(directory);
        }
    }

    /** What the XGBoost loader chose for the booster, as its description says (it is not imported). */
    private static String boosterEngine(ScoringModel engine) {
        return engine.description().contains("compiled tree engine") ? "the compiled tree engine" : "XGBoost4J";
    }

    /** XGBoost4J is told NaN is missing; a wrapper that says otherwise would be scored differently. */
    private static void checkMissingIsNaN(ClassDict wrapper) {
        Object missing = wrapper.get("missing");
        if (missing instanceof Number number && !Double.isNaN(number.doubleValue())) {
            throw new ModelDeclinedException("the wrapper treats " + missing + " as missing, not NaN");
        }
    }

    private static UnaryOperator<RawPredictions> output(Learner learner, List<String> classes) {
        if (classes.isEmpty()) {
            return UnaryOperator.identity();
        }
        if ("binary:logistic".equals(learner.objective()) && classes.size() == 2) {
            return raw -> RawPredictions.labelled(new double[][] {complement(raw.columns()[0]), raw.columns()[0]},
                    classes);
        }
        return raw -> RawPredictions.labelled(raw.columns(), classes);
    }

    /** predict_proba's {@code 1.0 - p} on a float32 array stays float32. */
    private static double[] complement(double[] positive) {
        double[] negative = new double[positive.length];
        for (int row = 0; row < positive.length; row++) {
            negative[row] = 1.0f - (float) positive[row];
        }
        return negative;
    }

    private static List<String> generatedNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("f" + i);
        }
        return names;
    }

    /**
     * What the booster's own document says about itself.
     *
     * @param stopsEarly whether {@code best_iteration} (which the wrapper's predict stops at) is before the last
     *                   round; XGBoost 1.7 records it after every training, early stopping or not
     */
    record Learner(String objective, List<String> featureNames, int featureCount, boolean stopsEarly) {

        @SuppressWarnings("unchecked")
        static Learner of(byte[] model) {
            Map<String, Object> learner = (Map<String, Object>) ((Map<String, Object>) Ubjson.parse(model))
                    .get("learner");
            Map<String, Object> objective = (Map<String, Object>) learner.get("objective");
            Map<String, Object> parameters = (Map<String, Object>) learner.get("learner_model_param");
            Map<String, Object> attributes = (Map<String, Object>) learner.getOrDefault("attributes", Map.of());
            List<String> names = new ArrayList<>();
            if (learner.get("feature_names") instanceof List<?> list) {
                list.forEach(name -> names.add(String.valueOf(name)));
            }
            return new Learner((String) objective.get("name"), names, integer(parameters, "num_feature"),
                    attributes.containsKey("best_iteration")
                            && integer(attributes, "best_iteration") + 1 < rounds(learner, parameters));
        }

        /** Trees per round: one per class (at least one), times the parallel trees of a forest. */
        @SuppressWarnings("unchecked")
        private static int rounds(Map<String, Object> learner, Map<String, Object> parameters) {
            Map<String, Object> booster = (Map<String, Object>) learner.get("gradient_booster");
            if (!(booster.get("model") instanceof Map<?, ?> model)
                    || !(model.get("gbtree_model_param") instanceof Map<?, ?> trees)) {
                return Integer.MAX_VALUE; // dart or gblinear: no tree count to compare; treat as stopped early
            }
            int perRound = Math.max(1, integer(parameters, "num_class"))
                    * Math.max(1, integer((Map<String, Object>) trees, "num_parallel_tree"));
            return integer((Map<String, Object>) trees, "num_trees") / perRound;
        }

        private static int integer(Map<String, Object> values, String key) {
            return Integer.parseInt(String.valueOf(values.get(key)));
        }
    }
}
