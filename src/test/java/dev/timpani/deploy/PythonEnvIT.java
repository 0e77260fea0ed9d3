package dev.timpani.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonEnvScript;
import dev.timpani.testing.ServerProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's Python side without Docker: {@code deploy/python/python-env.sh}, the script the Dockerfile runs, makes a
 * fresh venv here (pip from the machine's configured index), and the packaged jar serves through hook workers on it,
 * pointed there by TIMPANI_WORKERS_PYTHON as in the image. The models are made at test time by
 * {@code make_models.py} run in that venv, which writes the libraries' own predictions as the expected answers.
 * <p>
 * In order, on one venv, as an image's life goes: the base ({@code WITH_PYTHON=true}) serves a scikit-learn 1.9
 * pickle; a mounted folder whose custom.py imports LightGBM fails to load naming the module; the folder's
 * requirements.txt installed on top ({@code MODEL_DIR}, or a model image FROM the Timpani image) serves it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PythonEnvIT {

    private static final Path JAR = Path.of(System.getProperty("timpani.jar", "target/timpani.jar"));
    private static final Path WORK = Path.of("target/python-env-it");
    private static final Path VENV = WORK.resolve("venv");
    private static final Path LOG = WORK.resolve("install.log");

    private static Path python;

    @TempDir
    Path models;

    @BeforeAll
    static void installTheBase() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        long start = System.nanoTime();
        python = PythonEnvScript.install(VENV, null, LOG);
        System.out.printf("PythonEnvIT: %s %s took %d s%n", PythonEnvScript.SCRIPT, VENV,
                Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }

    @Test
    @Order(1)
    void servesAScikitLearn19PickleThroughTheBaseVenv() throws Exception {
        Path made = PythonEnvModels.make(python, "sklearn", models.resolve("sklearn"));
        assertThat(PythonEnvModels.versions(made)).containsEntry("scikit-learn", "1.9.1");

        try (Server server = Server.start(made.resolve("model"), Map.of("WITH_ERROR_SERVER", "true",
                "TIMPANI_PICKLES_IN_JVM", "false"))) {
            assertThat(server.awaitLoaded().status()).as("/health/").isEqualTo(200);

            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(
                    made.resolve("input.csv")));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(PythonEnvModels.predictions(response.json())).containsExactly(PythonEnvModels.expected(made));
            assertThat(server.http().get("/info/").json().path("servedBy").asString()).startsWith("python: ")
                    .contains("timpani.pickles.in-jvm=false");
        }
    }

    @Test
    @Order(2)
    void aMountedFolderNeedingAModuleTheBaseLacksFailsNamingItAndTheWayToBakeItIn() throws Exception {
        Path folder = PythonEnvModels.lightgbmFolder(models.resolve("lightgbm-mounted"));
        String message = "ERROR: An error occurred when loading your artifact: The model needs the Python module "
                + "'lightgbm', which the workers' Python (" + python + ") does not have; the model folder's "
                + "requirements.txt says what to install. Bake it into the image: docker build --build-arg "
                + "WITH_PYTHON=true --build-arg MODEL_DIR=<the model folder>, or a model image FROM the Timpani image "
                + "that runs /opt/timpani/python/python-env.sh /opt/timpani/venv /opt/code (README, \"Build the "
                + "image\"); on Kubernetes the Helm chart can install it at start-up instead "
                + "(python.installRequirements.enabled=true). (custom.py could not be imported. Exception: "
                + "ModuleNotFoundError: No module named 'lightgbm')";

        // The image's default: the error server, 513 with the message on every DRUM route.
        try (Server server = Server.start(folder, Map.of("WITH_ERROR_SERVER", "true"))) {
            Response health = server.awaitLoaded();
            assertThat(health.status()).isEqualTo(513);
            assertThat(health.message()).isEqualTo(message);
        }
        // Without it, as DRUM: exit code 1, the message on the way out.
        try (Server server = Server.start(folder, Map.of("WITH_ERROR_SERVER", "false"))) {
            assertThat(server.process().waitFor(90, TimeUnit.SECONDS)).as("the server exits").isTrue();
            assertThat(server.process().exitValue()).isEqualTo(1);
            assertThat(Files.readString(server.log())).contains(message);
        }
    }

    @Test
    @Order(3)
    void servesACustomPyImportingLightgbmOnceTheFoldersRequirementsAreInstalled() throws Exception {
        Path folder = PythonEnvModels.lightgbmFolder(models.resolve("lightgbm"));
        PythonEnvScript.install(VENV, folder, LOG);
        Path made = PythonEnvModels.make(python, "lightgbm", models.resolve("lightgbm-made"));
        assertThat(PythonEnvModels.versions(made)).containsEntry("lightgbm", "4.7.0");
        Files.copy(made.resolve("model/model.txt"), folder.resolve("model.txt"));

        try (Server server = Server.start(folder, Map.of("WITH_ERROR_SERVER", "true"))) {
            Response health = server.awaitLoaded();
            assertThat(health.status()).as(health.body()).isEqualTo(200);

            Response response = server.http().post("/predict/", "text/csv", Files.readAllBytes(
                    made.resolve("input.csv")));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(PythonEnvModels.predictions(response.json())).containsExactly(PythonEnvModels.expected(made));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The packaged jar, started as the image starts it: a container's environment, the venv's interpreter. */
    private record Server(Process process, Path log, int port) implements AutoCloseable {

        static Server start(Path codeDir, Map<String, String> env) throws IOException {
            int port = ServerProcesses.freePort();
            Path log = Files.createTempFile("timpani-python-env-it-", ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeAll(List.of("CODE_DIR", "TARGET_TYPE", "ADDRESS", "URL_PREFIX",
                    "CLASS_LABELS", "POSITIVE_CLASS_LABEL", "NEGATIVE_CLASS_LABEL", "CLASS_LABELS_FILE",
                    "WITH_ERROR_SERVER", "TIMPANI_PICKLES_IN_JVM"));
            builder.environment().putAll(Map.of("CODE_DIR", codeDir.toAbsolutePath().toString(),
                    "TARGET_TYPE", "regression", "ADDRESS", "127.0.0.1:" + port, "MAX_WORKERS", "1",
                    "TIMPANI_WORKERS_PYTHON", python.toString()));
            builder.environment().putAll(env);
            return new Server(builder.start(), log, port);
        }

        HttpTestClient http() {
            return HttpTestClient.at("http://127.0.0.1:" + port);
        }

        /** /health/ once the model has loaded (200) or failed (513), not while the port is closed or it loads. */
        Response awaitLoaded() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("The server exited: " + Files.readString(log));
                }
                try {
                    Response health = http().get("/health/");
                    if (health.status() != 503) {
                        return health;
                    }
                } catch (UncheckedIOException notYetListening) {
                    // keep waiting
                }
                Thread.sleep(100);
            }
            throw new AssertionError("Not loaded within 2 min: " + Files.readString(log));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }
}
