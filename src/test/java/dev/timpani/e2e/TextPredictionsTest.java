package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.cli.TimpaniCommand;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.RSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * R-OUT-5 / R-OUT-9: models of the text target types answer their own strings over HTTP and in {@code score}'s
 * csv, never cast to float. The hook models live in {@code src/test/resources/dev/timpani/e2e/text/}.
 */
class TextPredictionsTest {

    private static final String GEOPOINT_JSON = "{\"predictions\":[\"POINT (-75.692924 45.394073)\",null,"
            + "\"POINT (8.5417 47.3769)\"]}";

    @TempDir
    Path tmp;

    @Test
    void geopointModelAnswersItsWktStrings() throws Exception {
        PythonSupport.assumeModules("pandas");
        Path model = model("geopoint");
        byte[] input = Files.readAllBytes(model.resolve("input.csv"));
        try (TimpaniServer server = serve(model, "geopoint")) {
            Response multipart = server.http().postX("/predict/", "input.csv", input);
            Response raw = server.http().post("/invocations", "text/csv; charset=utf-8", input);

            for (Response response : List.of(multipart, raw)) {
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.contentType()).startsWith("application/json");
                assertThat(response.body()).isEqualTo(GEOPOINT_JSON);
            }
        }
    }

    @Test
    void geopointStringsTakeThePortablePredictionServerShapeUnderADeploymentConfig() throws Exception {
        PythonSupport.assumeModules("pandas");
        Path model = model("geopoint");
        Path config = Files.writeString(tmp.resolve("deployment.json"),
                "{\"target\": {\"name\": \"location\", \"type\": \"Geopoint\"}}");
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", model.toString(),
                "timpani.target-type", "geopoint", "timpani.drum.deployment-config", config.toString()))) {
            Response response = server.http().postX("/predict/", "input.csv",
                    Files.readAllBytes(model.resolve("input.csv")));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"data\":["
                    + "{\"prediction\":\"POINT (-75.692924 45.394073)\",\"predictionValues\":[{\"label\":\"location\","
                    + "\"value\":\"POINT (-75.692924 45.394073)\"}],\"rowId\":0},"
                    + "{\"prediction\":null,\"predictionValues\":[{\"label\":\"location\",\"value\":null}],\"rowId\":1},"
                    + "{\"prediction\":\"POINT (8.5417 47.3769)\",\"predictionValues\":[{\"label\":\"location\","
                    + "\"value\":\"POINT (8.5417 47.3769)\"}],\"rowId\":2}]}");
        }
    }

    @Test
    void textGenerationModelAnswersUnicodeQuotesAndLineBreaksWithExtraOutput() throws Exception {
        PythonSupport.assumeModules("pandas");
        Path model = model("textgeneration");
        try (TimpaniServer server = serve(model, "textgeneration")) {
            Response response = server.http().postX("/predict/", "input.csv",
                    Files.readAllBytes(model.resolve("input.csv")));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            List<String> replies = new ArrayList<>();
            body.path("predictions").forEach(value -> replies.add(value.isNull() ? null : value.asString()));
            assertThat(replies).containsExactly(
                    "Re: \"hello\" \u2014 ok\nbye \u2713 \uD83C\uDF0D",
                    "Re: \"say \"hi\", then\nleave\" \u2014 ok\nbye \u2713 \uD83C\uDF0D",
                    null,
                    "Re: \"日本語\" \u2014 ok\nbye \u2713 \uD83C\uDF0D");
            assertThat(body.path("predictions").get(2).isNull()).isTrue();
            // R-OUT-4 as for numbers (numeric extra columns travel as float64); Python's len() counts code points.
            assertThat(body.path("extraModelOutput").toString()).isEqualTo("{\"columns\":[\"length\"],"
                    + "\"index\":[0,1,2,3],\"data\":[[" + codePoints(replies.get(0)) + ".0],["
                    + codePoints(replies.get(1)) + ".0],[0.0],[" + codePoints(replies.get(3)) + ".0]]}");
        }
    }

    @Test
    void postProcessGetsTheStringsUncast() throws Exception {
        PythonSupport.assumeModules("pandas");
        try (TimpaniServer server = serve(model("post_process"), "geopoint")) {
            Response response = server.http().post("/predict/", "text/csv",
                    "latitude,longitude\n1.5,2.5\n".getBytes(StandardCharsets.UTF_8));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"predictions\":[\"SRID=4326;POINT (2.5 1.5)\"]}");
        }
    }

    @Test
    void twoTextColumnsAreRefusedWithDrumsSentence() throws Exception {
        PythonSupport.assumeModules("pandas");
        Path model = model("two_columns");
        try (TimpaniServer server = serve(model, "geopoint")) {
            Response response = server.http().post("/predict/", "text/csv",
                    "latitude,longitude\n1.5,2.5\n".getBytes(StandardCharsets.UTF_8));

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.message()).isEqualTo("ERROR: Regression, Text Generation, Agentic Workflow and "
                    + "anomaly predictions must contain only 1 column. Your predictions have 2 columns");
            assertThat(server.http().get("/health/").status()).isEqualTo(200);
        }
    }

    @Test
    void rModelAnswersItsCharacterColumn() throws Exception {
        RSupport.assumePackages();
        Path model = model("r_textgeneration");
        try (TimpaniServer server = serve(model, "textgeneration")) {
            // read.csv keeps an empty field as "" in a character column: the model answers NA for it.
            Response response = server.http().post("/predict/", "text/csv",
                    "prompt\nhello\n\"\"\n\"Zürich \"\"x\"\"\"\n".getBytes(StandardCharsets.UTF_8));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"predictions\":[\"R: HELLO \u2713 \\\"q\\\"\\nend\",null,"
                    + "\"R: ZÜRICH \\\"X\\\" \u2713 \\\"q\\\"\\nend\"]}");
        }
    }

    @Test
    void scoreWritesTheStringsAsPandasToCsvDoes() throws Exception {
        PythonSupport.assumeModules("pandas");
        Path model = model("textgeneration");
        Path output = tmp.resolve("out.csv");
        // The batch commands read Spring properties from system properties too.
        System.setProperty("timpani.workers.python", PythonSupport.python());
        int exit;
        try {
            exit = TimpaniCommand.run(new String[] {"score", "--code-dir", model.toString(), "--target-type",
                    "textgeneration", "--input", model.resolve("input.csv").toString(), "--output", output.toString(),
                    "--chunk-size", "3"});
        } finally {
            System.clearProperty("timpani.workers.python");
        }

        assertThat(exit).isZero();
        String tail = " \u2014 ok\nbye \u2713 \uD83C\uDF0D\"\n";
        assertThat(Files.readString(output)).isEqualTo("Predictions\n"
                + "\"Re: \"\"hello\"\"" + tail
                + "\"Re: \"\"say \"\"hi\"\", then\nleave\"\"" + tail
                + "\"\"\n"
                + "\"Re: \"\"日本語\"\"" + tail);
    }

    @Test
    void scoreWritesGeopointStrings() throws Exception {
        PythonSupport.assumeModules("pandas");
        Path model = model("geopoint");
        Path output = tmp.resolve("points.csv");
        System.setProperty("timpani.workers.python", PythonSupport.python());
        int exit;
        try {
            exit = TimpaniCommand.run(new String[] {"score", "--code-dir", model.toString(), "--target-type",
                    "geopoint", "--input", model.resolve("input.csv").toString(), "--output", output.toString()});
        } finally {
            System.clearProperty("timpani.workers.python");
        }

        assertThat(exit).isZero();
        assertThat(Files.readString(output))
                .isEqualTo("Predictions\nPOINT (-75.692924 45.394073)\n\"\"\nPOINT (8.5417 47.3769)\n");
    }

    private static TimpaniServer serve(Path model, String targetType) {
        return TimpaniServer.start(Map.of("timpani.code-dir", model.toString(), "timpani.target-type", targetType));
    }

    private static Path model(String name) throws URISyntaxException, IOException {
        return Path.of(TextPredictionsTest.class.getResource("text/" + name).toURI());
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }
}
