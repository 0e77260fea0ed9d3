package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
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
