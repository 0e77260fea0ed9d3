package dev.timpani.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.RequireAll;
import dev.timpani.testing.ServerProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile's start-up recipe on the packaged jar, without Docker: the jar extracted by layers into one
 * folder, an AOT cache training run on Java 25 (the image's JVM) that exits by itself after the context refresh,
 * then the server started on that cache. {@code -XX:AOTMode=on} makes the JVM refuse to start if the cache does not
 * match, so a layout or training run that silently produced an unusable cache fails here. Runs in {@code verify}
 * where a Java 25 JDK is installed (these machines have Temurin's beside the default Java 17).
 */
class ExtractedLayoutIT {

    private static final Path JAR = Path.of(System.getProperty("timpani.jar", "target/timpani.jar"));
    /** The image's JVM (Dockerfile: eclipse-temurin:25-jdk). */
    private static final Path JAVA_25 = Path.of(System.getProperty("timpani.test.java25",
            "/usr/lib/jvm/temurin-25-jdk-amd64"));
    /** The layers the Dockerfile copies, in its order. */
    private static final List<String> LAYERS = List.of("dependencies", "snapshot-dependencies", "application");

    @TempDir
    Path work;

    @Test
    void servesTheExampleFromTheExtractedLayoutWithItsTrainedAotCache() throws Exception {
        if (!Files.isExecutable(JAVA_25.resolve("bin/java"))) {
            String reason = "no Java 25 JDK at " + JAVA_25 + " (set -Dtimpani.test.java25=...)";
            if (RequireAll.enabled()) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        Path extracted = work.resolve("extracted");
        Path app = Files.createDirectories(work.resolve("opt-timpani"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        run(List.of("-Djarmode=tools", "-jar", JAR.toAbsolutePath().toString(), "extract", "--layers",
                "--destination", extracted.toString()), Duration.ofMinutes(2));
        for (String layer : LAYERS) {
            copyTree(extracted.resolve(layer), app);
        }
        Path jar = app.resolve(JAR.getFileName());
        Path cache = app.resolve("timpani.aot");

        // The Dockerfile's training run: serves its first requests, then exits 0 (1 if one of them failed).
        run(List.of("-XX:AOTCacheOutput=" + cache, "-Dtimpani.training-run=true",
                "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(), "server", "--address", "127.0.0.1:0",
                "--timpani.oip.grpc.port=0", "--logging-level", "warning"), Duration.ofMinutes(3));
        assertThat(cache).isNotEmptyFile();

        int port = ServerProcesses.freePort();
        Path log = work.resolve("server.log");
        Process server = new ProcessBuilder(java(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache,
                "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(), "server", "--address", "127.0.0.1:" + port)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            ServerProcesses.awaitHealthy(server, port, "/health/", log, Duration.ofSeconds(90));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/predict/")).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(Path.of("examples/xgboost-regression/input.csv")))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"predictions\":[21.15996932983");
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Runs the JVM to its end, with CODE_DIR and the other DRUM variables of this environment removed. */
    private void run(List<String> args, Duration timeout) throws Exception {
        Path log = Files.createTempFile(work, "run-", ".log");
        ProcessBuilder builder = new ProcessBuilder(java(args)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeAll(List.of("CODE_DIR", "TARGET_TYPE", "ADDRESS", "URL_PREFIX"));
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Still running after " + timeout + ": " + args + "\n" + Files.readString(log));
        }
        assertThat(process.exitValue()).as("%s\n%s", args, Files.readString(log, StandardCharsets.UTF_8)).isZero();
    }

    private static List<String> java(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA_25.resolve("bin/java").toString());
        command.addAll(args);
        return command;
    }

    /** What {@code COPY <layer>/ /opt/timpani/} does: the layer's content merged into the folder. */
    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                Path target = to.resolve(from.relativize(path).toString());
                try {
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

}
