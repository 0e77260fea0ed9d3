package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model folder with a requirements.txt, mounted into an image whose Python lacks a module it needs: the load
 * error names the module, the workers' interpreter and how to bake the requirements in, wherever the import fails
 * (custom.py itself, or a hook). A folder without a requirements.txt keeps DRUM's message.
 */
class MissingModuleTest {

    private static final String CUSTOM_PY_IMPORTS = "import timpani_absent_module\n\n\ndef load_model(code_dir):\n"
            + "    return 1\n";
    private static final String LOAD_MODEL_IMPORTS = "def load_model(code_dir):\n"
            + "    import timpani_absent_module\n    return 1\n";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"custom.py", "load_model"})
    void namesTheModuleAndHowToBakeTheRequirementsIntoTheImage(String where, @TempDir Path codeDir) throws Exception {
        PythonSupport.assumeModules("importlib");
        Files.writeString(codeDir.resolve("requirements.txt"), "timpani-absent-module==1.0\n");
        Files.writeString(codeDir.resolve("custom.py"), where.equals("custom.py") ? CUSTOM_PY_IMPORTS
                : LOAD_MODEL_IMPORTS);
        String drums = where.equals("custom.py")
                ? "custom.py could not be imported. Exception: ModuleNotFoundError: No module named "
                        + "'timpani_absent_module'"
                : "'load_model' hook failed to load the model. Exception: No module named 'timpani_absent_module'";

        Response health = health(codeDir);

        assertThat(health.status()).isEqualTo(513);
        assertThat(health.message()).isEqualTo("ERROR: An error occurred when loading your artifact: The model needs "
                + "the Python module 'timpani_absent_module', which the workers' Python (" + PythonSupport.python()
                + ") does not have; the model folder's requirements.txt says what to install. Bake it into the image: "
                + "docker build --build-arg WITH_PYTHON=true --build-arg MODEL_DIR=<the model folder>, or a model "
                + "image FROM the Timpani image that runs /opt/timpani/python/python-env.sh /opt/timpani/venv "
                + "/opt/code (README, \"Build the image\"); on Kubernetes the Helm chart can install it at start-up "
                + "instead (python.installRequirements.enabled=true). (" + drums + ")");
    }

    @Test
    void withoutARequirementsFileTheMessageStaysDrums(@TempDir Path codeDir) throws Exception {
        PythonSupport.assumeModules("importlib");
        Files.writeString(codeDir.resolve("custom.py"), CUSTOM_PY_IMPORTS);

        Response health = health(codeDir);

        assertThat(health.status()).isEqualTo(513);
        assertThat(health.message()).isEqualTo("ERROR: An error occurred when loading your artifact: custom.py could "
                + "not be imported. Exception: ModuleNotFoundError: No module named 'timpani_absent_module'");
    }

    private static Response health(Path codeDir) throws IOException {
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "regression"))) {
            return server.http().get("/health/");
        }
    }
}
