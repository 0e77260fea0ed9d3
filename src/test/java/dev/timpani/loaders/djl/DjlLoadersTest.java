package dev.timpani.loaders.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.data.TextColumn;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.loaders.PredictionComparison;
import dev.timpani.model.MicroBatcher;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.testing.Corpus;
import dev.timpani.testing.CorpusCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every ONNX and TorchScript corpus case, scored by its loader and compared with what its framework computed. */
class DjlLoadersTest {

    static Stream<CorpusCase> tensorCases() {
        return Corpus.cases("onnx_", "torchscript_");
    }

    static ModelLoader loaderFor(CorpusCase corpusCase) {
        return corpusCase.artifact().getFileName().toString().endsWith(".onnx")
                ? new OnnxLoader() : new TorchScriptLoader();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tensorCases")
    void scoresCorpusCaseLikeItsFramework(CorpusCase corpusCase) throws Exception {
        try (ScoringModel model = loaderFor(corpusCase).load(corpusCase.artifact(),
                LoaderTestSupport.contextFor(corpusCase))) {
            model.warmUp();
            RawPredictions predictions = model.predict(corpusCase.inputFrame());
            assertThat(predictions.columnLabels()).as("tensor outputs are positional").isEmpty();
            PredictionComparison.assertMatchesCase(corpusCase, predictions);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tensorCases")
    void textInAColumnIsBadInputNamingColumnRowAndValue(CorpusCase corpusCase) throws Exception {
        Frame input = corpusCase.inputFrame();
        List<Column> columns = new ArrayList<>(input.columns());
        double[] original = ((NumericColumn) columns.get(1)).values();
        String[] texts = new String[input.rowCount()];
        for (int row = 0; row < texts.length; row++) {
            texts[row] = Double.toString(original[row]);
        }
        texts[2] = "abc";
        columns.set(1, new TextColumn(texts));
        Frame frame = new Frame(input.columnNames(), columns, input.rowCount());

        try (ScoringModel model = loaderFor(corpusCase).load(corpusCase.artifact(),
                LoaderTestSupport.contextFor(corpusCase))) {
            assertThatThrownBy(() -> model.predict(frame))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("column '" + input.columnNames().get(1) + "' is not a number in row 3 (\"abc\")");
        }
    }

    @Test
    void onnxModelWithAFixedFeatureCountRejectsAnotherWidth() throws Exception {
        CorpusCase corpusCase = Corpus.get("onnx_torch_regression");
        Frame input = corpusCase.inputFrame();
        Frame narrow = new Frame(input.columnNames().subList(0, 5), input.columns().subList(0, 5), input.rowCount());

        try (ScoringModel model = new OnnxLoader().load(corpusCase.artifact(),
                LoaderTestSupport.contextFor(corpusCase))) {
            assertThatThrownBy(() -> model.predict(narrow))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("The model expects 33 features, the request has 5 columns");
        }
    }

    @Test
    void predictorNamesSayWhichEngineServes() throws Exception {
        CorpusCase onnx = Corpus.get("onnx_torch_binary");
        CorpusCase torch = Corpus.get("torchscript_binary");
        try (ScoringModel onnxModel = new OnnxLoader().load(onnx.artifact(), LoaderTestSupport.contextFor(onnx));
                ScoringModel torchModel = new TorchScriptLoader().load(torch.artifact(),
                        LoaderTestSupport.contextFor(torch))) {
            assertThat(onnxModel.predictor()).isEqualTo("ONNXPredictor");
            assertThat(torchModel.predictor()).isEqualTo("TorchScriptPredictor");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tensorCases")
    void concurrentRequestsGetTheirOwnAnswers(CorpusCase corpusCase) throws Exception {
        Frame input = corpusCase.inputFrame();
        try (ScoringModel model = loaderFor(corpusCase).load(corpusCase.artifact(),
                LoaderTestSupport.contextFor(corpusCase))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<double[][]>> answers = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int rows = 1 + i * (input.rowCount() - 1) / 15;
                    Frame head = firstRows(input, rows);
                    answers.add(pool.submit(() -> model.predict(head).columns()));
                }
                double[][] all = model.predict(input).columns();
                for (int i = 0; i < answers.size(); i++) {
                    double[][] part = answers.get(i).get();
                    for (int c = 0; c < all.length; c++) {
                        for (int row = 0; row < part[c].length; row++) {
                            assertThat(part[c][row]).as("request %d column %d row %d", i, c, row)
                                    .isCloseTo(all[c][row], offset(corpusCase.tolerance()));
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Issue 7: tensor engines answer a batch row for row, so joined requests get their own rows back. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tensorCases")
    void batchedRequestsGetTheirOwnRows(CorpusCase corpusCase) throws Exception {
        Frame input = corpusCase.inputFrame();
        MicroBatcher batcher = new MicroBatcher(new TimpaniProperties.Batching(true, 1, 64, Duration.ZERO));
        try (ScoringModel model = loaderFor(corpusCase).load(corpusCase.artifact(),
                LoaderTestSupport.contextFor(corpusCase))) {
            assertThat(model.batchesFaster()).as("the corpus graphs take any number of rows").isTrue();
            double[][] all = model.predict(input).columns();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<double[][]>> answers = new ArrayList<>();
                for (int i = 0; i < 48; i++) {
                    int from = i * (input.rowCount() - 4) / 48;
                    Frame request = input.rows(from, from + 1 + i % 4);
                    answers.add(pool.submit(() -> batcher.predict(model, request).columns()));
                }
                for (int i = 0; i < answers.size(); i++) {
                    int from = i * (input.rowCount() - 4) / 48;
                    double[][] part = answers.get(i).get();
                    assertThat(part[0]).as("request %d", i).hasSize(1 + i % 4);
                    for (int c = 0; c < all.length; c++) {
                        for (int row = 0; row < part[c].length; row++) {
                            // Within the case's tolerance, not bit for bit: PyTorch's kernels may sum in another
                            // order for another batch size (up to 2e-6 relative on the corpus modules).
                            assertThat(part[c][row]).as("request %d column %d row %d", i, c, row)
                                    .isCloseTo(all[c][from + row], offset(corpusCase.tolerance()));
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tensorCases")
    void emptyRequestGetsEmptyColumns(CorpusCase corpusCase) throws Exception {
        Frame input = corpusCase.inputFrame();
        try (ScoringModel model = loaderFor(corpusCase).load(corpusCase.artifact(),
                LoaderTestSupport.contextFor(corpusCase))) {
            RawPredictions predictions = model.predict(firstRows(input, 0));
            assertThat(predictions.rowCount()).isZero();
            assertThat(predictions.columnCount()).isEqualTo(Math.max(1, corpusCase.labels().size()));
        }
    }

    private static Frame firstRows(Frame frame, int rows) {
        List<Column> columns = new ArrayList<>();
        for (Column column : frame.columns()) {
            double[] values = ((NumericColumn) column).values();
            columns.add(new NumericColumn(Arrays.copyOf(values, rows)));
        }
        return new Frame(frame.columnNames(), columns, rows);
    }

}
