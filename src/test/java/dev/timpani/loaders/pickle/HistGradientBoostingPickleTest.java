package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.BadInputException;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.loaders.PredictionComparison;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ProvenExactness;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.VersionGate;
import dev.timpani.testing.CorpusCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HistGradientBoosting pickles on what the generated proof does not cover, against scikit-learn's own answers (made
 * by {@code src/test/python/make_hist_categorical.py}): categorical features on values the generator never sends
 * them (fractions, categories beyond 255 and 2^31, infinities, text), where 1.2.1 hands the predictors the raw
 * values and 1.9.1 an {@code OrdinalEncoder}'s codes; and a Poisson regressor's log link against the gate.
 */
class HistGradientBoostingPickleTest {

    private static final Path CASES = Path.of("src/test/resources/hist-gradient-boosting");
    private static final String REGRESSOR =
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingRegressor";
    private static final String CLASSIFIER =
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier";

    static Stream<CorpusCase> cases() throws IOException {
        return folders("categorical-");
    }

    static Stream<CorpusCase> logLink() throws IOException {
        return folders("poisson-");
    }

    private static Stream<CorpusCase> folders(String prefix) throws IOException {
        try (Stream<Path> folders = Files.list(CASES)) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith(prefix)).sorted()
                    .map(folder -> new CorpusCase(folder.getFileName().toString(), folder, "regression", List.of(), 0))
                    .toList().stream();
        }
    }

    private static ScoringModel load(CorpusCase corpusCase) throws Exception {
        return ExactnessProofTest.openLoader().load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scoresEveryCategoryValueAsTheLibraryDid(CorpusCase corpusCase) throws Exception {
        try (ScoringModel model = load(corpusCase)) {
            assertThat(model.description()).contains("compiled tree evaluator (categorical splits)");
            PredictionComparison.assertMatchesCase(corpusCase, 0.0, model.predict(corpusCase.inputFrame()));
        }
    }

    /** 1.9.1's OrdinalEncoder checks its columns with {@code check_array(ensure_all_finite="allow-nan")}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWhatTheLibraryRefuses(CorpusCase corpusCase) throws Exception {
        List<Path> refused;
        try (Stream<Path> files = Files.list(corpusCase.folder())) {
            refused = files.filter(f -> f.getFileName().toString().matches("refused_\\d+\\.csv")).sorted().toList();
        }
        assertThat(refused.isEmpty()).isEqualTo(corpusCase.name().endsWith("1.2.1"));
        try (ScoringModel model = load(corpusCase)) {
            for (Path rows : refused) {
                String text = Files.readString(Path.of(rows.toString().replace(".csv", ".txt"))).strip();
                String libraryText = text.substring(text.indexOf(':') + 1).strip();
                assertThatThrownBy(() -> model.predict(CorpusCase.readCsv(rows))).as(rows.toString())
                        .isInstanceOf(BadInputException.class).hasMessageStartingWith(libraryText);
            }
        }
    }

    /**
     * Text reaches 1.9.1's encoder as strings, equal to no float64 category: the library would answer every row as
     * missing, "3" too; refused instead. A text column with no text (every cell missing) is missing, as there.
     */
    @Test
    void refusesTextInACategoricalColumnFromScikitLearn14() throws Exception {
        CorpusCase corpusCase = cases().filter(c -> c.name().endsWith("1.9.1")).findFirst().orElseThrow();
        try (ScoringModel model = load(corpusCase)) {
            Frame text = frame(new TextColumn(new String[] {"3", "abc"}));
            assertThatThrownBy(() -> model.predict(text)).isInstanceOf(BadInputException.class)
                    .hasMessage("column 'c' is categorical with numbers for categories, and holds text in row 1 "
                            + "(\"3\"), which scikit-learn would take as an unknown category in every row of the "
                            + "column");
            double[] missing = model.predict(frame(new TextColumn(new String[] {null, null}))).columns()[0];
            double[] nan = model.predict(frame(new NumericColumn(new double[] {Double.NaN, Double.NaN})))
                    .columns()[0];
            assertThat(missing).containsExactly(nan);
        }
    }

    /** 1.2.1 converts a categorical column to float64 like any other: text that is no number is refused. */
    @Test
    void refusesTextThatIsNoNumberBefore14() throws Exception {
        CorpusCase corpusCase = cases().filter(c -> c.name().endsWith("1.2.1")).findFirst().orElseThrow();
        try (ScoringModel model = load(corpusCase)) {
            assertThatThrownBy(() -> model.predict(frame(new TextColumn(new String[] {"3", "abc"}))))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("column 'c' is not a number in row 2");
        }
    }

    /** A DataFrame-fitted 1.9.1 model reads its columns through its ColumnTransformer: by name, extras ignored. */
    @Test
    void selectsColumnsByNameFromScikitLearn14() throws Exception {
        CorpusCase corpusCase = cases().filter(c -> c.name().endsWith("1.9.1")).findFirst().orElseThrow();
        try (ScoringModel model = load(corpusCase)) {
            Frame input = corpusCase.inputFrame();
            Frame reordered = new Frame(List.of("extra", "d", "x", "c"), List.of(input.column(0), input.column(2),
                    input.column(1), input.column(0)), input.rowCount());
            assertThat(model.predict(reordered).columns()[0]).containsExactly(model.predict(input).columns()[0]);
        }
    }

    /**
     * A Poisson regressor predicts {@code np.exp} of its raw sum: within 2 ulps of NumPy's (ExactnessProofTest.tolerance
     * says why), and on most rows the very bits.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("logLink")
    void predictsTheExpOfTheRawSumWithinTwoUlps(CorpusCase corpusCase) throws Exception {
        try (ScoringModel model = load(corpusCase)) {
            String engine = ExactnessProofTest.engineOf(model.description());
            assertThat(engine).isEqualTo(SkLearnHistGradientBoosting.LOG_LINK_ENGINE);
            double[] got = model.predict(corpusCase.inputFrame()).columns()[0];
            double[] want = corpusCase.expected().columns()[0];
            int sameBits = 0;
            for (int row = 0; row < want.length; row++) {
                assertThat(Math.abs(got[row] - want[row])).as("row %d: %s, NumPy %s", row + 1, got[row], want[row])
                        .isLessThanOrEqualTo(2 * Math.ulp(want[row]));
                sameBits += got[row] == want[row] ? 1 : 0;
            }
            assertThat(sameBits).isGreaterThan(want.length / 2);
            PredictionComparison.assertMatchesCase(corpusCase, 0.0,
                    ExactnessProofTest.tolerance(engine, "HistGradientBoostingRegressor"),
                    model.predict(corpusCase.inputFrame()));
        }
    }

    /** Until the proof's table lists the log-link engine on the version, the shipped gate declines, naming it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("logLink")
    void declinesALogLinkRegressorUntilItsEngineIsProven(CorpusCase corpusCase) {
        String version = corpusCase.name().substring("poisson-".length());
        PickleLoader loader = loaderProving(proven(version, REGRESSOR, "compiled"));
        assertThatThrownBy(() -> loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase)))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessageContaining("is proven exact in the JVM through compiled only, and this model needs "
                        + "compiled-exp");
    }

    /**
     * Once it is, the shipped gate serves it: every class the pickle holds (the Poisson loss, its Cython half, the
     * log link) is a known part ({@link AllowList#PARTS}), not a family of its own to prove.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("logLink")
    void servesALogLinkRegressorOnceItsEngineIsProven(CorpusCase corpusCase) throws Exception {
        String version = corpusCase.name().substring("poisson-".length());
        PickleLoader loader = loaderProving(proven(version, REGRESSOR, "compiled"),
                proven(version, REGRESSOR, SkLearnHistGradientBoosting.LOG_LINK_ENGINE));
        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            assertThat(model.description()).contains("exp of the log link");
        }
    }

    /**
     * A pipeline's engine is proven on its own models: a table proving 1.2.1's pipelines through the tree engine only
     * declines one ending in a multiclass HistGradientBoostingClassifier (its softmax, compiled-numpy-exp; generated
     * model 1043), as the shipped gate did while the proof held 70 such models, fewer than the minimum. The shipped
     * table (109 of them since) serves it.
     */
    @Test
    void declinesAPipelineUntilItsEngineIsProven() throws Exception {
        Path folder = CASES.resolve("pipeline-softmax-1.2.1");
        String header = Files.readAllLines(folder.resolve("expected.csv")).get(0);
        CorpusCase corpusCase = new CorpusCase("pipeline-softmax-1.2.1", folder, "multiclass",
                List.of(header.split(",")), 0);
        PickleLoader declining = loaderProving(proven("1.2.1", "sklearn.pipeline.Pipeline", "compiled"),
                proven("1.2.1", CLASSIFIER, "compiled-numpy-exp"));
        assertThatThrownBy(() -> declining.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase)))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessageContaining("sklearn 1.2.1 sklearn.pipeline.Pipeline is proven exact in the JVM through "
                        + "compiled only, and this model needs compiled-numpy-exp");
        dev.timpani.model.ModelLoader shipped = PickleLoader.standalone(new TimpaniProperties.Pickles(true),
                List.of(), false);
        try (ScoringModel model = shipped.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            assertThat(ProvenEngine.of(model.description())).isEqualTo("compiled-numpy-exp");
        }
    }

    /** A loader whose gate proves these rows only. */
    private static PickleLoader loaderProving(ProvenExactness.Entry... rows) {
        return new PickleLoader(new TimpaniProperties.Pickles(true), extension -> Optional.empty(),
                VersionGate.of(new ProvenExactness(List.of(rows)), false));
    }

    /** A proof table's row: the family proven on the version through the engine, on just enough models. */
    private static ProvenExactness.Entry proven(String version, String family, String engine) {
        return new ProvenExactness.Entry("sklearn", version, family, engine, ProvenExactness.MIN_MODELS, 1, 0, 0);
    }

    private static Frame frame(dev.timpani.data.Column c) {
        int rows = c instanceof TextColumn text ? text.values().length : ((NumericColumn) c).values().length;
        double[] zeros = new double[rows];
        return new Frame(List.of("c", "x", "d"), List.of(c, new NumericColumn(zeros), new NumericColumn(zeros)), rows);
    }
}
