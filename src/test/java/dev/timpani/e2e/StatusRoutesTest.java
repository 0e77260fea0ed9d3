package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** DRUM's status routes (R-ROUTE-1..5, R-ROUTE-10) on the embedded example model a bare start serves. */
class StatusRoutesTest {

    private static TimpaniServer server;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        server = TimpaniServer.start(Map.of());
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/ping", "/ping/", "/health", "/health/"})
    void answersOkWithAndWithoutTrailingSlash(String path) {
        Response response = http.get(path);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.message()).isEqualTo("OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/info", "/info/"})
    void describesTheServedModelWithDrumFieldNames(String path) {
        JsonNode info = http.get(path).json();

        assertThat(info.path("targetType").asString()).isEqualTo("regression");
        assertThat(info.path("predictor").asString()).isEqualTo("XGBoostPredictor");
        assertThat(info.path("drumServer").asString()).isEqualTo("flask");
        assertThat(info.path("language").asString()).isEqualTo("java");
        assertThat(info.path("drumVersion").asString()).isEqualTo("1.17.20.post1");
        assertThat(info.path("timpaniVersion").asString()).isNotBlank().isNotEqualTo("1.17.20.post1");
        assertThat(info.path("framework").asString()).isEqualTo("xgboost");
        // Which engine serves the booster: the compiled tree engine, or XGBoost4J with the reason.
        assertThat(info.path("servedBy").asString()).isEqualTo("xgboost: XGBoostPredictor (compiled tree engine)");
        assertThat(info.path("servedArtifacts").asString()).contains(".json", ".pmml", ".onnx");
        assertThat(info.path("codeDir").asString()).isNotBlank();
        assertThat(info.path("modelMetadata").path("name").asString()).isEqualTo("xgboost-regression");
        assertThat(info.has("positiveClassLabel")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/capabilities", "/capabilities/"})
    void listsSupportedPayloadFormats(String path) {
        JsonNode capabilities = http.get(path).json();

        assertThat(capabilities.propertyNames()).containsExactly("supported_payload_formats", "supported_methods");
        assertThat(capabilities.path("supported_payload_formats").propertyNames())
                .containsExactly("csv", "mtx", "arrow");
        assertThat(capabilities.path("supported_methods").propertyNames()).containsExactly("chat");
        assertThat(capabilities.path("supported_payload_formats").path("arrow").asString()).isNotBlank();
        assertThat(capabilities.path("supported_methods").path("chat").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/stats", "/stats/"})
    void reportsRealMemoryAndScoringTime(String path) throws IOException {
        http.postX("/predict/", "input.csv", exampleInput());

        JsonNode stats = http.get(path).json();

        JsonNode memory = stats.path("mem_info");
        assertThat(memory.propertyNames()).containsExactly("total", "avail", "free", "drum_rss", "container_limit",
                "container_max_used", "container_used");
        assertThat(memory.path("total").asDouble()).isPositive();
        assertThat(memory.path("drum_rss").asDouble()).isPositive();
        JsonNode self = stats.path("drum_info").get(0);
        assertThat(self.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(self.path("mem").asDouble()).isPositive();
        JsonNode timing = stats.path("time_info").path("run_predictor_total");
        assertThat(timing.path("min").asDouble()).isPositive();
        assertThat(timing.path("max").asDouble()).isGreaterThanOrEqualTo(timing.path("avg").asDouble());
    }

    @Test
    void scoresTheExampleCsvAsTheReadmeShows() throws IOException {
        Response response = http.postX("/predict/", "input.csv", exampleInput());

        assertThat(response.status()).isEqualTo(200);
        List<String> expected = Files.readAllLines(Path.of("examples/xgboost-regression/expected.csv"));
        JsonNode predictions = response.json().path("predictions");
        assertThat(predictions.size()).isEqualTo(expected.size() - 1);
        for (int row = 0; row < predictions.size(); row++) {
            assertThat(predictions.get(row).asDouble())
                    .isCloseTo(Double.parseDouble(expected.get(row + 1)), org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void answersUnknownPathsWithJson404() {
        Response response = http.get("/no/such/route/");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.message()).isEqualTo("ERROR: The requested URL was not found on the server.");
    }

    @Test
    void answersWrongMethodWithJson405() {
        Response response = http.get("/predict/");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.message()).isEqualTo("ERROR: The method GET is not allowed for the requested URL.");
    }

    @Test
    void pointsTransformAndUnstructuredRoutesToPredict() {
        Response transform = http.post("/transform/", "text/csv", "a\n1\n".getBytes());
        Response unstructured = http.post("/predictUnstructured/", "text/plain", "hello".getBytes());

        assertThat(transform.status()).isEqualTo(422);
        assertThat(transform.message())
                .isEqualTo("ERROR: This model has target type TargetType.REGRESSION, use the /predict/ endpoint.");
        assertThat(unstructured.status()).isEqualTo(422);
        assertThat(unstructured.message()).isEqualTo(
                "ERROR: This model has target type TargetType.REGRESSION, use either /predict/ or /predictions/ "
                        + "endpoint.");
    }

    static byte[] exampleInput() throws IOException {
        return Files.readAllBytes(Path.of("examples/xgboost-regression/input.csv"));
    }
}
