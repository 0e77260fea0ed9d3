package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.TimpaniServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No interpreter where the settings say: the error server (513) tells the operator which setting to fix (Python, R). */
class MissingPythonTest {

    @Test
    void missingInterpreterIsALoadError(@TempDir Path codeDir) throws Exception {
        Files.writeString(codeDir.resolve("custom.py"), "def load_model(code_dir):\n    return 1\n");
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "regression", "timpani.workers.python", "/nonexistent/python3"))) {
            Response health = server.http().get("/health/");
            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).startsWith("ERROR: Cannot start the Python worker with '/nonexistent/python3'")
                    .contains("timpani.workers.python");
        }
    }

    @Test
    void missingRscriptIsALoadError(@TempDir Path codeDir) throws Exception {
        Files.writeString(codeDir.resolve("custom.R"), "load_model <- function(code_dir) 1\n");
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "regression", "timpani.workers.rscript", "/nonexistent/Rscript"))) {
            Response health = server.http().get("/health/");
            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).startsWith("ERROR: Cannot start the R worker with '/nonexistent/Rscript'")
                    .contains("timpani.workers.rscript");
        }
    }
}
