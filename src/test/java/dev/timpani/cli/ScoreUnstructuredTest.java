package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.PythonSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score} on unstructured models (R-CLI-1, R-UNS-3): bytes in, the hook's bytes out. */
class ScoreUnstructuredTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsPython() {
        PythonSupport.assumeModules("pandas");
        // The batch commands read Spring properties from the environment and system properties too.
        System.setProperty("timpani.workers.python", PythonSupport.PYTHON);
    }

    @org.junit.jupiter.api.AfterAll
    static void forgetPython() {
        System.clearProperty("timpani.workers.python");
    }

    @Test
    void writesTheHooksResponseBytesWithContentTypeAndQuery() throws IOException {
        CorpusCase text = Corpus.get("unstructured_text");
        Path plain = tmp.resolve("plain.json");
        Path upper = tmp.resolve("upper.json");

        int first = run(text, plain, "--content-type", "text/plain; charset=utf-8");
        int second = run(text, upper, "--content-type", "text/plain; charset=utf-8", "--query", "upper=1");

        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(Files.readAllBytes(plain)).isEqualTo(Files.readAllBytes(text.folder().resolve("expected.json")));
        assertThat(Files.readAllBytes(upper))
                .isEqualTo(Files.readAllBytes(text.folder().resolve("expected_query_upper_1.json")));
    }

    private static int run(CorpusCase text, Path output, String... extra) {
        String[] base = {"score", "--code-dir", text.modelDir().toString(), "--target-type", "unstructured",
                "--input", text.folder().resolve("input.txt").toString(), "--output", output.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return TimpaniCommand.run(args);
    }
}
