package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.loaders.PredictionComparison;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ScoringModel;
import dev.timpani.testing.CorpusCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LinearDiscriminantAnalysis in the JVM, on committed models whose coefficients cancel (006: on 164 of its 250 rows
 * the library's answer to the row alone is more than 1e-12 away from its answer in the batch): a batch in dgemm's
 * order, a lone row in dgemv's ({@link OpenBlasGemvT}), each to the last bits of softmax's {@code exp}. 006 reads 6
 * features into 4 classes (the four-lane fused kernel and a tail of two), 013 reads 7 into 3 (the two- and
 * four-lane kernels and a tail of three).
 */
class LinearDiscriminantAnalysisTest {

    /** Math.exp against NumPy's exp in softmax: a few ulps of a probability. */
    private static final double EXP_ULPS = 1e-15;

    @ParameterizedTest
    @ValueSource(strings = {"sklearn-1.9.1/LinearDiscriminantAnalysis/006", "sklearn-1.2.1/LinearDiscriminantAnalysis/006",
            "sklearn-1.9.1/LinearDiscriminantAnalysis/013", "sklearn-1.2.1/LinearDiscriminantAnalysis/013"})
    void answersABatchAndEachRowAloneAsTheLibraryDoes(String folder) throws Exception {
        CorpusCase corpusCase = OneRowAtATime.corpusCase(folder);
        try (ScoringModel model = OneRowAtATime.load(corpusCase)) {
            assertThat(model.description()).contains("compiled linear evaluator");
            PredictionComparison.assertMatchesCase(corpusCase, EXP_ULPS, model.predict(corpusCase.inputFrame()));
            OneRowAtATime.assertEachRowAlone(corpusCase, model, EXP_ULPS);
        }
    }

    @Test
    void declinesTwoClassesWhoseOneRowOfCoefficientsGoesThroughDgemv() {
        CorpusCase corpusCase = OneRowAtATime.corpusCase("sklearn-1.9.1/LinearDiscriminantAnalysis/000");
        assertThat(corpusCase.labels()).hasSize(2);
        assertThatThrownBy(() -> OneRowAtATime.load(corpusCase)).isInstanceOf(ModelDeclinedException.class)
                .hasMessage("LinearDiscriminantAnalysis of two classes is not compiled: its one row of coef_ goes "
                        + "through BLAS's dgemv, whose order of sums the JVM does not reproduce");
    }
}
