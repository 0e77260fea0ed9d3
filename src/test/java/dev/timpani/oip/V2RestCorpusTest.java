package dev.timpani.oip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * End to end over real HTTP: corpus models of every JVM-native format and a Python hook model, scored through the
 * Open Inference Protocol (JSON tensors per column, one 2-D tensor, and the binary tensor extension), must give
 * exactly the numbers {@code /predict/} gives for the same rows.
 */
class V2RestCorpusTest {

    static Stream<CorpusCase> cases() {
        return Stream.of("pmml_sklearn_pipeline_mixed_types", "pmml_r_decisiontree_iris", "xgboost_native_binary",
                "xgboost_native_regression", "h2o_mojo_gbm_skyserver_multiclass", "h2o_mojo_regression",
                "onnx_multiclass", "onnx_regression", "torchscript_binary", "python_custom_all_hooks")
                .map(Corpus::get);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void v2AnswersWhatPredictAnswers(CorpusCase corpusCase) throws Exception {
        if (corpusCase.name().startsWith("python_")) {
            PythonSupport.assumeModules("pandas", "sklearn", "joblib");
        }
        Map<String, String> properties = new HashMap<>(corpusCase.serverProperties());
        properties.put("timpani.oip.model-name", corpusCase.name());
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            Frame frame = corpusCase.inputFrame();
            Response drum = server.http().postX("/predict/", "input.csv", Files.readAllBytes(corpusCase.input()));
            assertThat(drum.status()).as(drum.body()).isEqualTo(200);
            Map<String, double[]> expected = drumColumns(drum.json(), frame.rowCount());
            String infer = "/v2/models/" + corpusCase.name() + "/infer";

            Response columns = server.http().post(infer, "application/json", V2Bodies.jsonColumns(frame, "req-1"));
            assertThat(columns.status()).as(columns.body()).isEqualTo(200);
            assertThat(columns.json().path("id").asString()).isEqualTo("req-1");
            assertThat(columns.json().path("model_name").asString()).isEqualTo(corpusCase.name());
            assertThat(v2Columns(columns.json(), frame.rowCount())).as("per-column tensors")
                    .usingRecursiveComparison().isEqualTo(expected);

            JsonNode metadata = server.http().get("/v2/models/" + corpusCase.name()).json();
            List<String> numeric = matrixColumns(frame, metadata);
            if (numeric != null) {
                String name = metadata.path("inputs").size() == 1 ? metadata.path("inputs").get(0).path("name")
                        .asString() : "input";
                Response matrix = server.http().post(infer, "application/json",
                        V2Bodies.jsonMatrix(frame, numeric, name));
                assertThat(matrix.status()).as(matrix.body()).isEqualTo(200);
                assertThat(v2Columns(matrix.json(), frame.rowCount())).as("one 2-D tensor")
                        .usingRecursiveComparison().isEqualTo(expected);
                if (numeric.size() == frame.columnCount()) {
                    assertThat(binary(server, infer, frame, expected.keySet())).as("binary tensors")
                            .usingRecursiveComparison().isEqualTo(expected);
                }
            }
        }
    }

    /** The frame's columns as the model's matrix wants them, or null when some are text. */
    private static List<String> matrixColumns(Frame frame, JsonNode metadata) {
        List<String> order = new ArrayList<>();
        JsonNode inputs = metadata.path("inputs");
        boolean perColumn = inputs.size() > 1 || (inputs.size() == 1 && inputs.get(0).path("shape").size() == 1);
        if (perColumn) {
            for (JsonNode input : inputs) {
                order.add(input.path("name").asString());
            }
        } else {
            order.addAll(frame.columnNames());
        }
        for (String column : order) {
            int index = frame.indexOf(column);
            if (index < 0 || !(frame.column(index) instanceof NumericColumn)) {
                return null;
            }
        }
        return order;
    }

    private static Map<String, double[]> binary(TimpaniServer server, String path, Frame frame,
                                                java.util.Set<String> labels) throws IOException, InterruptedException {
        V2Bodies.Binary body = V2Bodies.binaryColumns(frame);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.http().baseUrl() + path))
                        .header("Content-Type", "application/octet-stream")
                        .header("Inference-Header-Content-Length", Integer.toString(body.headerLength()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.body())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        int headerLength = Integer.parseInt(response.headers().firstValue("Inference-Header-Content-Length")
                .orElseThrow());
        JsonNode header = V2Bodies.JSON.readTree(new String(response.body(), 0, headerLength,
                java.nio.charset.StandardCharsets.UTF_8));
        int at = headerLength;
        Map<String, double[]> columns = new HashMap<>();
        for (JsonNode output : header.path("outputs")) {
            int size = output.path("parameters").path("binary_data_size").asInt();
            if (output.path("datatype").asString().equals("FP64")) {
                double[] values = V2Bodies.readFp64(response.body(), at, size);
                V2Bodies.putOutput(columns, output.path("name").asString(),
                    output.path("parameters").path("class_labels").asString(), values, frame.rowCount());
            }
            at += size;
        }
        assertThat(at).isEqualTo(response.body().length);
        return columns;
    }

    /** /predict/'s answer as one column per label (or "predictions"). */
    static Map<String, double[]> drumColumns(JsonNode body, int rows) {
        Map<String, double[]> columns = new HashMap<>();
        JsonNode predictions = body.path("predictions");
        for (int row = 0; row < rows; row++) {
            JsonNode value = predictions.get(row);
            if (value.isObject()) {
                for (Map.Entry<String, JsonNode> label : value.properties()) {
                    columns.computeIfAbsent(label.getKey(), k -> new double[rows])[row] = label.getValue().asDouble();
                }
            } else {
                columns.computeIfAbsent("predictions", k -> new double[rows])[row] = value.asDouble();
            }
        }
        return columns;
    }

    /** A V2 answer's FP64 output as the same columns: probabilities by their class_labels. */
    static Map<String, double[]> v2Columns(JsonNode body, int rows) {
        Map<String, double[]> columns = new HashMap<>();
        for (JsonNode output : body.path("outputs")) {
            if (!output.path("datatype").asString().equals("FP64")) {
                continue;
            }
            double[] values = new double[output.path("data").size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = output.path("data").get(i).asDouble();
            }
            V2Bodies.putOutput(columns, output.path("name").asString(),
                    output.path("parameters").path("class_labels").asString(), values, rows);
        }
        return columns;
    }
}
