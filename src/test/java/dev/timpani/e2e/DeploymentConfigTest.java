package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * R-CFG-11 with DRUM's own cases ({@code test_deployment_config.py}): under a DataRobot deployment config every
 * structured route answers in the Portable Prediction Server shape, for multipart and raw bodies, with DRUM's keys,
 * key order, labels and decisions per target type; a config that is not JSON or has no target stops the start.
 */
class DeploymentConfigTest {

    private static final String[] ROUTES = {"/predict/", "/predictions/", "/invocations"};

    @TempDir
    Path temp;

    Path config(String json) throws IOException {
        return Files.writeString(Files.createTempFile(temp, "deployment", ".json"), json);
    }

    static Map<String, String> with(CorpusCase corpusCase, Path config) {
        Map<String, String> properties = new LinkedHashMap<>(corpusCase.serverProperties());
        properties.put("timpani.drum.deployment-config", config.toString());
        return properties;
    }

    /** Every route, as multipart X and as a raw body, answers PPS records; each is checked against the row. */
    static void assertEveryRouteAnswers(TimpaniServer server, CorpusCase corpusCase, Consumer<Row> check)
            throws IOException {
        byte[] input = Files.readAllBytes(corpusCase.input());
        CorpusCase.Table expected = corpusCase.expected();
        for (String route : ROUTES) {
            for (Response response : List.of(server.http().postX(route, "input.csv", input),
                    server.http().post(route, "text/csv", input))) {
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                JsonNode data = response.json().path("data");
                assertThat(response.json().propertyNames()).containsExactly("data");
                assertThat(data.size()).isEqualTo(expected.rowCount());
                for (int row = 0; row < data.size(); row++) {
                    assertThat(data.get(row).path("rowId").asInt()).isEqualTo(row);
                    check.accept(new Row(data.get(row), expected, row, corpusCase.tolerance()));
                }
            }
        }
    }

    record Row(JsonNode record, CorpusCase.Table expected, int index, double tolerance) {
        double expected(String column) {
            return expected.columns()[expected.names().indexOf(column)][index];
        }

        List<String> keys() {
            return new ArrayList<>(record.propertyNames());
        }
    }

    @Test
    void regressionAnswersTheValueLabelledWithTheTargetName() throws IOException {
        CorpusCase corpusCase = Corpus.get("pmml_sklearn_regression");
        Path config = config("""
                {"target": {"class_mapping": null, "missing_maps_to": null, "name": "Grade 2014",
                 "prediction_threshold": 0.5, "type": "Regression"}}""");
        try (TimpaniServer server = TimpaniServer.start(with(corpusCase, config))) {
            assertEveryRouteAnswers(server, corpusCase, row -> {
                assertThat(row.keys()).containsExactly("prediction", "predictionValues", "rowId");
                double prediction = row.record().path("prediction").asDouble();
                assertThat(prediction).isCloseTo(row.expected("Predictions"), within(row.tolerance()));
                assertThat(row.record().path("predictionValues").toString())
                        .isEqualTo("[{\"label\":\"Grade 2014\",\"value\":" + row.record().path("prediction") + "}]");
            });
        }
    }

    /** Set by the environment variable, as a DataRobot container sets it. */
    @Test
    void binaryAnswersThePositiveClassFirstAndDecidesAboveTheThreshold() throws IOException {
        CorpusCase corpusCase = Corpus.get("pmml_sklearn_binary");
        Path config = config("""
                {"target": {"class_mapping": [["Iris-versicolor", 1], ["Iris-setosa", 0]],
                 "missing_maps_to": null, "name": "Species", "prediction_threshold": 0.3, "type": "Binary"}}""");
        List<String> decisions = new ArrayList<>();
        try (TimpaniServer server = TimpaniServer.start(corpusCase.serverProperties(),
                Map.of("DEPLOYMENT_CONFIG", config.toString()))) {
            assertEveryRouteAnswers(server, corpusCase, row -> {
                assertThat(row.keys()).containsExactly("prediction", "predictionValues", "predictionThreshold",
                        "rowId");
                JsonNode values = row.record().path("predictionValues");
                double positive = values.get(0).path("value").asDouble();
                assertThat(values.get(0).path("label").asString()).isEqualTo("Iris-versicolor");
                assertThat(positive).isCloseTo(row.expected("Iris-versicolor"), within(row.tolerance()));
                assertThat(values.get(1).path("label").asString()).isEqualTo("Iris-setosa");
                assertThat(values.get(1).path("value").asDouble()).isEqualTo(1 - positive);
                assertThat(row.record().path("predictionThreshold").asDouble()).isEqualTo(0.3);
                String decision = row.record().path("prediction").asString();
                assertThat(decision).isEqualTo(positive > 0.3 ? "Iris-versicolor" : "Iris-setosa");
                decisions.add(decision);
            });
        }
        assertThat(decisions).contains("Iris-versicolor", "Iris-setosa");
    }

