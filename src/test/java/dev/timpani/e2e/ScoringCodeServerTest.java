package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.ScoringCodeJars;
import dev.timpani.testing.ScoringCodeJars.Model;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A DataRobot scoring-code jar (R-HOOK-1, {@code .jar}) served over DRUM's routes. */
class ScoringCodeServerTest {

    private static final byte[] CSV = "rooms,age,color\n3,10,red\n1.5,40,green\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path codeDir;

    @Test
    void scoresARegressionJarAndNamesItsPredictor() {
        ScoringCodeJars.write(Model.REGRESSION, codeDir, "model.jar");

        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "regression"))) {
            Response response = server.http().post("/predict/", "text/csv", CSV);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode predictions = response.json().path("predictions");
            assertThat(predictions.size()).isEqualTo(2);
            // The model's formula: 1.5 + 2 * rooms - 0.5 * age + (red 1, blue -1, else 0).
            assertThat(predictions.get(0).asDouble()).isCloseTo(3.5, within(1e-12));
            assertThat(predictions.get(1).asDouble()).isCloseTo(-15.5, within(1e-12));

            JsonNode info = server.http().get("/info/").json();
            assertThat(info.path("predictor").asString()).isEqualTo("ScoringCodePredictor");
            assertThat(info.path("targetType").asString()).isEqualTo("regression");
        }
    }

    @Test
    void answersBinaryWithTheLabelsGivenOnTheCommandLine() {
        ScoringCodeJars.write(Model.BINARY, codeDir, "churn.jar");

        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "binary", "timpani.labels.positive", "Churn",
                "timpani.labels.negative", "Stay"))) {
            Response response = server.http().postX("/predict/", "input.csv", CSV);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode first = response.json().path("predictions").get(0);
            // The model's label 0 ("yes") is the positive class: P = sigmoid(-1 + 0.8 * 3 + 0.3 * 10 + 0.5).
            double churn = 1 / (1 + Math.exp(-(-1 + 0.8 * 3 + 0.3 * 10 + 0.5)));
            assertThat(first.path("Churn").asDouble()).isCloseTo(churn, within(1e-12));
            assertThat(first.path("Stay").asDouble()).isCloseTo(1 - churn, within(1e-12));
            assertThat(server.http().get("/info/").json().path("positiveClassLabel").asString()).isEqualTo("Churn");
        }
    }

    @Test
    void reportsACorruptJarOnHealthWith513() throws IOException {
        Files.write(codeDir.resolve("model.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 'b', 'r', 'o', 'k', 'e', 'n'});

        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "regression"))) {
            Response health = server.http().get("/health/");

            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message())
                    .startsWith("ERROR: model.jar is not a DataRobot scoring-code jar: cannot read it as a jar");
            assertThat(server.http().post("/predict/", "text/csv", CSV).status()).isEqualTo(513);
        }
    }
}
