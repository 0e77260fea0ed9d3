package dev.timpani.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.PredictionAssert;
import dev.timpani.testing.PythonEnvScript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the image from the repository's Dockerfile and serves a corpus model from it, started the way the README
 * says: the model folder at /opt/code, TARGET_TYPE in the environment, nothing else; and the Python image built
 * with a model folder's requirements.txt. Skipped where no Docker engine is reachable (never failed for that).
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageIT {

    private static final ImageFromDockerfile IMAGE = new ImageFromDockerfile("timpani-it", true)
            .withDockerfile(Path.of("Dockerfile").toAbsolutePath());

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void servesAMountedModelFolder() throws Exception {
        CorpusCase regression = Corpus.get("xgboost_native_regression");
        try (GenericContainer<?> container = new GenericContainer<>(IMAGE)
                // Copied rather than bind-mounted, so the test also works against a remote Docker engine.
                .withCopyFileToContainer(MountableFile.forHostPath(regression.modelDir(), 0755), "/opt/code")
                .withEnv("TARGET_TYPE", regression.targetType())
                .withExposedPorts(8080)
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger(DockerImageIT.class)))
                .waitingFor(Wait.forHttp("/health/").forPort(8080).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)))) {
            container.start();
            String base = "http://" + container.getHost() + ":" + container.getMappedPort(8080);

            HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create(base + "/ping/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).isEqualTo(200);

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/predict/"))
                            .header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofFile(regression.input())).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(JsonMapper.builder().build().readTree(response.body()), regression);

            // The image runs as the chart's unprivileged uid.
            assertThat(container.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");
        }
    }

    /**
     * {@code --build-arg WITH_PYTHON=true --build-arg MODEL_DIR=...}: the venv of python-env.sh with the pinned base
     * and the folder's requirements.txt on top serves a custom.py that imports LightGBM, exactly as LightGBM itself
     * predicts. The model and its expected answers are made on this machine by a venv of the same script.
     */
    @Test
    void withPythonServesAFolderWhoseRequirementsTheBuildInstalled(@TempDir Path work) throws Exception {
        Path folder = PythonEnvModels.lightgbmFolder(work.resolve("model"));
        Path python = PythonEnvScript.install(work.resolve("venv"), folder, work.resolve("install.log"));
        Path made = PythonEnvModels.make(python, "lightgbm", work.resolve("made"));
        Files.copy(made.resolve("model/model.txt"), folder.resolve("model.txt"));

        // The build context: what the Dockerfile copies (DockerfileTest lists it), and the model folder's
        // requirements.txt at MODEL_DIR inside it.
        ImageFromDockerfile image = new ImageFromDockerfile("timpani-python-it", true)
                .withBuildArg("WITH_PYTHON", "true").withBuildArg("MODEL_DIR", "it-model");
        for (String source : List.of("Dockerfile", "mvnw", "pom.xml", ".mvn", "src", "examples", "openapi",
                "deploy/python")) {
            image.withFileFromPath(source, Path.of(source));
        }
        image.withFileFromPath("it-model/requirements.txt", folder.resolve("requirements.txt"));

        try (GenericContainer<?> container = new GenericContainer<>(image)
                .withCopyFileToContainer(MountableFile.forHostPath(folder, 0755), "/opt/code")
                .withEnv("TARGET_TYPE", "regression")
                .withExposedPorts(8080)
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger(DockerImageIT.class)))
                .waitingFor(Wait.forHttp("/health/").forPort(8080).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)))) {
            container.start();
            String base = "http://" + container.getHost() + ":" + container.getMappedPort(8080);

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/predict/"))
                            .header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofFile(made.resolve("input.csv"))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(PythonEnvModels.predictions(JsonMapper.builder().build().readTree(response.body())))
                    .containsExactly(PythonEnvModels.expected(made));
            assertThat(container.execInContainer(PythonEnvScript.IMAGE_VENV + "/bin/python", "-c",
                    "import sklearn, lightgbm; print(sklearn.__version__, lightgbm.__version__)").getStdout().strip())
                    .isEqualTo("1.9.1 4.7.0");
        }
    }
}
