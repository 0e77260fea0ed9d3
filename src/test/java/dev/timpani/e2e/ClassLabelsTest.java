package dev.timpani.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import dev.timpani.testing.HttpTestClient.Response;
import dev.timpani.testing.PredictionAssert;
import dev.timpani.testing.TimpaniServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-OUT-10..13: class labels from DRUM's flags, its environment variables or a labels file, and DRUM's errors
 * when the model's output does not fit them (a 500 carrying DRUM's sentence, R-OUT-16).
 */
class ClassLabelsTest {

    @Test
    void takesBinaryLabelsFromTheEnvironment() throws IOException {
        CorpusCase binary = Corpus.get("xgboost_native_binary");
        Map<String, Object> env = Map.of("CODE_DIR", binary.modelDir().toString(), "TARGET_TYPE", "binary",
                "NEGATIVE_CLASS_LABEL", "0", "POSITIVE_CLASS_LABEL", "1");

        try (TimpaniServer server = TimpaniServer.start(Map.of(), env)) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(binary.input()));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), binary);
            assertThat(server.http().get("/info/").json().path("positiveClassLabel").asString()).isEqualTo("1");
        }
    }

    @Test
    void takesMulticlassLabelsFromTheEnvironmentSplitOnSpaces() throws IOException {
        CorpusCase multiclass = Corpus.get("xgboost_native_multiclass");
        Map<String, Object> env = Map.of("CODE_DIR", multiclass.modelDir().toString(), "TARGET_TYPE", "multiclass",
                "CLASS_LABELS", "0 1 2");

        try (TimpaniServer server = TimpaniServer.start(Map.of(), env)) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(multiclass.input()));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), multiclass);
        }
    }

    @Test
    void takesMulticlassLabelsFromAFile(@TempDir Path tmp) throws IOException {
        CorpusCase multiclass = Corpus.get("pmml_r_decisiontree_iris");
        Path labels = Files.writeString(tmp.resolve("labels.txt"), String.join("\n", multiclass.labels()) + "\n");

        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", multiclass.modelDir().toString(),
                "timpani.target-type", "multiclass", "timpani.labels.class-labels-file", labels.toString()))) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(multiclass.input()));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), multiclass);
            assertThat(server.http().get("/info/").json().path("classLabels").size()).isEqualTo(3);
        }
    }

    @Test
    void readsCodeDirAndLabelsFileGivenRelativeToTheWorkingDirectory(@TempDir Path tmp) throws IOException {
        // DRUM users pass --code-dir ../models/x; a relative path starting with .. must be a plain file path.
        CorpusCase multiclass = Corpus.get("pmml_r_decisiontree_iris");
        Path labels = Files.writeString(tmp.resolve("labels.txt"), String.join("\n", multiclass.labels()) + "\n");
        Path here = Path.of("").toAbsolutePath();

        try (TimpaniServer server = TimpaniServer.start(Map.of(
                "timpani.code-dir", here.relativize(multiclass.modelDir().toAbsolutePath()).toString(),
                "timpani.target-type", "multiclass",
                "timpani.labels.class-labels-file", here.relativize(labels.toAbsolutePath()).toString()))) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(multiclass.input()));

            assertThat(here.relativize(multiclass.modelDir().toAbsolutePath()).toString()).startsWith("..");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), multiclass);
        }
    }

    @Test
    void flagsWinOverEnvironmentVariables() throws IOException {
        CorpusCase binary = Corpus.get("xgboost_native_binary");
        Map<String, Object> env = Map.of("CODE_DIR", "/no/such/dir", "TARGET_TYPE", "regression");

        try (TimpaniServer server = TimpaniServer.start(binary.serverProperties(), env)) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(binary.input()));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            PredictionAssert.matchesExpected(response.json(), binary);
        }
    }

    @Test
    void failsWithDrumMessageWhenModelLabelsDifferFromRequested() throws IOException {
        CorpusCase binary = Corpus.get("pmml_sklearn_binary");

        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", binary.modelDir().toString(),
                "timpani.target-type", "binary", "timpani.labels.negative", "no",
                "timpani.labels.positive", "yes"))) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(binary.input()));

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.message()).isEqualTo("ERROR: Expected predictions to have columns ['yes', 'no'], "
                    + "but encountered ['Iris-setosa', 'Iris-versicolor']");
        }
    }

    @Test
    void failsWithDrumMessageWhenColumnCountDiffersFromLabels() throws IOException {
        CorpusCase multiclass = Corpus.get("xgboost_native_multiclass");

        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", multiclass.modelDir().toString(),
                "timpani.target-type", "binary", "timpani.labels.negative", "0", "timpani.labels.positive", "1"))) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(multiclass.input()));

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.message()).isEqualTo("ERROR: Your predictions must return the probability "
                    + "distribution for the correct number of class labels. Expected 2 columns, but received 3");
            assertThat(server.http().get("/health/").status()).isEqualTo(200);
        }
    }

    @Test
    void failsWithDrumMessageWhenRegressionGetsSeveralColumns() throws IOException {
        CorpusCase multiclass = Corpus.get("xgboost_native_multiclass");

        try (TimpaniServer server = TimpaniServer.start(Map.of("timpani.code-dir", multiclass.modelDir().toString(),
                "timpani.target-type", "regression"))) {
            Response response = server.http().postX("/predict/", "input.csv", Files.readAllBytes(multiclass.input()));

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.message()).isEqualTo("ERROR: Regression, Text Generation, Agentic Workflow and "
                    + "anomaly predictions must contain only 1 column. Your predictions have 3 columns");
        }
    }
}
