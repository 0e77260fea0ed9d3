package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.MarkerFiles;
import dev.timpani.testing.ServerProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during a slow request, on the packaged jar: the request in flight completes, new ones are answered 503
 * while it does, and the process exits within the shutdown grace period ({@code spring.lifecycle.timeout-per-shutdown-phase}).
 */
class GracefulShutdownIT {

    private static final Path JAR = Path.of(System.getProperty("timpani.jar", "target/timpani.jar"));
    private static final String SLOW_MODEL = """
            import os
            import time
            import pandas as pd

            def load_model(code_dir):
                return code_dir

            def score(data, model, **kwargs):
                # Tells the test that the request is now inside the hook.
                open(os.path.join(model, "scoring.started"), "w").close()
                time.sleep(2)
                return pd.DataFrame({"Predictions": [1.5] * len(data)})
            """;

    @TempDir
    Path codeDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigtermLetsTheRequestInFlightFinishAndRefusesNewOnes() throws Exception {
        Files.writeString(codeDir.resolve("custom.py"), SLOW_MODEL);
        int port = ServerProcesses.freePort();
        Path log = Files.createTempFile("timpani-shutdown-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString(), "server", "--code-dir", codeDir.toString(), "--target-type",
                "regression", "--address", "127.0.0.1:" + port, "--timpani.workers.python=/usr/bin/python3",
                "--timpani.workers.count=1", "--spring.lifecycle.timeout-per-shutdown-phase=15s"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            ServerProcesses.awaitHealthy(process, port, "/health/", log, Duration.ofSeconds(90));
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(predict(port),
                    HttpResponse.BodyHandlers.ofString());
            // The worker is now inside its 2 s score hook.
            MarkerFiles.await(codeDir.resolve("scoring.started"), Duration.ofSeconds(60), () -> readLog(log));

            long signalled = System.nanoTime();
            process.destroy(); // SIGTERM
            awaitLine(log, "Draining:");
            HttpResponse<String> refused = http.send(predict(port), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> finished = inFlight.get(15, TimeUnit.SECONDS);
            boolean exited = process.waitFor(20, TimeUnit.SECONDS);

            assertThat(refused.statusCode()).as(Files.readString(log)).isEqualTo(503);
            assertThat(refused.body()).isEqualTo(
                    "{\"message\":\"ERROR: Server is shutting down; retry on another replica\"}");
            assertThat(finished.statusCode()).as(Files.readString(log)).isEqualTo(200);
            assertThat(finished.body()).isEqualTo("{\"predictions\":[1.5,1.5]}");
            assertThat(exited).as(Files.readString(log)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(15));
            assertThat(Files.readString(log)).contains("Drained: no scoring request in flight")
                    .contains("Graceful shutdown complete");
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static HttpRequest predict(int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict/"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("a,b\n1,2\n3,4\n"))
                .build();
    }

    private static void awaitLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No \"" + text + "\" in the log within 30 s: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
