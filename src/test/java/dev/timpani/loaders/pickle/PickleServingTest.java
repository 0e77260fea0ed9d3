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
                    .endsWith("(the pickle loader declined: sklearn.neighbors._classification.KNeighborsClassifier "
                            + "is not on the allow-list of classes proven exact in the JVM)");
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

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.message()).isEqualTo("ERROR: The model was fitted on columns the request lacks: f2, f4 "
                    + "(the request has 4 columns: f0, f1, f3, other)");
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
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.message()).isEqualTo("ERROR: The model was fitted on 5 unnamed features, taken by "
                    + "position; the request has 3 columns: a, b, c");
        }
    }

    private static Map<String, String> withoutPython(CorpusCase corpusCase) {
        Map<String, String> properties = new LinkedHashMap<>(corpusCase.serverProperties());
        properties.put("timpani.workers.python", NO_PYTHON);
        return properties;
    }
}
