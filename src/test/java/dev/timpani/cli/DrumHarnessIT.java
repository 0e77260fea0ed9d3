package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.ServerProcesses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar driven the way DRUM's own harness ({@code DrumServerRun}) drives {@code drum server}: readiness
 * polled on {@code /}, the load error read from stderr, the exit code checked (R-ROUTE-1, R-CFG-6, R-LOG-1).
 */
class DrumHarnessIT {

    private static final Path JAR = Path.of(System.getProperty("timpani.jar", "target/timpani.jar"));
    private static final Duration START = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    /** A custom.py whose load_model waits for a file the test creates, so the loading state lasts. */
    private static final String SLOW_LOADING_MODEL = """
            import os, time
            import pandas as pd

            def load_model(code_dir):
                while not os.path.exists(os.path.join(code_dir, "go")):
                    time.sleep(0.02)
                return "model"

            def score(data, model, **kwargs):
                return pd.DataFrame({"Predictions": [float(len(data.columns))] * len(data)})
            """;

    @Test
    void rootIs503WhileTheModelLoadsAnd200OnceItCanPredict() throws Exception {
        PythonSupport.assumeModules("pandas");
        Path codeDir = Files.createDirectories(work.resolve("slow"));
        Files.writeString(codeDir.resolve("custom.py"), SLOW_LOADING_MODEL);
        int port = ServerProcesses.freePort();
        try (Jar server = Jar.start(work, List.of("server", "--code-dir", codeDir.toString(), "--target-type",
                "regression", "--address", "127.0.0.1:" + port, "--timpani.workers.python=" + PythonSupport.PYTHON,
                "--timpani.workers.count=1"))) {
            HttpResponse<String> loading = server.awaitListening(http, port, "/");

            assertThat(loading.statusCode()).isEqualTo(503);
            assertThat(loading.body()).isEqualTo("{\"message\":\"model is loading\"}");
            assertThat(get(port, "/ping/").statusCode()).isEqualTo(503);
            assertThat(get(port, "/health/").statusCode()).isEqualTo(503);
            assertThat(post(port, "/predict/", "a,b\n1,2\n").statusCode()).isEqualTo(503);
            assertThat(get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);

            Files.writeString(codeDir.resolve("go"), "");
            server.awaitStatus(http, port, "/", 200);
            // DRUM's clients predict as soon as / says 200.
            HttpResponse<String> predicted = post(port, "/predict/", "a,b\n1,2\n3,4\n");

            assertThat(predicted.statusCode()).isEqualTo(200);
            assertThat(predicted.body()).isEqualTo("{\"predictions\":[2.0,2.0]}");
        }
    }

    @Test
    void exitsNonZeroWithTheLoadErrorOnStderrWithoutTheErrorServer() throws Exception {
        Path codeDir = Files.createDirectories(work.resolve("broken"));
        Files.writeString(codeDir.resolve("model.json"), "{ this is not an xgboost model");
        int port = ServerProcesses.freePort();
        try (Jar server = Jar.start(work, List.of("server", "--code-dir", codeDir.toString(), "--target-type",
                "regression", "--address", "127.0.0.1:" + port))) {
            int exitCode = server.awaitExit(START);

            assertThat(exitCode).isEqualTo(1);
            assertThat(server.stderr()).contains("Model failed to load: ERROR: Could not load XGBoost model model.json");
            assertThat(server.stdout()).isEmpty();
        }
    }

