package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error server (R-ERR-4, R-CFG-6): a model that cannot load leaves the process up, answering 513 with the
 * load error on the health routes and every scoring route, instead of exiting.
 */
class ErrorServerTest {

    @TempDir
    Path codeDir;

    @Test
    void returns513OnEveryRouteWhenTheArtifactIsCorrupt() throws IOException {
        Files.writeString(codeDir.resolve("model.json"), "{ this is not an xgboost model");

        try (TimpaniServer server = start("regression")) {
            HttpTestClient http = server.http();
            Response health = http.get("/health/");

            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).startsWith("ERROR: ").contains("model.json");
            for (String path : new String[] {"/", "/ping/", "/health"}) {
                Response response = http.get(path);
                assertThat(response.status()).as(path).isEqualTo(513);
                assertThat(response.message()).as(path).isEqualTo(health.message());
            }
            for (String path : new String[] {"/predict/", "/predictions/", "/invocations", "/transform/",
                    "/predictUnstructured/", "/predictionsUnstructured/"}) {
                Response response = http.post(path, "text/csv", "a\n1\n".getBytes());
                assertThat(response.status()).as(path).isEqualTo(513);
                assertThat(response.message()).as(path).isEqualTo(health.message());
            }
            assertThat(http.get("/info/").status()).isEqualTo(200);
        }
    }

    @Test
    void returns513OnCorruptPmml() throws IOException {
        Files.writeString(codeDir.resolve("model.pmml"), "<PMML><not closed");

        try (TimpaniServer server = start("regression")) {
            Response health = server.http().get("/health/");

            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).startsWith("ERROR: ").contains("model.pmml");
        }
    }

    @Test
    void namesEveryArtifactWhenThereAreSeveral() throws IOException {
        Files.writeString(codeDir.resolve("a.pmml"), "<PMML/>");
        Files.writeString(codeDir.resolve("b.json"), "{}");

        try (TimpaniServer server = start("regression")) {
            Response health = server.http().get("/health/");

            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).isEqualTo("ERROR: Multiple model artifacts found in " + codeDir
                    + ": a.pmml, b.json. Keep exactly one, or load them yourself in a load_model hook.");
        }
    }

    @Test
    void namesSupportedExtensionsWhenThereIsNoArtifact() throws IOException {
        Files.writeString(codeDir.resolve("notes.txt"), "no model here");

        try (TimpaniServer server = start("regression")) {
            Response health = server.http().get("/health/");

            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message())
                    .startsWith("ERROR: Can not detect language by artifacts and/or custom.py/R files.")
                    .contains(".pmml").contains(".json").contains(".ubj");
        }
    }

    @Test
    void returns513WhenBinaryLabelsAreMissing() throws IOException {
        Files.writeString(codeDir.resolve("model.json"), "{}");

        try (TimpaniServer server = start("binary")) {
            Response predict = server.http().post("/predict/", "text/csv", "a\n1\n".getBytes());

            assertThat(predict.status()).isEqualTo(513);
            assertThat(predict.message()).isEqualTo("ERROR: Positive/negative class labels are missing. They must be "
                    + "provided with either one: --positive-class-label/--negative-class-label arguments, environment "
                    + "variables, model config file.");
        }
    }

    private TimpaniServer start(String targetType) {
        return TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(), "timpani.target-type", targetType));
    }
}
