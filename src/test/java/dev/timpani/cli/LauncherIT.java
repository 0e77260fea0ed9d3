package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/timpani}, the README's fast path (issue 14), behaves as {@code java -jar target/timpani.jar}: the same
 * output and exit code for a batch command, a server that serves, and a start-up cache made on the first run and
 * used after. On the JVM running the tests (a CDS archive below Java 25), and on Java 25 (an AOT cache) where the
 * machine has one.
 */
class LauncherIT {

    private static final Path JAR = Path.of(System.getProperty("timpani.jar", "target/timpani.jar")).toAbsolutePath();
    private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path work;

    static Stream<String> javaHomes() {
        return Stream.of(System.getProperty("java.home"), JAVA_25.toString());
    }

    @ParameterizedTest
    @MethodSource("javaHomes")
    void scoresAsJavaJarDoesAndMakesItsCacheOnce(String javaHome) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of(javaHome)), "no JDK at " + javaHome);
        Path cacheDir = work.resolve("cache");
        List<String> score = List.of("score", "--code-dir", "examples/xgboost-regression/model", "--target-type",
                "regression", "--input", "examples/xgboost-regression/input.csv");

        Run first = run(javaHome, cacheDir, score);
        Run second = run(javaHome, cacheDir, score);
        Run plain = run(javaHome, null, score);

        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).isEqualTo(plain.stdout()).startsWith("Predictions\n21.15996932983");
        assertThat(first.stderr()).contains("timpani: preparing a start-up cache in " + cacheDir);
        assertThat(second.exitCode()).isZero();
        assertThat(second.stdout()).isEqualTo(plain.stdout());
        assertThat(second.stderr()).doesNotContain("preparing").doesNotContain("no start-up cache");
        String cacheFile = Runtime.version().feature() >= 25 || javaHome.equals(JAVA_25.toString())
                ? "timpani.aot" : "timpani.jsa";
        try (Stream<Path> caches = Files.list(cacheDir)) {
            // `unpacked` is the plain jar's own (UnpackedJar), made when the launcher ran the jar as it is.
            List<Path> folders = caches.filter(Files::isDirectory)
                    .filter(folder -> !folder.getFileName().toString().equals("unpacked")).toList();
            assertThat(folders).hasSize(1);
            assertThat(folders.get(0).resolve(cacheFile)).isRegularFile();
            assertThat(folders.get(0).resolve("ready")).isRegularFile();
        }
    }

    @ParameterizedTest
    @MethodSource("javaHomes")
    void servesAndExitsAsJavaJarDoes(String javaHome) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of(javaHome)), "no JDK at " + javaHome);
        Path cacheDir = work.resolve("cache");
        assertThat(run(javaHome, cacheDir, List.of("--version")).exitCode()).isZero();
        int port = ServerProcesses.freePort();
        Path log = work.resolve("server.log");
        Process server = builder(javaHome, cacheDir, List.of("server", "--address", "127.0.0.1:" + port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            ServerProcesses.awaitHealthy(server, port, "/", log, Duration.ofSeconds(90));
            HttpResponse<String> predicted = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict/"))
                            .header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofFile(Path.of("examples/xgboost-regression/input.csv")))
                            .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(predicted.statusCode()).isEqualTo(200);
            assertThat(predicted.body()).startsWith("{\"predictions\":[21.15996932983");
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Run wrongFlag = run(javaHome, cacheDir, List.of("server", "--no-such-flag"));
        assertThat(wrongFlag.exitCode()).isEqualTo(2);
        assertThat(wrongFlag.stderr()).startsWith("Unknown option: '--no-such-flag'");
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run run(String javaHome, Path cacheDir, List<String> args) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(work, "out-", ".txt");
        Path stderr = Files.createTempFile(work, "err-", ".txt");
        Process process = builder(javaHome, cacheDir, args).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** The launcher, or with no cache folder the jar as {@code java -jar} runs it, on the given JVM. */
    private static ProcessBuilder builder(String javaHome, Path cacheDir, List<String> args) {
        List<String> command = new ArrayList<>();
        if (cacheDir == null) {
            command.addAll(List.of(Path.of(javaHome, "bin", "java").toString(), "-jar", JAR.toString()));
        } else {
            command.add(Path.of("bin", "timpani").toAbsolutePath().toString());
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeAll(List.of("CODE_DIR", "TARGET_TYPE", "ADDRESS", "JAVA_OPTS"));
        builder.environment().putAll(Map.of("JAVA_HOME", javaHome, "TIMPANI_JAR", JAR.toString()));
        if (cacheDir != null) {
            builder.environment().put("TIMPANI_CACHE_DIR", cacheDir.toString());
        }
        return builder;
    }
}