    /**
     * DRUM's test_e2e_no_model_artifact without the error server: its transform-only custom.py, the artifact
     * removed; nothing can predict, so the process exits 1 with DRUM's load error on stderr.
     */
    @Test
    void aHookFolderWithNothingThatCanPredictExits1WithDrumsTextOnStderr() throws Exception {
        PythonSupport.assumeModules("pandas");
        Path codeDir = Files.createDirectories(work.resolve("custom_model"));
        Files.writeString(codeDir.resolve("custom.py"), "def transform(data, model):\n    return data.fillna(0)\n");
        int port = ServerProcesses.freePort();
        try (Jar server = Jar.start(work, List.of("server", "--code-dir", codeDir.toString(), "--target-type",
                "binary", "--positive-class-label", "Iris-versicolor", "--negative-class-label", "Iris-setosa",
                "--address", "127.0.0.1:" + port, "--timpani.workers.python=" + PythonSupport.PYTHON,
                "--timpani.workers.count=1"))) {
            int exitCode = server.awaitExit(START);

            assertThat(exitCode).isEqualTo(1);
            assertThat(server.stderr()).contains("Model failed to load: ERROR: An error occurred when loading your "
                    + "artifact: \n\nRunning environment language: Python.\nCould not find model artifact file in: "
                    + codeDir + " supported by default predictors.");
            assertThat(server.stdout()).isEmpty();
        }
    }

    /** R-CFG-12 through the jar: a folder with custom_flask.py is not served, and the process says why. */
    @Test
    void refusesAFolderWithCustomFlaskAndExitsWithTheReasonOnStderr() throws Exception {
        Path codeDir = Files.createDirectories(work.resolve("flask"));
        try (var files = Files.list(Path.of("examples/xgboost-regression/model"))) {
            for (Path file : files.toList()) {
                Files.copy(file, codeDir.resolve(file.getFileName()));
            }
        }
        Files.writeString(codeDir.resolve("custom_flask.py"), "def init_app(app):\n    pass\n");
        int port = ServerProcesses.freePort();
        try (Jar server = Jar.start(work, List.of("server", "--code-dir", codeDir.toString(), "--target-type",
                "regression", "--address", "127.0.0.1:" + port))) {
            int exitCode = server.awaitExit(START);

            assertThat(exitCode).isEqualTo(1);
            assertThat(server.stderr()).contains("has custom_flask.py", "timpani.security.api-key",
                    "timpani.security.ignore-custom-flask=true");
            assertThat(server.stdout()).isEmpty();
        }
    }

    @Test
    void staysUpAnswering513WithTheErrorServer() throws Exception {
        Path codeDir = Files.createDirectories(work.resolve("broken"));
        Files.writeString(codeDir.resolve("model.json"), "{ this is not an xgboost model");
        int port = ServerProcesses.freePort();
        try (Jar server = Jar.start(work, List.of("server", "--code-dir", codeDir.toString(), "--target-type",
                "regression", "--address", "127.0.0.1:" + port, "--with-error-server"))) {
            server.awaitStatus(http, port, "/", 513);

            for (String path : List.of("/", "/ping", "/ping/", "/health/")) {
                HttpResponse<String> response = get(port, path);
                assertThat(response.statusCode()).as(path).isEqualTo(513);
                assertThat(response.body()).as(path).contains("ERROR: Could not load XGBoost model model.json");
            }
            assertThat(post(port, "/predict/", "a\n1\n").statusCode()).isEqualTo(513);
            assertThat(server.stderr()).contains("serving the error state (513)");
            assertThat(server.isAlive()).isTrue();
        }
    }

    @Test
    void theErrorServerIsOnFromTheEnvironmentToo() throws Exception {
        Path codeDir = Files.createDirectories(work.resolve("broken"));
        Files.writeString(codeDir.resolve("model.json"), "{ this is not an xgboost model");
        int port = ServerProcesses.freePort();
        try (Jar server = Jar.start(work, List.of(), Map.of("CODE_DIR", codeDir.toString(), "TARGET_TYPE",
                "regression", "ADDRESS", "127.0.0.1:" + port, "WITH_ERROR_SERVER", "1"))) {
            server.awaitStatus(http, port, "/health/", 513);
        }
    }

