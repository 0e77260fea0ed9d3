package dev.timpani.oip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The V2 REST routes around inference on the embedded example (XGBoost regression, named features): health,
 * metadata, the model's name, errors in the protocol's {@code {"error": ...}} shape, URL_PREFIX, the API key and
 * the meters' protocol tag.
 */
class V2RestRoutesTest {

    private static final String NAME = "xgboost-regression";
    private static TimpaniServer server;

    @BeforeAll
    static void start() {
        server = TimpaniServer.start(Map.of("timpani.url-prefix", "/drum", "timpani.security.api-key", "s3cret"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Response infer(String json) {
        return infer("/v2/models/" + NAME + "/infer", json);
    }

    private static Response infer(String path, String json) {
        return server.http().post(path, "application/json", json.getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer s3cret"));
    }

    @Test
    void answersHealthAndServerMetadataOutsideTheUrlPrefix() {
        assertThat(server.http().get("/v2/health/live").json().path("live").asBoolean()).isTrue();
        assertThat(server.http().get("/v2/health/ready").json().path("ready").asBoolean()).isTrue();
        assertThat(server.http().get("/drum/v2/health/live").status()).isEqualTo(404);
        JsonNode metadata = server.http().get("/v2").json();
        assertThat(metadata.path("name").asString()).isEqualTo("timpani");
        assertThat(metadata.path("extensions").toString()).contains("binary_tensor_data");
        Response ready = server.http().get("/v2/models/" + NAME + "/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("ready").asBoolean()).isTrue();
    }

    @Test
    void modelMetadataListsTheBoostersFeaturesAndTheRegressionOutput() {
        JsonNode metadata = server.http().get("/v2/models/" + NAME).json();
        assertThat(metadata.path("name").asString()).isEqualTo(NAME);
        assertThat(metadata.path("platform").asString()).isEqualTo("xgboost");
        JsonNode first = metadata.path("inputs").get(0);
        assertThat(first.path("name").asString()).isEqualTo("TPA(ADJ)_fr");
        assertThat(first.path("datatype").asString()).isEqualTo("FP32");
        assertThat(first.path("shape").toString()).isEqualTo("[-1]");
        assertThat(metadata.path("inputs").size()).isEqualTo(33);
        assertThat(metadata.path("outputs").toString())
                .isEqualTo("[{\"name\":\"predictions\",\"datatype\":\"FP64\",\"shape\":[-1]}]");
    }

    @Test
    void aWrongModelNameOrVersionIsA404InTheProtocolsErrorShape() {
        Response metadata = server.http().get("/v2/models/other");
        assertThat(metadata.status()).isEqualTo(404);
        assertThat(metadata.json().path("error").asString())
                .isEqualTo("model 'other' is not served here; this server serves '" + NAME + "'");
        Response versioned = infer("/v2/models/" + NAME + "/versions/3/infer", "{\"inputs\": []}");
        assertThat(versioned.status()).isEqualTo(404);
        assertThat(versioned.json().path("error").asString()).contains("has no version '3'");
    }

    @Test
    void badTensorsAre400sNamingTheInput() {
        assertError(infer("{\"inputs\": [{\"name\": \"AVG_fr\", \"datatype\": \"FP64\", \"shape\": [3], "
                + "\"data\": [1, 2]}]}"), 400, "input 'AVG_fr' has shape [3], which holds 3 elements, but 2 were sent");
        assertError(infer("{\"inputs\": [{\"name\": \"AVG_fr\", \"datatype\": \"COMPLEX\", \"shape\": [1], "
                + "\"data\": [1]}]}"), 400, "input 'AVG_fr' has datatype 'COMPLEX', which is not served");
        assertError(infer("{\"inputs\": [{\"name\": \"a\", \"datatype\": \"FP64\", \"shape\": [2], \"data\": [1, 2]},"
                + "{\"name\": \"b\", \"datatype\": \"FP64\", \"shape\": [1], \"data\": [1]}]}"), 400,
                "input 'b' has 1 rows, input 'a' has 2; every column input must have the same length");
        assertError(infer("{\"inputs\": [{\"name\": \"a\", \"datatype\": \"FP64\", \"shape\": [1], "
                + "\"data\": [\"x\"]}]}"),
                400, "input 'a' is FP64, but element 0 is \"x\"");
        assertError(infer("{\"inputs\": [{\"name\": \"m\", \"datatype\": \"FP64\", \"shape\": [1, 2], "
                + "\"data\": [1, 2]}]}"), 400, "input 'm' has 2 columns; the model declares 33 features");
        assertError(infer("{\"inputs\": "), 400, "the request is not valid JSON");
    }

    @Test
    void outputsSelectsAndUnknownOutputsAre400() {
        Response selected = infer("{\"inputs\": [{\"name\": \"AVG_fr\", \"datatype\": \"FP32\", \"shape\": [2, 1], "
                + "\"data\": [0.3, null]}], \"outputs\": [{\"name\": \"predictions\"}]}");
        assertThat(selected.status()).as(selected.body()).isEqualTo(200);
        assertThat(selected.json().path("outputs").get(0).path("shape").toString()).isEqualTo("[2]");
        assertError(infer("{\"inputs\": [{\"name\": \"AVG_fr\", \"datatype\": \"FP64\", \"shape\": [1], "
                + "\"data\": [0.3]}], \"outputs\": [{\"name\": \"probabilities\"}]}"), 400,
                "output 'probabilities' is not produced by this model; it produces predictions");
    }

    @Test
    void inferNeedsTheApiKeyAndSaysSoInTheProtocolsShape() {
        Response response = server.http().post("/v2/models/" + NAME + "/infer", "application/json",
                "{\"inputs\": []}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").asString()).startsWith("Missing API key");
    }

    @Test
    void scoringMetersCarryTheProtocol() {
        infer("{\"inputs\": [{\"name\": \"AVG_fr\", \"datatype\": \"FP64\", \"shape\": [1], \"data\": [0.3]}]}");
        String prometheus = server.http().get("/actuator/prometheus").body();
        assertThat(prometheus).containsPattern("timpani_model_rows_total\\{protocol=\"v2\"\\} [1-9]");
        assertThat(prometheus).contains("timpani_model_scoring_seconds_count{outcome=\"success\",protocol=\"v2\"}");
        assertThat(prometheus).contains("timpani_model_scoring_seconds_count{outcome=\"success\",protocol=\"drum\"}");
    }

    private static void assertError(Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("error").asString()).startsWith(message);
    }
}
