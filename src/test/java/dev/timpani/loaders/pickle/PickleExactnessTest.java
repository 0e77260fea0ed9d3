package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.loaders.PredictionComparison;
import dev.timpani.loaders.pmml.PmmlLoader;
import dev.timpani.loaders.xgboost.XGBoostLoader;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the {@link AllowList}: every pickle the library made is scored by the in-JVM loader and compared with
 * the library's own {@code predict} / {@code predict_proba}. A family joins the allow-list only with a pickle
 * here that matches; a pickle the script marks for the Python workers must be declined.
 */
class PickleExactnessTest {

    /**
     * JPMML-Evaluator sums a linear model's terms in its own order, not BLAS's, so the last bit or two of a double
     * may differ (largest seen: see the printed report); anything beyond is a defect, not rounding.
     */
    static final double PMML_TOLERANCE = 1e-12;

    private static final Map<String, Double> MAX_DIFF_BY_CLASS = new ConcurrentHashMap<>();

    static PickleLoader loader() {
        List<ModelLoader> engines = List.of(new PmmlLoader(), new XGBoostLoader(dev.timpani.model.VersionGate.of(XGBoostLoader.PROVEN, false)));
        return new PickleLoader(new TimpaniProperties.Pickles(true), extension -> engines.stream()
                .filter(engine -> engine.extensions().contains(extension)).findFirst(),
                dev.timpani.model.VersionGate.of(PickleLoader.PROVEN, false));
    }

    static java.util.stream.Stream<PickleCase> servedInJvm() {
        return PickleCase.servedInJvm();
    }

    static java.util.stream.Stream<PickleCase> servedInPython() {
        return PickleCase.all().filter(c -> !c.inJvm());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servedInJvm")
    void scoresAllowListedPickleAsTheLibraryDid(PickleCase pickle) throws Exception {
        var corpusCase = pickle.corpusCase();
        try (ScoringModel model = loader().load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            model.warmUp();
            RawPredictions predictions = model.predict(corpusCase.inputFrame());
            // The compiled tree evaluator and XGBoost4J reproduce the library's arithmetic: not one bit may differ,
            // but for exp in HistGradientBoosting's probabilities (ExactnessProofTest.tolerance says why).
            // The linear evaluator's dot product, like JPMML's, is not BLAS's order (LinearScores says why), nor are
            // the float64 evaluators' (SVR's kernels, a PCA's projection).
            boolean linear = model.description().contains("compiled linear evaluator");
            boolean float64 = model.description().contains("compiled float64 evaluator");
            double tolerance = model.description().contains("JPMML") || linear || float64 ? PMML_TOLERANCE
                    : ExactnessProofTest.tolerance(ExactnessProofTest.engineOf(model.description()), pickle.estimator());
            String engine = ExactnessProofTest.engineOf(model.description());
            double maxDiff = ExactnessProofTest.perValue(engine)
                    ? PredictionComparison.assertMatchesCase(corpusCase, 0.0,
                            ExactnessProofTest.tolerance(engine, pickle.estimator()), predictions)
                    : PredictionComparison.assertMatchesCase(corpusCase, tolerance, predictions);
            String path = linear ? "compiled linear evaluator" : float64 ? "compiled float64 evaluator"
                    : model.description().contains("compiled") ? "compiled tree evaluator"
                    : model.description().contains("JPMML") ? "JPMML-SkLearn + JPMML-Evaluator" : "XGBoost4J";
            MAX_DIFF_BY_CLASS.merge(pickle.estimator() + " via " + path, maxDiff, Math::max);
        }
    }

    static java.util.stream.Stream<dev.timpani.testing.CorpusCase> corpusPickles() {
        return dev.timpani.testing.Corpus.cases("sklearn_", "xgboost_pkl_")
                .filter(c -> java.nio.file.Files.exists(c.input()));
    }

    /** The shared corpus' pickles (made elsewhere, by hand): where the JVM takes them, they match within bounds. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusPickles")
    void scoresCorpusPickleInTheJvm(dev.timpani.testing.CorpusCase corpusCase) throws Exception {
        ScoringModel loaded;
        try {
            loaded = loader().load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase));
        } catch (ModelDeclinedException declined) {
            // Not proven on its version: the Python workers serve it (HooksCorpusScoringTest scores it there).
            assertThat(declined).hasMessageContaining("proven exact in the JVM");
            return;
        }
        try (ScoringModel model = loaded) {
            System.out.println("CORPUS " + corpusCase.name() + ": " + model.description());
            PredictionComparison.assertMatchesCase(corpusCase, model.predict(corpusCase.inputFrame()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servedInPython")
    void declinesPickleNotProvenExact(PickleCase pickle) {
        var corpusCase = pickle.corpusCase();
        assertThatThrownBy(() -> loader().load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase)))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessageContaining("proven exact in the JVM");
    }

    @Test
    void declinesEverythingWhenTurnedOff() {
        var corpusCase = PickleCase.get("random_forest_regressor").corpusCase();
        PickleLoader off = new PickleLoader(new TimpaniProperties.Pickles(false), extension -> Optional.empty(),
                dev.timpani.model.VersionGate.open());
        assertThatThrownBy(() -> off.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase)))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessage("timpani.pickles.in-jvm=false sends every pickle to the Python workers");
    }

    @AfterAll
    static void report() {
        System.out.println("PICKLE EXACTNESS (largest |JVM - library| per estimator and path):");
        new TreeMap<>(MAX_DIFF_BY_CLASS).forEach((estimator, diff) -> System.out.printf("  %-110s %.3g%n",
                estimator, diff));
    }
}
