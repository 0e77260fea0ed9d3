package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.RSupport;
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

    /**
     * DRUM's test_e2e_no_model_artifact: its transform-only custom.py with the artifact removed leaves nothing that
     * can predict, so the load fails with DRUM's text (python_model_adapter.py, wrapped by python_predictor.py), and
     * every DRUM route answers it with 513.
     */
    @Test
    void aPythonHookFolderWithNothingThatCanPredictFailsWithDrumsText() throws IOException {
        PythonSupport.assumeModules("pandas");
        Files.writeString(codeDir.resolve("custom.py"), "def transform(data, model):\n    return data.fillna(0)\n");

        try (TimpaniServer server = start("regression")) {
            assertAnswers513Everywhere(server.http(), "ERROR: An error occurred when loading your artifact: \n\n"
                    + "Running environment language: Python.\nCould not find model artifact file in: " + codeDir
                    + " supported by default predictors.\nThey support filenames with the following extensions "
                    + "['.h5', '.joblib', '.onnx', '.pkl', '.pth'].\nIf your artifact is not supported by default "
                    + "predictor, implement custom.load_model() hook.\nList of retrieved files are: custom.py");
        }
    }

    /** The same for R: a custom.R without load_model and no .rds fails with DRUM's text (score.R). */
    @Test
    void anRHookFolderWithNothingThatCanPredictFailsWithDrumsText() throws IOException {
        RSupport.assumePackages();
        Files.writeString(codeDir.resolve("custom.R"), "transform <- function(data, model) {\n    data\n}\n");

        try (TimpaniServer server = start("regression")) {
            assertAnswers513Everywhere(server.http(), "ERROR: An error occurred when loading your artifact: \n\n"
                    + "Running environment language: R.\nCould not find a serialized model artifact with .rds "
                    + "extension, supported by default R predictor. If your artifact is not supported by default "
                    + "predictor, implement custom.load_model hook.");
        }
    }

    /** What DRUM's assert_drum_server_run_failure checks with the error server on. */
    private static void assertAnswers513Everywhere(HttpTestClient http, String message) {
        for (String path : new String[] {"/", "/ping/", "/ping", "/health/"}) {
            Response response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(513);
            assertThat(response.message()).as(path).isEqualTo(message);
        }
        Response predict = http.post("/predict/", "text/csv", "a\n1\n".getBytes());
        assertThat(predict.status()).isEqualTo(513);
        assertThat(predict.message()).isEqualTo(message);
    }

    private TimpaniServer start(String targetType) {
        return TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(), "timpani.target-type", targetType));
    }
}
