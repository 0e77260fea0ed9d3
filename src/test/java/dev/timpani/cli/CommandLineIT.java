package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.RSupport;
import dev.timpani.testing.ServerProcesses;
import java.io.IOException;
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

/**
 * The packaged jar started as a user starts it: bare, with DRUM's flags, and with a container's environment
 * variables (R-CLI-4, R-CFG). Runs in {@code verify}, after {@code package} built {@code target/timpani.jar}.
 */
class CommandLineIT {

    private static final Path JAR = Path.of(System.getProperty("timpani.jar", "target/timpani.jar"));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bareJarServesTheEmbeddedExample() throws Exception {
        int port = ServerProcesses.freePort();
        try (Server server = Server.start(List.of(), Map.of("ADDRESS", "127.0.0.1:" + port))) {
            server.awaitHealthy(port);

            HttpResponse<String> response = post(port, "/predict/", "text/csv",
                    Files.readAllBytes(Path.of("examples/xgboost-regression/input.csv")));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"predictions\":[21.15996932983");
        }
    }

    @Test
    void startsWithDrumFlags() throws Exception {
        CorpusCase binary = Corpus.get("xgboost_native_binary");
        int port = ServerProcesses.freePort();
        List<String> args = List.of("server", "--code-dir", binary.modelDir().toString(), "--target-type", "binary",
                "--positive-class-label", "1", "--negative-class-label", "0", "--address", "127.0.0.1:" + port,
                "--with-error-server", "--production");
        try (Server server = Server.start(args, Map.of())) {
            server.awaitHealthy(port);

            HttpResponse<String> response = post(port, "/predict/", "text/csv", Files.readAllBytes(binary.input()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"predictions\":[{\"0\":0.94973300769925");
        }
    }

    @Test
    void startsFromAContainersEnvironmentVariables() throws Exception {
        CorpusCase multiclass = Corpus.get("xgboost_native_multiclass");
        int port = ServerProcesses.freePort();
        Map<String, String> env = Map.of("CODE_DIR", multiclass.modelDir().toString(), "TARGET_TYPE", "multiclass",
                "CLASS_LABELS", "0 1 2", "ADDRESS", "127.0.0.1:" + port, "URL_PREFIX", "/model/");
        try (Server server = Server.start(List.of(), env)) {
            server.awaitHealthy(port, "/model/health/");

            HttpResponse<String> response = post(port, "/model/predict/", "text/csv",
                    Files.readAllBytes(multiclass.input()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"predictions\":[{\"0\":");
        }
    }

    @Test
    void printsHelpWithEveryDrumFlag() throws Exception {
        Process process = new ProcessBuilder(command(List.of("server", "--help"))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(output).contains("--code-dir", "--target-type", "--address", "--positive-class-label",
                "--negative-class-label", "--class-labels", "--class-labels-file", "--with-error-server", "CODE_DIR");
    }

    @Test
    void rejectsAnUnknownFlagWithOneLineAndNonZeroExit() throws Exception {
        Process process = new ProcessBuilder(command(List.of("server", "--no-such-flag"))).start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(errors).startsWith("Unknown option: '--no-such-flag'");
    }

    /**
     * The batch path as DRUM's harness drives it: {@code score} on a pickle (Python worker) and an {@code .rds}
     * (R worker) prints DRUM's csv on stdout and exits 0 (these once failed with the unstructured operation).
     */
    @Test
    void scorePrintsPredictionsOfPicklesAndRdsModelsOnStdout() throws Exception {
        PythonSupport.assumeModules("pandas", "sklearn", "joblib");
        RSupport.assumePackages("randomForest");
        for (String name : List.of("sklearn_regression", "r_randomforest_regression")) {
            CorpusCase regression = Corpus.get(name);

            Run run = runJar(List.of("score", "--code-dir", regression.modelDir().toString(), "--input",
                    regression.input().toString(), "--target-type", "regression"));

            assertThat(run.exit()).as(name + ": " + run.err()).isZero();
            List<String> lines = run.out().lines().toList();
            assertThat(lines).as(name).hasSize(regression.expected().rowCount() + 1);
            assertThat(lines.get(0)).isEqualTo("Predictions");
            assertThat(Double.parseDouble(lines.get(1))).isCloseTo(regression.expected().columns()[0][0],
                    org.assertj.core.data.Offset.offset(regression.tolerance()));
        }
    }

    @Test
    void scoreSaysWhatIsWrongOnStderrWithExitCode1() throws Exception {
        CorpusCase regression = Corpus.get("xgboost_native_regression");

        Run run = runJar(List.of("score", "--code-dir", regression.modelDir().toString(), "--input",
                regression.input().toString()));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("ERROR: Target type is missing. It must be provided in --target-type "
                + "argument, TARGET_TYPE env var or model config file.");
    }

    @Test
    void perfTestTakesDrumsShortFlagsAndPrintsItsTable() throws Exception {
        CorpusCase regression = Corpus.get("xgboost_native_regression");

        Run run = runJar(List.of("perf-test", "-i", "5", "-s", "10", "--code-dir", regression.modelDir().toString(),
                "--input", regression.input().toString(), "--target-type", "regression"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(3);
        assertThat(run.out()).containsPattern("\\s+10\\s+1\\s+5\\s+0\\s+");
    }

    @Test
    void validationPrintsDrumsResultTable() throws Exception {
        CorpusCase regression = Corpus.get("xgboost_native_regression");

        Run run = runJar(List.of("validation", "--code-dir", regression.modelDir().toString(), "--input",
                regression.input().toString(), "--target-type", "regression", "--samples", "10"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Validation checks results").containsPattern("Basic batch prediction\\s+PASSED")
                .containsPattern("Null value imputation\\s+PASSED");
    }

    @Test
    void newModelWritesAStarterFolder() throws Exception {
        Path folder = Files.createTempDirectory("timpani-it-new-").resolve("model");
        try {
            Run run = runJar(List.of("new", "model", "--language", "python", "--code-dir", folder.toString()));

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(folder.resolve("custom.py")).isRegularFile();
            assertThat(folder.resolve("README.md")).isRegularFile();
        } finally {
            for (String file : List.of("custom.py", "README.md")) {
                Files.deleteIfExists(folder.resolve(file));
            }
            Files.deleteIfExists(folder);
            Files.deleteIfExists(folder.getParent());
        }
    }

    /** A finished run of the jar: exit code and both streams, read as DRUM's harness reads them. */
    private record Run(int exit, String out, String err) {
    }

    private static Run runJar(List<String> args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(args));
        for (String variable : List.of("CODE_DIR", "TARGET_TYPE", "ADDRESS", "URL_PREFIX", "CLASS_LABELS",
                "POSITIVE_CLASS_LABEL", "NEGATIVE_CLASS_LABEL", "CLASS_LABELS_FILE")) {
            builder.environment().remove(variable);
        }
        // The hook workers' interpreters, as a container's environment would set them.
        builder.environment().put("TIMPANI_WORKERS_PYTHON", PythonSupport.PYTHON);
        builder.environment().put("TIMPANI_WORKERS_RSCRIPT", RSupport.RSCRIPT);
        Process process = builder.start();
        java.util.concurrent.CompletableFuture<String> err = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> readAll(process.getErrorStream()));
        String out = readAll(process.getInputStream());
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timpani " + args + " did not finish within 180 s");
        }
        return new Run(process.exitValue(), out, err.get());
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> post(int port, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(args);
        return command;
    }

    /** A running jar, stopped when the test ends. */
    private record Server(Process process, Path log) implements AutoCloseable {

        static Server start(List<String> args, Map<String, String> env) throws IOException {
            Path log = Files.createTempFile("timpani-it-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            for (String variable : List.of("CODE_DIR", "TARGET_TYPE", "ADDRESS", "URL_PREFIX", "CLASS_LABELS",
                    "POSITIVE_CLASS_LABEL", "NEGATIVE_CLASS_LABEL", "CLASS_LABELS_FILE")) {
                builder.environment().remove(variable);
            }
            builder.environment().putAll(env);
            return new Server(builder.start(), log);
        }

        void awaitHealthy(int port) throws Exception {
            awaitHealthy(port, "/health/");
        }

        void awaitHealthy(int port, String path) throws Exception {
            ServerProcesses.awaitHealthy(process, port, path, log, Duration.ofSeconds(60));
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
