package dev.timpani.loaders.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.loaders.PredictionComparison;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class XGBoostLoaderTest {

    private final XGBoostLoader loader = new XGBoostLoader(dev.timpani.model.VersionGate.of(XGBoostLoader.PROVEN, false));

    static Stream<CorpusCase> xgboostCases() throws IOException {
        return Corpus.cases("xgboost_native_");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xgboostCases")
    void scoresCorpusCaseLikeItsFramework(CorpusCase corpusCase) throws Exception {
        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            model.warmUp();
            RawPredictions predictions = model.predict(corpusCase.inputFrame());
            assertThat(predictions.columnLabels()).as("XGBoost knows no label names").isEmpty();
            PredictionComparison.assertMatchesCase(corpusCase, predictions);
        }
    }

    @Test
    void corruptArtifactIsALoadErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path artifact = Files.writeString(dir.resolve("model.json"), "{ this is not a model");
        LoadContext context = new LoadContext(dir, TargetType.REGRESSION, Optional.empty(), 1);

        assertThatThrownBy(() -> loader.load(artifact, context))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("Could not load XGBoost model model.json: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void positionalModelRejectsAFrameWithTooFewColumns() throws Exception {
        // The legacy binary format stores no feature names, so its features are positional.
        CorpusCase corpusCase = caseNamed("xgboost_native_regression_legacy_binary");
        Frame frame = firstColumns(corpusCase.inputFrame(), 5);

        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            assertThatThrownBy(() -> model.predict(frame))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("The model expects 33 features, the request has 5 columns");
        }
    }

    @Test
    void textInAFeatureIsBadInputNamingColumnRowAndValue() throws Exception {
        CorpusCase corpusCase = caseNamed("xgboost_native_regression");
        Frame input = corpusCase.inputFrame();
        List<Column> columns = new ArrayList<>(input.columns());
        String[] texts = new String[input.rowCount()];
        double[] original = ((NumericColumn) columns.get(1)).values();
        for (int row = 0; row < texts.length; row++) {
            texts[row] = Double.toString(original[row]);
        }
        texts[2] = "abc";
        columns.set(1, new TextColumn(texts));
        Frame frame = new Frame(input.columnNames(), columns, input.rowCount());

        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            assertThatThrownBy(() -> model.predict(frame))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("column 'AVG_fr' is not a number in row 3 (\"abc\")");
        }
    }

    @Test
    void namedFeaturesAreMatchedByNameWhateverTheColumnOrder() throws Exception {
        CorpusCase corpusCase = caseNamed("xgboost_native_regression");
        Frame input = corpusCase.inputFrame();
        List<String> names = new ArrayList<>(input.columnNames());
        List<Column> columns = new ArrayList<>(input.columns());
        Collections.reverse(names);
        Collections.reverse(columns);
        names.add("not_a_feature");
        columns.add(new NumericColumn(new double[input.rowCount()]));
        Frame reordered = new Frame(names, columns, input.rowCount());

        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            assertThat(model.predict(reordered).columns()).isDeepEqualTo(model.predict(input).columns());
        }
    }

    @Test
    void aMissingNamedFeatureIsMissingInEveryRow() throws Exception {
        CorpusCase corpusCase = caseNamed("xgboost_native_binary");
        Frame input = corpusCase.inputFrame();
        Frame withoutFirst = new Frame(input.columnNames().subList(1, input.columnCount()),
                input.columns().subList(1, input.columnCount()), input.rowCount());

        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            double[] probabilities = model.predict(withoutFirst).columns()[0];
            assertThat(probabilities).hasSize(input.rowCount());
            assertThat(Arrays.stream(probabilities).boxed().toList())
                    .allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
        }
    }

    @Test
    void emptyRequestGetsEmptyColumnsOfTheModelsWidth() throws Exception {
        CorpusCase corpusCase = caseNamed("xgboost_native_multiclass");
        Frame input = corpusCase.inputFrame();
        List<Column> empty = new ArrayList<>();
        for (int c = 0; c < input.columnCount(); c++) {
            empty.add(new NumericColumn(new double[0]));
        }

        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            RawPredictions predictions = model.predict(new Frame(input.columnNames(), empty, 0));

            assertThat(predictions.columnCount()).isEqualTo(3);
            assertThat(predictions.rowCount()).isZero();
        }
    }

    private static Frame firstColumns(Frame frame, int count) {
        return new Frame(frame.columnNames().subList(0, count), frame.columns().subList(0, count), frame.rowCount());
    }

    private static CorpusCase caseNamed(String name) throws IOException {
        return Corpus.get(name);
    }

    /**
     * Issue 20: a regression booster trained and saved by XGBoost 3 (XGBoost4J 3.4.0 here) writes base_score as a
     * vector; XGBoost4J 2.1.4 read it as 0.5 and shifted every prediction. Missing cells included.
     */
    @Test
    void scoresAnXGBoost3ModelExactlyAsXGBoostDoes(@TempDir Path dir) throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int rows = 200;
        int features = 5;
        float[] data = new float[rows * features];
        float[] labels = new float[rows];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble() < 0.1 ? Float.NaN : (float) random.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            labels[r] = (float) (3 * (Float.isNaN(data[r * features]) ? 0 : data[r * features]) - 2);
        }
        ml.dmlc.xgboost4j.java.DMatrix train = new ml.dmlc.xgboost4j.java.DMatrix(data, rows, features, Float.NaN);
        train.setLabel(labels);
        java.util.Map<String, Object> params = java.util.Map.of("objective", "reg:squarederror", "max_depth", 4,
                "eta", 0.1, "nthread", 1);
        ml.dmlc.xgboost4j.java.Booster booster = ml.dmlc.xgboost4j.java.XGBoost.train(train, params, 30,
                java.util.Map.of(), null, null);
        Path artifact = dir.resolve("model.json");
        booster.saveModel(artifact.toString());
        assertThat(Files.readString(artifact)).contains("\"version\":[3,4,0]").containsPattern("\"base_score\":\"\\[");
        float[][] expected = booster.predict(new ml.dmlc.xgboost4j.java.DMatrix(data, rows, features, Float.NaN));

        List<String> names = List.of("f0", "f1", "f2", "f3", "f4");
        List<Column> columns = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            double[] values = new double[rows];
            for (int r = 0; r < rows; r++) {
                values[r] = data[r * features + f];
            }
            columns.add(new NumericColumn(values));
        }
        LoadContext context = new LoadContext(dir, TargetType.REGRESSION, Optional.empty(), 1);
        try (ScoringModel model = loader.load(artifact, context)) {
            double[] predicted = model.predict(new Frame(names, columns, rows)).columns()[0];
            for (int r = 0; r < rows; r++) {
                assertThat(predicted[r]).as("row %d", r).isEqualTo((double) expected[r][0]);
            }
        }
        booster.dispose();
    }

    /** Fail closed: a version the differential proof does not cover is refused, naming what would override it. */
    @Test
    void refusesAModelOfAnXGBoostVersionNotProvenAndSaysWhatWouldServeIt(@TempDir Path dir) throws Exception {
        Path proven = Corpus.cases("xgboost_native_regression").filter(c -> c.name().equals("xgboost_native_regression"))
                .findFirst().orElseThrow().artifact();
        Path artifact = dir.resolve("model.json");
        Files.writeString(artifact, Files.readString(proven).replaceFirst("\"version\":\\[[0-9,]*]",
                "\"version\":[3,2,0]"));
        LoadContext context = new LoadContext(dir, TargetType.REGRESSION, Optional.empty(), 1);

        assertThatThrownBy(() -> loader.load(artifact, context))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("xgboost 3.2.0 wrote this reg:squarederror; it is proven exact in the JVM only "
                        + "for xgboost ")
                .hasMessageContaining("3.4.0")
                .hasMessageContaining("timpani.engine.trust-unproven-versions=true")
                .hasMessageContaining("TIMPANI_ENGINE_TRUST_UNPROVEN_VERSIONS=true for any command");

        XGBoostLoader trusting = new XGBoostLoader(dev.timpani.model.VersionGate.of(XGBoostLoader.PROVEN, true));
        try (ScoringModel model = trusting.load(artifact, context)) {
            assertThat(model.predictor()).isEqualTo("XGBoostPredictor");
        }
    }
}
