package dev.timpani.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PythonSupport;
import dev.timpani.testing.RSupport;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DRUM's {@code test_bin_models_with_wrong_labels}: a binary model whose classes are not the labels asked for
 * ({@code --positive-class-label yes --negative-class-label no}) fails with DRUM's sentence, which lists the request's
 * labels positive first ({@code data_marshalling.py} gets its {@code class_ordering}, R-OUT-11): {@code score} exits 1
 * with it on stderr, the server answers 500 with it. As in DRUM's test, a scikit-learn pickle beside DRUM's
 * {@code custom.py} (a {@code transform} hook only), served by the Python workers, and an R {@code .rds}.
 */
class WrongLabelsTest {

    /** DRUM's tests/fixtures/custom.py, the hook file its harness puts beside every Python artifact. */
    private static final String DRUM_CUSTOM_PY = """
            def transform(data, model):
                for target_col in ["Grade 2014", "Species", "class"]:
                    if target_col in data:
                        data.pop(target_col)
                data = data.fillna(0)
                return data
            """;

    private static final String EXPECTED = "Expected predictions to have columns ['yes', 'no'], but encountered ";

    @TempDir
    Path tmp;

    @BeforeAll
    static void useTheTestInterpreters() {
        // The batch commands read Spring properties from system properties too.
        System.setProperty("timpani.workers.python", PythonSupport.PYTHON);
        System.setProperty("timpani.workers.rscript", RSupport.RSCRIPT);
    }

    @AfterAll
    static void forgetTheTestInterpreters() {
        System.clearProperty("timpani.workers.python");
        System.clearProperty("timpani.workers.rscript");
    }

    @Test
    void aPythonModelWithOtherClassesFailsWithDrumsSentence() throws IOException {
        PythonSupport.assumeModules("pandas", "sklearn");
        CorpusCase binary = Corpus.get("sklearn_binary");
        Path codeDir = Files.createDirectories(tmp.resolve("custom_model"));
        Files.copy(binary.artifact(), codeDir.resolve("sklearn_bin.pkl"));
        Files.writeString(codeDir.resolve("custom.py"), DRUM_CUSTOM_PY);

        assertFailsAsDrumDoes(codeDir, binary.input(), EXPECTED + "['Iris-setosa', 'Iris-versicolor']");
    }

    @Test
    void anRModelWithOtherClassesFailsWithDrumsSentence() throws IOException {
        RSupport.assumePackages("caret", "recipes", "glmnet");
        CorpusCase binary = Corpus.get("r_caret_glmnet_binary_drum_fixture");

        assertFailsAsDrumDoes(binary.modelDir(), binary.input(), EXPECTED);
    }

    private static void assertFailsAsDrumDoes(Path codeDir, Path input, String message) throws IOException {
        CliRun score = CliRun.run("score", "--code-dir", codeDir.toString(), "--input", input.toString(),
                "--target-type", "binary", "--positive-class-label", "yes", "--negative-class-label", "no");

        assertThat(score.exit()).as(score.err()).isEqualTo(1);
        assertThat(score.err()).contains(message);
        assertThat(score.out()).isEmpty();

        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", codeDir.toString(),
                "timpani.target-type", "binary", "timpani.labels.positive", "yes", "timpani.labels.negative", "no"))) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(input));

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.message()).startsWith("ERROR: " + message);
        }
    }
}
