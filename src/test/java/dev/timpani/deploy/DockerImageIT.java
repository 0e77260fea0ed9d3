package dev.timpani.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.PredictionAssert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
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
 * says: the model folder at /opt/code, TARGET_TYPE in the environment, nothing else. Skipped where no Docker engine
 * is reachable (never failed for that).
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
}
