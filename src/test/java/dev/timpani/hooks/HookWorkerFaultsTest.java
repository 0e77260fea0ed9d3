package dev.timpani.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.MarkerFiles;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a misbehaving hook does to the server: a worker that dies or hangs costs its request a 500 and is
 * replaced; prints cannot corrupt the protocol; wrong return values get DRUM's messages; a full queue is a 503.
 * One regression model whose {@code score} hook does what the request's {@code mode} column says.
 */
class HookWorkerFaultsTest {

    static final String CUSTOM_PY = """
            import os
            import sys
            import time

            import pandas as pd

            print("load-time print goes to stderr, not to the protocol")


            def load_model(code_dir):
                global CODE_DIR
                CODE_DIR = code_dir
                return "fault-model"


            def score(data, model, **kwargs):
                mode = str(data["mode"].iloc[0])
                print("score prints to stdout:", mode)
                sys.stdout.write("more stdout\\n")
                os.write(1, b"\\x00\\x00\\x00\\x07raw bytes on fd 1\\n")
                if mode == "kill":
                    os.kill(os.getpid(), 9)
                if mode == "sleep":
                    # Tells a test that this request is now inside the hook.
                    open(os.path.join(CODE_DIR, "sleeping"), "w").close()
                    time.sleep(float(data["x"].iloc[0]))
                if mode == "list":
                    return [1.0] * len(data)
                if mode == "rows":
                    return pd.DataFrame({"Predictions": [1.0] * (len(data) + 1)})
                if mode == "raise":
                    raise ValueError("boom in score")
                if mode == "http":
                    from datarobot_drum import CustomHTTPError
                    raise CustomHTTPError("teapot says no", 418)
                if mode == "param":
                    from datarobot_drum import RuntimeParameters
                    assert not RuntimeParameters.has("MISSING")
                    return pd.DataFrame({"Predictions": data["x"] * float(RuntimeParameters.get("SCALE"))})
                if mode == "extra":
                    return pd.DataFrame({"Predictions": data["x"] * 2, "note": ["n%d" % i for i in range(len(data))]})
                return pd.DataFrame({"Predictions": data["x"].astype(float) * 2})
            """;

    @TempDir
    static Path codeDir;

    static TimpaniServer server;