    /**
     * Issue 21: two model folders served on one host as DRUM users serve them, one {@code --address} each and no
     * other flag: both start and serve, since neither binds a gRPC port nobody asked for.
     */
    @Test
    void twoServersOnOneHostWithOnlyAnAddressEachBothServe() throws Exception {
        int first = ServerProcesses.freePort();
        int second = ServerProcesses.freePort();
        byte[] input = Files.readAllBytes(Path.of("examples/xgboost-regression/input.csv"));
        try (Jar one = Jar.start(work, List.of("server", "--address", "127.0.0.1:" + first));
             Jar two = Jar.start(work, List.of("server", "--address", "127.0.0.1:" + second))) {
            one.awaitStatus(http, first, "/", 200);
            two.awaitStatus(http, second, "/", 200);

            for (int port : new int[] {first, second}) {
                HttpResponse<String> predicted = post(port, "/predict/", new String(input, StandardCharsets.UTF_8));
                assertThat(predicted.statusCode()).as("port %d", port).isEqualTo(200);
                assertThat(predicted.body()).as("port %d", port).startsWith("{\"predictions\":[21.15996932983");
                assertThat(get(port, "/info/").body()).contains("\"grpc\":{\"listening\":false}");
            }
            assertThat(two.stderr()).contains("Open Inference Protocol gRPC service off (--grpc-port PORT");
        }
    }

    /** Issue 21: a gRPC port asked for explicitly that is taken still fails the start, saying which and why. */
    @Test
    void anExplicitGrpcPortThatIsTakenFailsTheStartWithItsAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = ServerProcesses.freePort();
            try (Jar server = Jar.start(work, List.of("server", "--address", "127.0.0.1:" + port, "--grpc-port",
                    String.valueOf(taken.getLocalPort())))) {
                int exitCode = server.awaitExit(START);

                assertThat(exitCode).isEqualTo(1);
                assertThat(server.stderr()).contains("java.io.UncheckedIOException: The V2 gRPC service could not "
                        + "listen on /127.0.0.1:" + taken.getLocalPort() + "; set timpani.oip.grpc.port to a free "
                        + "port, or timpani.oip.grpc.enabled=false");
            }
        }
    }

    @Test
    void logsGoToStderrAndStdoutStaysEmpty() throws Exception {
        int port = ServerProcesses.freePort();
        try (Jar server = Jar.start(work, List.of("server", "--address", "127.0.0.1:" + port))) {
            server.awaitStatus(http, port, "/", 200);
            assertThat(post(port, "/predict/", Files.readString(Path.of("examples/xgboost-regression/input.csv")))
                    .statusCode()).isEqualTo(200);

            server.stop();
            assertThat(server.stderr()).contains("Started TimpaniApplication", "ready in");
            assertThat(server.stdout()).isEmpty();
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String csv) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The jar as a process, its stdout and stderr kept apart in files. */
    private record Jar(Process process, Path stdoutFile, Path stderrFile) implements AutoCloseable {

        static Jar start(Path work, List<String> args) throws IOException {
            return start(work, args, Map.of());
        }

        static Jar start(Path work, List<String> args, Map<String, String> env) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
            command.addAll(args);
            Path stdout = Files.createTempFile(work, "stdout-", ".txt");
            Path stderr = Files.createTempFile(work, "stderr-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().keySet().removeAll(List.of("CODE_DIR", "TARGET_TYPE", "ADDRESS", "URL_PREFIX",
                    "WITH_ERROR_SERVER", "PRODUCTION", "TIMPANI_OIP_GRPC_PORT", "TIMPANI_OIP_GRPC_ENABLED"));
            builder.environment().putAll(env);
            return new Jar(builder.start(), stdout, stderr);
        }

        /** The first answer on {@code path}, whatever its status: the port is open. */
        HttpResponse<String> awaitListening(HttpClient http, int port, String path) throws Exception {
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("the server is running: %s", stderr()).isTrue();
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYetListening) {
                    Thread.sleep(50);
                }
            }
            throw new AssertionError("Not listening within " + START.toSeconds() + " s: " + stderr());
        }

        void awaitStatus(HttpClient http, int port, String path, int status) throws Exception {
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                if (awaitListening(http, port, path).statusCode() == status) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError(path + " did not answer " + status + " within " + START.toSeconds() + " s: "
                    + stderr());
        }

        int awaitExit(Duration timeout) throws InterruptedException, IOException {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("Still running after " + timeout.toSeconds() + " s: " + stderr());
            }
            return process.exitValue();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        String stdout() throws IOException {
            return Files.readString(stdoutFile, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(stderrFile, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
