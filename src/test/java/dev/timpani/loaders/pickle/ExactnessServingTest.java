package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.model.ScoringModel;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The committed subset of the differential proof through the whole server, with no Python interpreter: each
 * proven pickle (scikit-learn 1.2.1, 1.6.1 and 1.9.1, XGBoost 1.7.4, LightGBM 4.7.0) is served in the JVM, its {@code input.csv}
 * posted to {@code /predict/} as a DRUM client would, and the JSON answer compared with the library's own, within
 * the family's tolerance ({@link ExactnessProofTest#tolerance}). The loader-level proof cannot see the request
 * reader, the binding of columns, the class labels or the JSON writer; this test does.
 */
class ExactnessServingTest {

    static Stream<ExactnessProofTest.GeneratedModel> provenPickles() throws IOException {
        return ExactnessProofTest.models().filter(ExactnessProofTest.GeneratedModel::isPickle);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("provenPickles")
    void servesTheProvenPickleOverHttpAsTheLibraryAnswered(ExactnessProofTest.GeneratedModel generated)
            throws Exception {
        // The committed subset and the shipped tables are written together by prove.sh; a model committed
        // before its family's row (a new engine, until the lead reruns the full proof) is skipped, visibly.
        assumeTrue(PickleLoader.PROVEN.proves(generated.library(), generated.version(), generated.family())
                        || generated.library().equals("xgboost"),
                generated.family() + " " + generated.version() + " is not in the shipped proven.tsv yet");
        // A log-link HistGradientBoostingRegressor is proven through its own engine, which the gate asks for.
        String engine = engine(generated);
        assumeTrue(!ExactnessProofTest.perValue(engine) || PickleLoader.PROVEN.proves(generated.library(),
                        generated.version(), generated.family(), engine),
                generated.family() + " " + generated.version() + " through " + engine + " is not in the shipped "
                        + "proven.tsv yet");
        CorpusCase corpusCase = generated.corpusCase();
        List<String> labels = new java.util.ArrayList<>();
        generated.meta().path("class_labels").forEach(label -> labels.add(label.asText()));
        // A bare booster's recorded answer is P(positive) alone; the server still needs the case's labels.
        CorpusCase served = new CorpusCase(corpusCase.name(), corpusCase.folder(), corpusCase.targetType(), labels, 0);
        Map<String, String> properties = new LinkedHashMap<>(served.serverProperties());
        properties.put("timpani.workers.python", "/nonexistent/python3");
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            assertThat(server.http().get("/info/").json().path("servedBy").asString()).startsWith("pickle: ");

            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(corpusCase.input()));

            if (!labels.isEmpty() && answersNaNProbabilities(corpusCase.expected())) {
                // The library answered NaN probabilities for a row (e.g. softmax of an infinite decision on a
                // float64-max input): DRUM's output check refuses the batch, and so does the server (R-OUT-14).
                assertThat(response.status()).as(response.body()).isEqualTo(500);
                assertThat(response.body()).contains("do not add up to 1");
                return;
            }
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode predictions = response.json().path("predictions");
            CorpusCase.Table expected = corpusCase.expected();
            assertThat(predictions.size()).as("one prediction per row").isEqualTo(expected.rowCount());
            double tolerance = tolerance(generated);
            double relativeTolerance = relativeTolerance(generated);
            List<String> names = expected.names();
            for (int row = 0; row < expected.rowCount(); row++) {
                for (int column = 0; column < names.size(); column++) {
                    String label = names.get(column).equals("Predictions") && !labels.isEmpty()
                            ? labels.get(labels.size() - 1) : names.get(column);
                    JsonNode cell = labels.isEmpty() ? predictions.get(row) : predictions.get(row).get(label);
                    double want = expected.columns()[column][row];
                    if (!Double.isFinite(want)) {
                        // R-OUT-17: NaN and infinities (a linear model's overflow on 1e308 inputs) are written null
                        assertThat(cell.isNull()).as("%s row %d column %s: got %s, expected %s (null)", generated,
                                row + 1, names.get(column), cell, want).isTrue();
                        continue;
                    }
                    double got = cell.asDouble();
                    boolean same = got == want || Double.isNaN(got) && Double.isNaN(want);
                    assertThat(same || Math.abs(got - want) <= tolerance + relativeTolerance * Math.abs(want))
                            .as("%s row %d column %s: got %s, expected %s", generated, row + 1, names.get(column),
                                    got, want).isTrue();
                }
            }
        }
    }

    private static boolean answersNaNProbabilities(CorpusCase.Table expected) {
        for (double[] column : expected.columns()) {
            for (double value : column) {
                if (Double.isNaN(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The proof's absolute bound for the engine that serves the family (some are relative to the largest value). */
    private static double tolerance(ExactnessProofTest.GeneratedModel generated) throws Exception {
        String engine = engine(generated);
        double bound = ExactnessProofTest.tolerance(engine, generated.family());
        if (ExactnessProofTest.perValue(engine)) {
            return 0.0;
        }
        return ExactnessProofTest.relative(engine) ? bound * generated.scale() : bound;
    }

    /** The proof's bound relative to each value, for the engines held to one ({@code ExactnessProofTest.perValue}). */
    private static double relativeTolerance(ExactnessProofTest.GeneratedModel generated) throws Exception {
        String engine = engine(generated);
        return ExactnessProofTest.perValue(engine) ? ExactnessProofTest.tolerance(engine, generated.family()) : 0.0;
    }

    private static String engine(ExactnessProofTest.GeneratedModel generated) throws Exception {
        try (ScoringModel model = ExactnessProofTest.openLoader().load(generated.corpusCase().artifact(),
                LoaderTestSupport.contextFor(generated.corpusCase()))) {
            return ExactnessProofTest.engineOf(model.description());
        }
    }
}