    @Test
    void multiclassAnswersClassesInTheirMappingOrderAndTheLikeliestOne() throws IOException {
        CorpusCase corpusCase = Corpus.get("pmml_sklearn_multiclass");
        Path config = config("""
                {"target": {"class_mapping": [["STAR", 2], ["GALAXY", 0], ["QSO", 1]], "missing_maps_to": null,
                 "name": "class", "prediction_threshold": 0.5, "type": "Multiclass"}}""");
        try (TimpaniServer server = TimpaniServer.start(with(corpusCase, config))) {
            assertEveryRouteAnswers(server, corpusCase, row -> {
                assertThat(row.keys()).containsExactly("prediction", "predictionValues", "rowId");
                JsonNode values = row.record().path("predictionValues");
                List<String> labels = new ArrayList<>();
                String likeliest = null;
                double best = -1;
                for (JsonNode value : values) {
                    String label = value.path("label").asString();
                    labels.add(label);
                    assertThat(value.path("value").asDouble()).isCloseTo(row.expected(label), within(row.tolerance()));
                    if (value.path("value").asDouble() > best) {
                        best = value.path("value").asDouble();
                        likeliest = label;
                    }
                }
                assertThat(labels).containsExactly("GALAXY", "QSO", "STAR");
                assertThat(row.record().path("prediction").asString()).isEqualTo(likeliest);
            });
        }
    }

    /** DRUM labels an anomaly score "Anomaly Score", and gives each record its row of extra model output. */
    @Test
    void anomalyAnswersAnAnomalyScoreWithTheRowsExtraOutput() throws IOException, URISyntaxException {
        PythonSupport.assumeModules("pandas");
        Path model = Path.of(getClass().getResource("/models/anomaly-with-extra-output").toURI());
        Path config = config("""
                {"target": {"class_mapping": null, "missing_maps_to": null, "name": null,
                 "prediction_threshold": 0.5, "type": "Anomaly"}}""");
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", model.toString(),
                "timpani.target-type", "anomaly", "timpani.drum.deployment-config", config.toString()))) {
            Response response = server.http().post("/predict/", "text/csv",
                    "x\n5\n15\n".getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"data\":["
                    + "{\"prediction\":0.5,\"predictionValues\":[{\"label\":\"Anomaly Score\",\"value\":0.5}],"
                    + "\"rowId\":0,\"extraModelOutput\":{\"note\":\"row0\"}},"
                    + "{\"prediction\":1.5,\"predictionValues\":[{\"label\":\"Anomaly Score\",\"value\":1.5}],"
                    + "\"rowId\":1,\"extraModelOutput\":{\"note\":\"row1\"}}]}");
        }
    }

    @Test
    void aClassTheModelDoesNotKnowIsA500NamingIt() throws IOException {
        CorpusCase corpusCase = Corpus.get("pmml_sklearn_binary");
        Path config = config("""
                {"target": {"class_mapping": [["no", 0], ["yes", 1]], "name": "Species",
                 "prediction_threshold": 0.5, "type": "Binary"}}""");
        try (TimpaniServer server = TimpaniServer.start(with(corpusCase, config))) {
            Response response = server.http().post("/predict/", "text/csv", Files.readAllBytes(corpusCase.input()));
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.message()).isEqualTo("ERROR: The deployment config's class 'yes' is not one of the "
                    + "model's class labels [Iris-setosa, Iris-versicolor]");
        }
    }

    @Test
    void aConfigThatIsNotJsonOrHasNoTargetStopsTheStartWithDrumsMessage() throws IOException {
        CorpusCase corpusCase = Corpus.get("pmml_sklearn_regression");
        Path notJson = config("{\"target: {\"class_mapping\": null, \"name\": \"Grade 2014\" }}");
        Path noTarget = config("{\"targe\": {\"class_mapping\": null, \"name\": \"Grade 2014\"}}");
        assertThatThrownBy(() -> TimpaniServer.start(with(corpusCase, notJson)).close())
                .satisfies(e -> assertThat(messages(e)).contains(
                        "Failed to parse deployment config json file '" + notJson + "'"));
        assertThatThrownBy(() -> TimpaniServer.start(with(corpusCase, noTarget)).close())
                .satisfies(e -> assertThat(messages(e)).contains(
                        "'target' section not found in deployment config json file " + noTarget));
    }

    /** The messages of an exception and its causes: what the start-up failure report prints. */
    static List<String> messages(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(t.getMessage());
        }
        return messages;
    }
}
