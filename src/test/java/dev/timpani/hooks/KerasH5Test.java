package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PredictionAssert;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, item 4: a drop-in Keras 3 {@code .h5} (DataRobot's python3_keras pins: TensorFlow 2.2x, Keras 3.15),
 * compiled with a string loss, loads as DRUM's keras_predictor.py loads it ({@code compile=False}) and is scored by
 * the Python workers exactly as Keras' own {@code predict} scores it. The models are made at test time by
 * {@code src/test/python/make_keras_models.py} in the Keras venv ({@link PythonSupport#KERAS_PYTHON}), which also
 * records Keras' predictions; without that venv the test skips, saying where it looked.
 */
class KerasH5Test {

    /**
     * float32 models: oneDNN may sum a Dense layer in another order with the worker's thread count than with the
     * generator's, a few float32 ulps at most (the values are about 1).
     */
    private static final double TOLERANCE = 1e-6;

    private static final String HINT = ".ci/run builds this venv: python3 -m venv, then pip install "
            + "tensorflow-cpu==2.21.0 keras==3.15.1 pandas; or point -Dtest.keras.python at one";

    @TempDir
    static Path work;

    private static Path models;

    @Test
    void servesAKeras3RegressorSavedAsH5AsKerasPredicts() throws Exception {
        assertServedAsKerasPredicts(new CorpusCase("keras_h5_regression", models().resolve("regression"),
                "regression", List.of(), TOLERANCE));
    }

    /** One sigmoid output is P(positive), the negative column 1 - p (R-OUT-12). */
    @Test
    void servesAKeras3BinaryClassifierSavedAsH5AsKerasPredicts() throws Exception {
        assertServedAsKerasPredicts(new CorpusCase("keras_h5_binary", models().resolve("binary"), "binary",
                List.of("no", "yes"), TOLERANCE));
    }

    /**
     * The models, made once by Keras in the venv. Asked for by each test rather than in a {@code @BeforeAll}, so
     * that without the venv each test is reported skipped with the reason.
     */
    private static synchronized Path models() throws IOException, InterruptedException {
        PythonSupport.assumeModulesIn(PythonSupport.KERAS_PYTHON, HINT, "tensorflow", "keras", "pandas");
        if (models == null) {
            Path out = work.resolve("models");
            Path log = work.resolve("make_keras_models.log");
            Process process = new ProcessBuilder(PythonSupport.KERAS_PYTHON, "src/test/python/make_keras_models.py",
                    out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("make_keras_models.py finished").isTrue();
            assertThat(process.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
            models = out;
        }
        return models;
    }

    private static void assertServedAsKerasPredicts(CorpusCase kerasCase) throws IOException {
        Map<String, String> properties = new HashMap<>(kerasCase.serverProperties());
        properties.put("timpani.workers.python", PythonSupport.KERAS_PYTHON);
        try (TimpaniServer server = TimpaniServer.start(properties)) {
            assertThat(server.http().get("/health/").status()).as(server.http().get("/health/").body())
                    .isEqualTo(200);
            assertThat(server.http().get("/info/").json().path("predictor").asString()).isEqualTo("KerasPredictor");

            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(kerasCase.input()));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), kerasCase);
        }
    }
}
