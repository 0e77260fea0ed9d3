package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PredictionAssert;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The whole server on a random port serving the generated pickles over HTTP: allow-listed ones with no Python
 * interpreter at all, the rest through the Python workers with the reason on {@code /info/}.
 */
class PickleServingTest {

    private static final String NO_PYTHON = "/nonexistent/python3";

    static Stream<PickleCase> servedInJvm() {
        return PickleCase.servedInJvm();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servedInJvm")
    void servesAllowListedPickleWithNoPythonInterpreter(PickleCase pickle) throws IOException {
        CorpusCase corpusCase = pickle.corpusCase();
        try (TimpaniServer server = TimpaniServer.start(withoutPython(corpusCase))) {
            assertThat(server.http().get("/health/").status()).as("health").isEqualTo(200);

            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(corpusCase.input()));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), corpusCase);
            JsonNode info = server.http().get("/info/").json();
            assertThat(info.path("servedBy").asString()).startsWith("pickle: ").contains("in the JVM");
            assertThat(info.path("language").asString()).isEqualTo("java");
        }
    }

    /**
     * DRUM's {@code test_e2e_predict_fails}: a scikit-learn 1.2 estimator fitted on a DataFrame refuses a request
     * carrying a column it never saw (there, the target), and DRUM answers 500 with the library's text. The
     * compiled trees once ignored the extra column and answered 200; a row without NaN support refuses NaN too.
     */
    @Test
    void refusesAColumnTheEstimatorNeverSawWithScikitLearnsTextAsDrumDoes() throws IOException {
        CorpusCase corpusCase = PickleCase.get("random_forest_regressor").corpusCase();
        try (TimpaniServer server = TimpaniServer.start(withoutPython(corpusCase))) {
            String csv = Files.readString(corpusCase.input()).replaceFirst("\n", ",Grade 2014\n")
                    .replaceAll("(?m)^(-?[0-9].*)$", "$1,1.0");

            Response response = server.http().postX("/predict/", "input.csv", csv.getBytes(StandardCharsets.UTF_8));

            assertThat(response.status()).as(response.body()).isEqualTo(500);
            assertThat(response.json().path("message").asString()).contains("The feature names should match those "
                    + "that were passed during fit.\nFeature names unseen at fit time:\n- Grade 2014\n");
            Response healthAfter = server.http().get("/health/");
            assertThat(healthAfter.status()).as("the server stays up, no error server").isEqualTo(200);
            Response empty = server.http().post("/predict/", "text/csv", new byte[0]);
            assertThat(empty.status()).as("not 513: the error server never started").isEqualTo(422);
            assertThat(empty.message()).isEqualTo("ERROR: Samples should be provided as:   - a csv or mtx under `X` "
                    + "form-data param key.  - binary data");

            String reordered = reorderedColumns(Files.readString(corpusCase.input()));
            Response swapped = server.http().postX("/predict/", "input.csv", reordered.getBytes(StandardCharsets.UTF_8));
            assertThat(swapped.status()).isEqualTo(500);
            assertThat(swapped.json().path("message").asString())
                    .contains("Feature names must be in the same order as they were in fit.");

            String withNan = Files.readString(corpusCase.input()).replaceFirst("\n[^,\n]*,", "\n,");
            Response nan = server.http().postX("/predict/", "input.csv", withNan.getBytes(StandardCharsets.UTF_8));
            assertThat(nan.status()).as("Timpani: 422 for what scikit-learn 1.2 refuses in the request").isEqualTo(422);
            assertThat(nan.json().path("message").asString()).contains("Input X contains NaN.\nRandomForestRegressor "
                    + "does not accept missing values encoded as NaN natively.");
        }
    }

    /** The first two columns swapped, header and rows alike. */
    private static String reorderedColumns(String csv) {
        StringBuilder swapped = new StringBuilder();
        for (String line : csv.split("\n")) {
            String[] cells = line.split(",", -1);
            String first = cells[0];
            cells[0] = cells[1];
            cells[1] = first;
            swapped.append(String.join(",", cells)).append('\n');
        }
        return swapped.toString();
    }

    @Test
    void servesAPickleNotProvenExactThroughThePythonWorkersAndSaysWhy() throws IOException {
        PythonSupport.assumeModules("pandas", "sklearn");
        CorpusCase corpusCase = PickleCase.get("kneighbors_distance").corpusCase();
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties())) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(corpusCase.input()));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), corpusCase);
            assertThat(server.http().get("/info/").json().path("servedBy").asString())
                    .startsWith("python: ")
                    .endsWith("(the pickle loader declined: KNeighborsClassifier is proven exact in the JVM on no "
                            + "sklearn version)");
        }
    }

    @Test
    void inJvmFalseSendsEveryPickleToThePythonWorkers() throws IOException {
        PythonSupport.assumeModules("pandas", "sklearn");
        CorpusCase corpusCase = PickleCase.get("random_forest_regressor").corpusCase();
        Map<String, String> properties = new LinkedHashMap<>(corpusCase.serverProperties());
        properties.put("timpani.pickles.in-jvm", "false");
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(corpusCase.input()));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), corpusCase);
            assertThat(server.http().get("/info/").json().path("servedBy").asString()).startsWith("python: ")
                    .contains("timpani.pickles.in-jvm=false");
        }
    }

    @Test
    void namesTheColumnsANamedModelLacks() {
        CorpusCase corpusCase = PickleCase.get("random_forest_regressor").corpusCase();
        try (TimpaniServer server = TimpaniServer.start(withoutPython(corpusCase))) {
            Response response = server.http().post("/predict/", "text/csv",
                    "f0,f1,f3,other\n1,2,3,4\n".getBytes(StandardCharsets.UTF_8));

            // scikit-learn 1.2's own refusal (BaseEstimator._check_feature_names), a 500 as DRUM answers it.
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.message()).contains("The feature names should match those that were passed during "
                    + "fit.\nFeature names unseen at fit time:\n- other\nFeature names seen at fit time, yet now "
                    + "missing:\n- f2\n- f4\n");
        }
    }

    @Test
    void bindsAnArrayFittedModelByPositionAndNamesAWrongCount() {
        CorpusCase corpusCase = PickleCase.get("random_forest_regressor_array").corpusCase();
        try (TimpaniServer server = TimpaniServer.start(withoutPython(corpusCase))) {
            Response renamed = server.http().post("/predict/", "text/csv",
                    "a,b,c,d,e\n1,2,3,4,5\n".getBytes(StandardCharsets.UTF_8));
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);

            Response response = server.http().post("/predict/", "text/csv",
                    "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.message()).contains("X has 3 features, but RandomForestRegressor is expecting 5 "
                    + "features as input.");
        }
    }

    private static Map<String, String> withoutPython(CorpusCase corpusCase) {
        Map<String, String> properties = new LinkedHashMap<>(corpusCase.serverProperties());
        properties.put("timpani.workers.python", NO_PYTHON);
        return properties;
    }
}
