package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/timpani.jar} unpacks itself once into the cache folder and runs from there: the same
 * output as from the jar itself, for the formats whose libraries find files of their own (XGBoost's native
 * library, the JDK compiler's class path for an H2O POJO, JPMML unpickling a scikit-learn pickle).
 */
class UnpackedJarIT {

    private static final Path JAR = Path.of(System.getProperty("timpani.jar", "target/timpani.jar"));

    @TempDir
    Path work;

    @Test
    void theFirstRunUnpacksAndLaterRunsScoreFromTheUnpackedCopyAsTheJarDoes() throws Exception {
        Path cache = work.resolve("cache");
        Run version = run(List.of("--version"), Map.of("TIMPANI_CACHE_DIR", cache.toString()));
        assertThat(version.exit()).as(version.err()).isZero();
        Path unpacked = onlyFolder(cache.resolve("unpacked"));
        assertThat(unpacked.resolve("classpath")).isRegularFile();
        assertThat(version.out()).isEqualTo(run(List.of("--version"), Map.of("TIMPANI_UNPACK", "false")).out());
        Path marker = Files.writeString(unpacked.resolve("marker"), "made by this test");

        for (String name : List.of("xgboost_native_regression", "h2o_pojo_gbm_readmitted_binary",
                "sklearn_regression")) {
            CorpusCase corpusCase = Corpus.get(name);
            Path fromCopy = work.resolve(name + "-unpacked.csv");
            Path fromJar = work.resolve(name + "-jar.csv");

            Run unpackedRun = run(score(corpusCase, fromCopy), Map.of("TIMPANI_CACHE_DIR", cache.toString()));
            Run jarRun = run(score(corpusCase, fromJar), Map.of("TIMPANI_UNPACK", "false"));

            assertThat(unpackedRun.exit()).as(name + ": " + unpackedRun.err()).isZero();
            assertThat(jarRun.exit()).as(name + ": " + jarRun.err()).isZero();
            assertThat(Files.readString(fromCopy)).as(name).isNotBlank().isEqualTo(Files.readString(fromJar));
        }
        assertThat(marker).as("later runs reuse the folder").exists();
        assertThat(onlyFolder(cache.resolve("unpacked"))).isEqualTo(unpacked);
    }

    @Test
    void turnedOffItLeavesNothingBehind() throws Exception {
        Path cache = work.resolve("cache");
        Run version = run(List.of("--version"), Map.of("TIMPANI_CACHE_DIR", cache.toString(), "TIMPANI_UNPACK", "false"));

        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("timpani ");
        assertThat(cache).doesNotExist();
    }

    @Test
    void aCacheFolderItCannotWriteOnlyCostsTheSpeedUp() throws Exception {
        Path notAFolder = Files.writeString(work.resolve("file"), "a file, not a folder");
        CorpusCase corpusCase = Corpus.get("xgboost_native_regression");
        Path output = work.resolve("out.csv");

        Run scored = run(score(corpusCase, output), Map.of("TIMPANI_CACHE_DIR", notAFolder.toString()));

        assertThat(scored.exit()).as(scored.err()).isZero();
        assertThat(scored.err()).contains("timpani: running from the jar itself; could not unpack it");
        assertThat(Files.readString(output)).startsWith("Predictions");
    }

    private static List<String> score(CorpusCase corpusCase, Path output) {
        List<String> args = new ArrayList<>(List.of("score", "--input", corpusCase.input().toString(),
                "--output", output.toString()));
        args.addAll(corpusCase.drumFlags());
        return args;
    }

    private static Path onlyFolder(Path parent) throws IOException {
        try (Stream<Path> folders = Files.list(parent)) {
            List<Path> all = folders.toList();
            assertThat(all).as("folders in " + parent).hasSize(1);
            return all.get(0);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(args);
        Path out = Files.createTempFile(work, "out-", ".txt");
        Path err = Files.createTempFile(work, "err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeAll(List.of("CODE_DIR", "TARGET_TYPE", "ADDRESS", "TIMPANI_UNPACK"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timpani " + args + " did not finish within 3 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
