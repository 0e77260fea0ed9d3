package dev.timpani.loaders.h2o;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.PredictionAssert;
import dev.timpani.testing.ServerProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A POJO served by the packaged jar: there h2o-genmodel is a jar nested in {@code BOOT-INF/lib}, which the
 * compiler cannot read from {@code java.class.path}, so this is the test that the POJO still compiles.
 * Runs in {@code verify}, after {@code package} built {@code target/timpani.jar}.
 */
class H2oPojoPackagedIT {

    private static final Path JAR = Path.of(System.getProperty("timpani.jar", "target/timpani.jar"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @org.junit.jupiter.api.Test
    void packagedJarCompilesAndServesAPojo() throws Exception {
        CorpusCase pojo = Corpus.get("h2o_pojo_gbm_readmitted_binary");
        int port = ServerProcesses.freePort();
        Path log = Files.createTempFile("timpani-h2o-it-", ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "server", "--code-dir", pojo.modelDir().toString(), "--target-type", "binary",
                "--negative-class-label", pojo.labels().get(0), "--positive-class-label", pojo.labels().get(1),
                "--address", "127.0.0.1:" + port);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int status = awaitLoaded(process, port, log);
            assertThat(status).as("health; log: %s", Files.readString(log)).isEqualTo(200);

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/predict/")).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(pojo.input())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(JsonMapper.builder().build().readTree(response.body()), pojo);

            HttpResponse<String> info = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/info/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(info.body()).contains("\"predictor\":\"H2OPojoPredictor\"");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** The status of /health/ once the model has loaded or failed (not 503 = still loading). */
    private int awaitLoaded(Process process, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The server exited: " + Files.readString(log));
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 503) {
                    return status;
                }
            } catch (IOException notYetListening) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The model did not load in time: " + Files.readString(log));
    }

}
