package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.loaders.LoaderTestSupport;
import dev.timpani.loaders.PredictionComparison;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import dev.timpani.testing.CorpusCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code MLPClassifier} / {@code MLPRegressor} compiled from their layers, on small models the library trained
 * ({@code src/test/python/make_mlp_pickles.py}, scikit-learn 1.2.1 and 1.9.1): the columns follow {@code classes_},
 * not the order the labels came in; NaN and infinities are refused with the library's words; what the evaluator would
 * have to guess is declined. The differential proof ({@link ExactnessProofTest}) holds the numbers on random models.
 */
class MultilayerPerceptronTest {

    private static final Path ROOT = Path.of("src/test/resources/mlp");

    private static CorpusCase corpusCase(String version, String name) throws IOException {
        Path folder = ROOT.resolve("sklearn-" + version).resolve(name);
        var meta = new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.resolve("case.json").toFile());
        List<String> labels = new ArrayList<>();
        meta.path("class_labels").forEach(label -> labels.add(label.asText()));
        return new CorpusCase(name, folder, meta.path("target_type").asText(), labels, 1e-12);
    }

    private static ScoringModel load(CorpusCase corpusCase) throws Exception {
        return ExactnessProofTest.openLoader().load(corpusCase.artifact(), LoaderTestSupport.contextFor(corpusCase));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.1", "1.9.1"})
    void answersABinaryClassifiersColumnsInClassesOrderAsOneMinusThePositive(String version) throws Exception {
        CorpusCase binary = corpusCase(version, "binary_strings");
        try (ScoringModel model = load(binary)) {
            assertThat(model.description()).contains("the compiled float64 evaluator");
            RawPredictions answer = model.predict(binary.inputFrame());
            // fitted on "spam" / "eggs" in row order; LabelBinarizer sorts them, and the logistic output is eggs' 1 - p
            assertThat(answer.columnLabels()).contains(List.of("eggs", "spam"));
            double[][] columns = answer.columns();
            for (int row = 0; row < columns[0].length; row++) {
                assertThat(columns[0][row]).isEqualTo(1 - columns[1][row]);
            }
            PredictionComparison.assertMatchesCase(binary, answer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.1", "1.9.1"})
    void answersAMulticlassSoftmaxInClassesOrder(String version) throws Exception {
        CorpusCase multiclass = corpusCase(version, "multiclass_ints");
        try (ScoringModel model = load(multiclass)) {
            RawPredictions answer = model.predict(multiclass.inputFrame());
            // labels 30, 10, 20 in the order they were drawn; classes_ is sorted
            assertThat(answer.columnLabels()).contains(List.of("10", "20", "30"));
            PredictionComparison.assertMatchesCase(multiclass, answer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.1", "1.9.1"})
    void answersARegressorsOneTargetAsOneColumnBitForBit(String version) throws Exception {
        CorpusCase regressor = corpusCase(version, "regressor_logistic");
        try (ScoringModel model = load(regressor)) {
            RawPredictions answer = model.predict(regressor.inputFrame());
            assertThat(answer.columnLabels()).isEmpty();
            // expit is libm's exp (GlibcExp), the hidden layer dgemm's fused sums, the output unit dgemv's lanes
            PredictionComparison.assertMatchesCase(regressor, 0.0, answer);
        }
    }

    @Test
    void answersEachRowOfABatchLargerThanOneBlockAsItAnswersItInASmallOne() throws Exception {
        CorpusCase multiclass = corpusCase("1.9.1", "multiclass_ints");
        Frame small = multiclass.inputFrame();
        int rows = 1234;
        List<Column> repeated = new ArrayList<>();
        for (Column column : small.columns()) {
            double[] values = ((NumericColumn) column).values();
            double[] many = new double[rows];
            for (int row = 0; row < rows; row++) {
                many[row] = values[row % values.length];
            }
            repeated.add(new NumericColumn(many));
        }
        try (ScoringModel model = load(multiclass)) {
            double[][] once = model.predict(small).columns();
            double[][] batch = model.predict(new Frame(small.columnNames(), repeated, rows)).columns();
            for (int k = 0; k < once.length; k++) {
                for (int row = 0; row < rows; row++) {
                    assertThat(batch[k][row]).as("class %d row %d", k, row).isEqualTo(once[k][row % once[k].length]);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.1", "1.9.1"})
    void refusesNaNAndInfinityWithTheLibrarysWords(String version) throws Exception {
        CorpusCase binary = corpusCase(version, "binary_strings");
        try (ScoringModel model = load(binary)) {
            String nan = libraryText(binary, "refused_nan.txt");
            assertThatThrownBy(() -> model.predict(withSecondRowOfFirstColumn(binary.inputFrame(), Double.NaN)))
                    .isInstanceOf(BadInputException.class)
                    // the library's first sentence and the start of its second, then the row Timpani names
                    .hasMessageStartingWith(nan.substring(0, nan.indexOf(" For supervised learning")))
                    .hasMessageEndingWith("(row 2)");
            String infinity = libraryText(binary, "refused_inf.txt");
            assertThatThrownBy(() -> model.predict(withSecondRowOfFirstColumn(binary.inputFrame(),
                    Double.POSITIVE_INFINITY)))
                    .isInstanceOf(BadInputException.class).hasMessage(infinity + " (column 'a', row 2)");
        }
    }

    @Test
    void declinesAMultilabelClassifier() throws Exception {
        assertThatThrownBy(() -> load(corpusCase("1.9.1", "multilabel")))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessage("MLPClassifier of type 'multilabel-indicator' with 2 classes, 2 outputs and "
                        + "out_activation_ 'logistic' is not compiled (binary and multiclass are; multilabel is not)");
    }

    @Test
    void declinesARegressorOfTwoTargets() throws Exception {
        assertThatThrownBy(() -> load(corpusCase("1.2.1", "two_targets")))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessage("MLPRegressor of 2 targets with out_activation_ 'identity' is not compiled (one target, "
                        + "identity, is)");
    }

    @Test
    void declinesFloat32Weights() throws Exception {
        assertThatThrownBy(() -> load(corpusCase("1.9.1", "float32_weights")))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessage("MLPRegressor.coefs_[0] is an array of dtype f4, which the compiled evaluator does not "
                        + "read (float64 arrays)");
    }

    @Test
    void declinesAPoissonRegressorsExpOutput() throws Exception {
        assertThatThrownBy(() -> load(corpusCase("1.9.1", "poisson")))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessage("MLPRegressor.out_activation_ 'exp' is not compiled; the workers serve it");
    }

    /** The library's refusal without its exception class ({@code ValueError: ...}). */
    private static String libraryText(CorpusCase corpusCase, String file) throws IOException {
        String text = Files.readString(corpusCase.folder().resolve(file)).strip();
        return text.substring(text.indexOf(": ") + 2);
    }

    private static Frame withSecondRowOfFirstColumn(Frame frame, double value) {
        List<Column> columns = new ArrayList<>(frame.columns());
        double[] first = ((NumericColumn) columns.get(0)).values().clone();
        first[1] = value;
        columns.set(0, new NumericColumn(first));
        return new Frame(frame.columnNames(), columns, frame.rowCount());
    }
}
