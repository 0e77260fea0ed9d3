package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A {@code custom.py} without {@code load_model} beside an {@code .onnx} file: as in DRUM, the Python worker's
 * built-in ONNX predictor loads and scores it when {@code onnxruntime} is importable there; where it is not (Debian
 * has no package for it), the load fails saying which combination needs what, and the ways out.
 */
class OnnxWithCustomPyTest {

    @TempDir
    Path codeDir;

    @Test
    void servesTheOnnxFileWithTheHooksOrSaysWhatIsMissing() throws Exception {
        PythonSupport.assumeModules("pandas");
        CorpusCase corpusCase = Corpus.get("onnx_regression");
        Files.copy(corpusCase.artifact(), codeDir.resolve("onnx_reg.onnx"));
        Files.copy(Path.of(getClass().getResource("/models/onnx-with-custom-py/custom.py").toURI()),
                codeDir.resolve("custom.py"));
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "regression"))) {
            if (PythonSupport.imports("onnxruntime")) {
                Response response = server.http().post("/predict/", "text/csv",
                        Files.readAllBytes(corpusCase.input()));
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                JsonNode predictions = response.json().path("predictions");
                double[] expected = corpusCase.expected().columns()[0];
                assertThat(predictions.size()).isEqualTo(expected.length);
                for (int row = 0; row < expected.length; row++) {
                    assertThat(predictions.get(row).asDouble()).isCloseTo(expected[row],
                            within(corpusCase.tolerance()));
                }
                return;
            }
            Response health = server.http().get("/health/");
            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).isEqualTo("ERROR: An error occurred when loading your artifact: Could not "
                    + "load the artifact onnx_reg.onnx: custom.py has no load_model hook, so the .onnx file is loaded "
                    + "by the Python worker's built-in ONNX predictor, which needs the 'onnxruntime' module, and the "
                    + "worker's interpreter (" + PythonSupport.python() + ") cannot import it (No module named "
                    + "'onnxruntime'). Install onnxruntime for that interpreter (or point timpani.workers.python at "
                    + "one that has it), load the model yourself in a load_model hook, or remove custom.py to have "
                    + "Timpani serve onnx_reg.onnx in the JVM with its own ONNX Runtime.");
        }
    }
}
