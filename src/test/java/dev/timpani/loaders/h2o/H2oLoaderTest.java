package dev.timpani.loaders.h2o;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.Frame;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.loaders.PredictionComparison;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.model.TargetType;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class H2oLoaderTest {

    private final H2oLoader loader = new H2oLoader();

    static Stream<CorpusCase> h2oCases() {
        return Corpus.cases("h2o_");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("h2oCases")
    void scoresCorpusCaseLikeH2o(CorpusCase corpusCase) throws Exception {
        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            model.warmUp();
            RawPredictions predictions = model.predict(corpusCase.inputFrame());

            boolean pojo = corpusCase.artifact().toString().endsWith(".java");
            assertThat(model.predictor()).isEqualTo(pojo ? "H2OPojoPredictor" : "H2OPredictor");
            PredictionComparison.assertMatchesCase(corpusCase, predictions);
        }
    }

    @Test
    void missingColumnsAndUnknownLevelsScoreAsH2oScoresThem() throws Exception {
        CorpusCase corpusCase = Corpus.get("h2o_mojo_gbm_readmitted_binary");
        CsvText csv = CsvText.read(corpusCase.input()).firstRows(40)
                .without("admission_type_id", "num_lab_procedures")
                .replacing("race", "Martian").replacing("medical_specialty", "Wizardry");
        H2oReference reference = H2oReference.ofMojo(corpusCase.artifact());

        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            RawPredictions predictions = model.predict(csv.frame());

            double[][] want = reference.binomial(csv.header(), csv.rows());
            assertThat(predictions.columnLabels()).contains(List.of(reference.domain()));
            for (int row = 0; row < want.length; row++) {
                for (int c = 0; c < 2; c++) {
                    assertThat(predictions.columns()[c][row]).as("row %d class %d", row + 1, c)
                            .isEqualTo(want[row][c]);
                }
            }
        }
    }

    @Test
    void concurrentRequestsGetTheSameAnswersAsOneAtATime() throws Exception {
        CorpusCase corpusCase = Corpus.get("h2o_mojo_multiclass");
        Frame frame = corpusCase.inputFrame();
        try (ScoringModel model = loader.load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase))) {
            double[][] alone = model.predict(frame).columns();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<double[][]>> tasks = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    tasks.add(() -> model.predict(frame).columns());
                }
                for (Future<double[][]> together : pool.invokeAll(tasks)) {
                    assertThat(together.get()).isDeepEqualTo(alone);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void corruptMojoIsALoadErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path artifact = Files.writeString(dir.resolve("model.zip"), "this is not a zip");

        assertThatThrownBy(() -> loader.load(artifact, context(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("Could not load H2O MOJO model.zip: ");
    }

    @Test
    void corruptPojoIsALoadErrorNamingTheFileAndLine(@TempDir Path dir) throws IOException {
        Path artifact = Files.writeString(dir.resolve("Foo.java"), "this is not java");

        assertThatThrownBy(() -> loader.load(artifact, context(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("Could not compile H2O POJO Foo.java: line 1: ");
    }

    @Test
    void pojoThatIsNotAnH2oModelIsALoadError(@TempDir Path dir) throws IOException {
        Path artifact = Files.writeString(dir.resolve("Foo.java"), "public class Foo { }");

        assertThatThrownBy(() -> loader.load(artifact, context(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("Could not load H2O POJO Foo.java: class Foo does not extend hex.genmodel.GenModel");
    }

    @Test
    void driverlessAiPipelineWithoutItsRuntimeSaysWhatToAdd(@TempDir Path dir) throws IOException {
        Path artifact = Files.writeString(dir.resolve("pipeline.mojo"), "not really a pipeline");

        assertThatThrownBy(() -> loader.load(artifact, context(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("pipeline.mojo is a Driverless AI MOJO scoring pipeline")
                .hasMessageContaining("mojo2-runtime");
    }

    @Test
    void classifierServedAsRegressionIsALoadError() {
        CorpusCase corpusCase = Corpus.get("h2o_mojo_binary");

        assertThatThrownBy(() -> loader.load(corpusCase.artifact(), context(corpusCase.modelDir())))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("The H2O model mojo_bin.zip is a binomial model, but the server was started with "
                        + "target type regression");
    }

    private static LoadContext context(Path dir) {
        return new LoadContext(dir, TargetType.REGRESSION, Optional.empty(), 1);
    }

}
