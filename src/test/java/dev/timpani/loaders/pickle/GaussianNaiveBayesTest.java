package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Column;
import dev.timpani.data.Frame;
import dev.timpani.data.NumericColumn;
import dev.timpani.loaders.PredictionComparison;
import dev.timpani.model.ScoringModel;
import dev.timpani.testing.CorpusCase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GaussianNB in the JVM on a committed model of 8 features and 3 classes, fitted on a DataFrame, as each version
 * wrote it: a batch summed column by column (the Fortran-ordered array of a DataFrame), a lone row pairwise (on 2
 * of its 138 rows the library's two answers are more than 1e-12 apart), NaN where the library answers NaN, and its
 * refusal of a missing value.
 */
class GaussianNaiveBayesTest {

    /** The proof's bound for the float64 evaluator: NumPy's vectorised exp / log against Java's. */
    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"sklearn-1.2.1/GaussianNB/037", "sklearn-1.6.1/GaussianNB/037",
            "sklearn-1.9.1/GaussianNB/037"})
    void answersABatchAndEachRowAloneAsTheLibraryDoes(String folder) throws Exception {
        CorpusCase corpusCase = OneRowAtATime.corpusCase(folder);
        try (ScoringModel model = OneRowAtATime.load(corpusCase)) {
            assertThat(model.description()).contains("compiled float64 evaluator");
            PredictionComparison.assertMatchesCase(corpusCase, TOLERANCE, model.predict(corpusCase.inputFrame()));
            OneRowAtATime.assertEachRowAlone(corpusCase, model, TOLERANCE);
        }
    }

    @Test
    void answersNaNWhereTheSquaresOverflowAsTheLibraryDoes() throws Exception {
        CorpusCase corpusCase = OneRowAtATime.corpusCase("sklearn-1.9.1/GaussianNB/037");
        Frame input = corpusCase.inputFrame();
        double[] first = corpusCase.expected().columns()[0];
        int answeredNaN = 0;
        try (ScoringModel model = OneRowAtATime.load(corpusCase)) {
            for (int row = 0; row < first.length; row++) {
                if (Double.isNaN(first[row])) {
                    // a -1e300 cell: every class's joint log likelihood is -inf, and -inf - -inf is NaN
                    for (double[] column : model.predict(input.rows(row, row + 1)).columns()) {
                        assertThat(column[0]).isNaN();
                    }
                    answeredNaN++;
                }
            }
        }
        assertThat(answeredNaN).isEqualTo(2);
    }

    @Test
    void refusesAMissingValueWithTheLibrarysWords() throws Exception {
        CorpusCase corpusCase = OneRowAtATime.corpusCase("sklearn-1.9.1/GaussianNB/037");
        Frame input = corpusCase.inputFrame().rows(0, 3);
        List<Column> columns = new ArrayList<>(input.columns());
        columns.set(2, new NumericColumn(new double[] {1.0, Double.NaN, 2.0}));
        try (ScoringModel model = OneRowAtATime.load(corpusCase)) {
            assertThatThrownBy(() -> model.predict(new Frame(input.columnNames(), columns, 3)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("Input X contains NaN.\nGaussianNB does not accept missing values "
                            + "encoded as NaN natively.");
        }
    }

    @Test
    void normalisesWithTheLogSumExpOfTheVersionThatWroteTheModel() {
        assertThat(LogSumExp.of(SkLearnVersion.parse("1.2.1"))).contains(LogSumExp.SCIPY_CLASSIC);
        assertThat(LogSumExp.of(SkLearnVersion.parse("1.6.1"))).contains(LogSumExp.SCIPY_LOG1P);
        assertThat(LogSumExp.of(SkLearnVersion.parse("1.9.1"))).contains(LogSumExp.SKLEARN_LOG1P);
        assertThat(LogSumExp.of(SkLearnVersion.parse("1.7.2"))).isEmpty();
        for (LogSumExp form : LogSumExp.values()) {
            // log(e^1000 + e^1000) = 1000 + log 2, with no overflow
            assertThat(form.of(new double[] {1000.0, 1000.0}, 2)).isEqualTo(1000.0 + Math.log(2.0));
            // every class impossible: -inf (then -inf - -inf is the NaN the library answers)
            assertThat(form.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 2))
                    .isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(form.of(new double[] {0.0, Double.NaN}, 2)).isNaN();
        }
    }
}