    @BeforeAll
    static void startServer() throws IOException {
        PythonSupport.assumeModules("pandas");
        Files.writeString(codeDir.resolve("custom.py"), CUSTOM_PY);
        // A values file needs its parameters defined, as DRUM requires (R-RTP-1).
        Files.writeString(codeDir.resolve("model-metadata.yaml"),
                "runtimeParameterDefinitions:\n  - fieldName: SCALE\n    type: numeric\n");
        Path params = Files.createTempFile("runtime-params", ".yaml");
        Files.writeString(params, "SCALE: 10\n");
        params.toFile().deleteOnExit();
        server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(), "timpani.target-type", "regression",
                "timpani.workers.count", "1", "timpani.workers.queue-size", "4",
                "timpani.workers.request-timeout", "8s", "timpani.drum.runtime-params-file", params.toString()));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static Response score(String mode, double x) {
        String csv = "mode,x\n" + mode + "," + x + "\n" + mode + "," + (x + 1) + "\n";
        return server.http().post("/predict/", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** The server answers correctly again (a replacement worker may still be starting: it waits in the queue). */
    static void assertScoresAgain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Response response = score("ok", 1.5);
        while (response.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = score("ok", 1.5);
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("predictions").get(0).asDouble()).isEqualTo(3.0);
        assertThat(response.json().path("predictions").get(1).asDouble()).isEqualTo(5.0);
        assertThat(server.http().get("/health/").status()).isEqualTo(200);
    }

    @Test
    void printsToStdoutDoNotCorruptTheAnswer() {
        Response response = score("ok", 1.5);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("predictions").toString()).isEqualTo("[3.0,5.0]");
    }

    @Test
    void killedWorkerCostsOneRequestAndIsReplaced() throws InterruptedException {
        double restartsBefore = meter("timpani_workers_restarts_total");
        Response response = score("kill", 0);
        assertThat(response.status()).as(response.body()).isEqualTo(500);
        assertThat(response.message()).startsWith("ERROR: The Python worker").contains("died while serving the predict");
        assertScoresAgain();
        assertThat(meter("timpani_workers_restarts_total")).isGreaterThan(restartsBefore);
        assertThat(meter("timpani_workers_size")).isEqualTo(1.0);
        assertThat(meter("timpani_workers_busy")).isZero();
    }

    /** The value of an unlabelled meter on the Prometheus endpoint. */
    private static double meter(String name) {
        return server.http().get("/actuator/prometheus").body().lines().filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).strip())).findFirst()
                .orElseThrow(() -> new AssertionError("no meter " + name));
    }

    /** A worker that dies while idle (OOM killer, a signal) is replaced before a request is handed to it. */
    @Test
    void workerKilledWhileIdleCostsNoRequest() throws InterruptedException {
        assertScoresAgain();
        java.util.List<ProcessHandle> workers = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains("worker.py"))
                        .orElse(false))
                .toList();
        assertThat(workers).isNotEmpty();
        workers.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle worker : workers) {
            worker.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
        Response response = score("ok", 1.5);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("predictions").toString()).isEqualTo("[3.0,5.0]");
    }

    @Test
    void hookPastTheTimeoutIsStoppedWith500() throws InterruptedException {
        long started = System.nanoTime();
        Response response = score("sleep", 60);
        assertThat(response.status()).as(response.body()).isEqualTo(500);
        assertThat(response.message()).contains("did not answer the predict request within 8000 ms");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
        assertScoresAgain();
    }

    @Test
    void wrongReturnTypeGetsDrumsMessage() throws InterruptedException {
        Response response = score("list", 0);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.message()).isEqualTo("ERROR: score must return a dataframe, but received <class 'list'>");
        assertScoresAgain();
    }

    @Test
    void wrongRowCountBreaksTheContract() {
        Response response = score("rows", 0);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.message()).isEqualTo("ERROR: The model returned 3 predictions for 2 input rows");
    }

    @Test
    void raisingHookIsA500WithItsText() {
        Response response = score("raise", 0);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.message())
                .isEqualTo("ERROR: Model 'score' hook failed to make predictions. Exception: boom in score");
    }

    @Test
    void customHttpErrorKeepsItsStatusAndMessage() {
        Response response = score("http", 0);
        assertThat(response.status()).isEqualTo(418);
        assertThat(response.message()).isEqualTo("teapot says no");
        assertThat(response.headers().firstValue("X-Drum-User-Http-Error")).hasValue("true");
    }

    /** R-CFG-9: user code reads --runtime-params-file through the shim's RuntimeParameters. */
    @Test
    void runtimeParametersReachTheHooks() {
        Response response = score("param", 1);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("predictions").toString()).isEqualTo("[10.0,20.0]");
    }

    @Test
    void extraColumnsBecomeExtraModelOutput() {
        Response response = score("extra", 1);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("predictions").toString()).isEqualTo("[2.0,4.0]");
        assertThat(response.json().path("extraModelOutput").path("columns").toString()).isEqualTo("[\"note\"]");
    }

    @Test
    void unparsableCsvIs422() {
        Response response = server.http().post("/predict/", "text/csv",
                "a,b\n1,2,3,4\n\"x".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.message()).startsWith("ERROR: Pandas failed to read input binary data");
        Response empty = server.http().post("/predict/", "text/csv", new byte[0]);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.message()).startsWith("ERROR: Samples should be provided as");
        Response unsupported = server.http().post("/predict/", "application/x-unknown", "x".getBytes());
        assertThat(unsupported.status()).isEqualTo(422);
        assertThat(unsupported.message()).contains("payload format `application/x-unknown` is not supported");
    }

    /** R-ERR-5: one worker, no queue: a second request while the first runs is turned away. */
    @Test
    void fullQueueIs503(@TempDir Path otherDir) throws Exception {
        Files.writeString(otherDir.resolve("custom.py"), CUSTOM_PY);
        try (TimpaniServer busy = TimpaniServer.start(Map.of("timpani.code-dir", otherDir.toString(),
                "timpani.target-type", "regression", "timpani.workers.count", "1",
                "timpani.workers.queue-size", "0"))) {
            byte[] slow = "mode,x\nsleep,3\n".getBytes(StandardCharsets.UTF_8);
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                    () -> busy.http().post("/predict/", "text/csv", slow));
            MarkerFiles.await(otherDir.resolve("sleeping"), Duration.ofSeconds(60), () -> "the score hook did not start");
            Response second = busy.http().post("/predict/", "text/csv", "mode,x\nok,1\n".getBytes());
            assertThat(second.status()).as(second.body()).isEqualTo(503);
            assertThat(second.message()).contains("busy");
            assertThat(first.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(busy.http().post("/predict/", "text/csv", "mode,x\nok,1\n".getBytes()).status()).isEqualTo(200);
        }
    }
}
