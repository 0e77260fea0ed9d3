package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.data.PythonFloat;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score} (R-CLI-1): DRUM's batch output through the server's own loaders and contract. */
class ScoreCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesPredictionsColumnForRegressionInChunks() throws IOException {
        CorpusCase regression = Corpus.get("xgboost_native_regression");
        Path output = tmp.resolve("out.csv");

        int exit = TimpaniCommand.run(new String[] {"score", "--code-dir", regression.modelDir().toString(),
                "--target-type", "regression", "--input", regression.input().toString(), "--output", output.toString(),
                "--chunk-size", "64"});

        assertThat(exit).isZero();
        assertMatchesExpected(output, regression);
    }

    @Test
    void writesOneColumnPerLabelForClassification() throws IOException {
        CorpusCase binary = Corpus.get("pmml_sklearn_binary");
        Path output = tmp.resolve("out.csv");

        int exit = TimpaniCommand.run(new String[] {"score", "--code-dir", binary.modelDir().toString(),
                "--target-type", "binary", "--negative-class-label", binary.labels().get(0),
                "--positive-class-label", binary.labels().get(1), "--input", binary.input().toString(),
                "--output", output.toString()});

        assertThat(exit).isZero();
        assertMatchesExpected(output, binary);
    }

    @Test
    void leavesNoOutputFileWhenScoringStopsHalfWay() throws IOException {
        // The legacy model is positional: the third chunk's non-number stops the run after two chunks were written.
        CorpusCase legacy = Corpus.get("xgboost_native_regression_legacy_binary");
        List<String> lines = new ArrayList<>(Files.readAllLines(legacy.input()));
        lines.set(250, lines.get(250).replaceFirst("^[^,]*", "abc"));
        Path input = Files.write(tmp.resolve("broken.csv"), lines);
        Path output = tmp.resolve("out.csv");

        int exit = TimpaniCommand.run(new String[] {"score", "--code-dir", legacy.modelDir().toString(),
                "--target-type", "regression", "--input", input.toString(), "--output", output.toString(),
                "--chunk-size", "100"});

        assertThat(exit).isEqualTo(1);
        try (var left = Files.list(tmp)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("broken.csv");
        }
    }

    @Test
    void failsWithOneLineForAMissingInputFile() {
        int exit = TimpaniCommand.run(new String[] {"score", "--code-dir", tmp.toString(), "--target-type",
                "regression", "--input", tmp.resolve("nope.csv").toString()});

        assertThat(exit).isEqualTo(1);
    }

    @Test
    void writesFloatsAsPandasDoes() {
        assertThat(PythonFloat.repr(21.159969329833984)).isEqualTo("21.159969329833984");
        assertThat(PythonFloat.repr(1e-5)).isEqualTo("1e-05");
        assertThat(PythonFloat.repr(0.0005)).isEqualTo("0.0005");
        assertThat(PythonFloat.repr(1e7)).isEqualTo("10000000.0");
        assertThat(PythonFloat.repr(1.5e16)).isEqualTo("1.5e+16");
        assertThat(PythonFloat.repr(-2.5e-7)).isEqualTo("-2.5e-07");
        assertThat(PythonFloat.repr(3)).isEqualTo("3.0");
        assertThat(PythonFloat.repr(Double.NaN)).isEqualTo("nan");
        assertThat(PythonFloat.csv(Double.NaN)).isEmpty();
        assertThat(PythonFloat.csv(1e-5)).isEqualTo("1e-05");
    }

    private static void assertMatchesExpected(Path output, CorpusCase corpusCase) throws IOException {
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        CorpusCase.Table expected = corpusCase.expected();
        assertThat(List.of(lines.get(0).split(","))).containsExactlyElementsOf(expected.names());
        assertThat(lines).hasSize(expected.rowCount() + 1);
        for (int row = 0; row < expected.rowCount(); row++) {
            String[] cells = lines.get(row + 1).split(",");
            for (int column = 0; column < cells.length; column++) {
                assertThat(Double.parseDouble(cells[column])).as("row %d column %d", row + 1, column)
                        .isCloseTo(expected.columns()[column][row],
                                org.assertj.core.data.Offset.offset(corpusCase.tolerance()));
            }
        }
    }
}
