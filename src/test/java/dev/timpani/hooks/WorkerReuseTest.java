package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers whose {@code score} answers with its process id: one client's requests, one after another, stay on
 * one warm worker (the pool lends the last worker returned), while requests at once spread over both.
 */
class WorkerReuseTest {

    private static final String CUSTOM_PY = """
            import os
            import time

            import pandas as pd


            def load_model(code_dir):
                return "pid-model"


            def score(data, model, **kwargs):
                time.sleep(float(data["wait"].iloc[0]))
                return pd.DataFrame({"Predictions": [float(os.getpid())] * len(data)})
            """;

    @Test
    void sequentialRequestsReuseOneWorkerAndConcurrentOnesUseBoth(@TempDir Path codeDir) throws Exception {
        PythonSupport.assumeModules("pandas");
        Files.writeString(codeDir.resolve("custom.py"), CUSTOM_PY);
        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "regression", "timpani.workers.count", "2"))) {
            Set<Double> sequential = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                sequential.add(pid(score(server, 0)));
            }
            assertThat(sequential).as("worker pids of 10 requests one after another").hasSize(1);

            List<CompletableFuture<Response>> atOnce = List.of(
                    CompletableFuture.supplyAsync(() -> score(server, 1.5)),
                    CompletableFuture.supplyAsync(() -> score(server, 1.5)));
            Set<Double> concurrent = new HashSet<>();
            for (CompletableFuture<Response> response : atOnce) {
                concurrent.add(pid(response.get()));
            }
            assertThat(concurrent).as("worker pids of 2 requests at once").hasSize(2);
        }
    }

    private static Response score(TimpaniServer server, double waitSeconds) {
        String csv = "wait\n" + waitSeconds + "\n";
        return server.http().post("/predict/", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static double pid(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("predictions").get(0).asDouble();
    }
}
