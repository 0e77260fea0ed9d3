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

    /**
     * Two classes: one row of {@code coef_}, {@code expit}. DRUM's DataFrame batch goes through {@code dgemv_n}
     * ({@link OpenBlasGemvN}), a row alone through {@code ddot}; on these models the library's answer to a row alone
     * is up to 0.12 (1.2.1 155), 0.03 (1.6.1 068), 0.06 (1.9.1 187) away from its answer in the batch, and the JVM
     * gives both bit for bit. 155 and 063 (6 features: the 4x4 and 4x2 kernels) and 143 (9: 4x4 and 4x1, a batch of
     * 4n + 1 rows) were fitted on arrays, 068 (8 features, 4n + 3 rows) and 187 (9, 4n + 2 rows) on DataFrames.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sklearn-1.2.1/LinearDiscriminantAnalysis/155", "sklearn-1.2.1/LinearDiscriminantAnalysis/143",
            "sklearn-1.6.1/LinearDiscriminantAnalysis/068", "sklearn-1.9.1/LinearDiscriminantAnalysis/063",
            "sklearn-1.9.1/LinearDiscriminantAnalysis/187"})
    void answersTwoClassesBitForBitInABatchAndRowByRow(String folder) throws Exception {
        CorpusCase corpusCase = OneRowAtATime.corpusCase(folder);
        assertThat(corpusCase.labels()).hasSize(2);
        try (ScoringModel model = OneRowAtATime.load(corpusCase)) {
            assertThat(model.description()).contains("compiled linear evaluator");
            PredictionComparison.assertMatchesCase(corpusCase, 0.0, model.predict(corpusCase.inputFrame()));
            OneRowAtATime.assertEachRowAlone(corpusCase, model, 0.0);
        }
    }

    /**
     * After a ColumnTransformer whose one-hot part is a single column, the steps hand a DataFrame's batch on in
     * Fortran order (the library's answer there differs from the C-ordered batch's on 46 of its 230 rows:
     * bench/exactness/lda_fortran_pipeline.py wrote it), which the JVM does not follow after a pipeline's steps.
     */
    @Test
    void declinesTwoClassesAfterStepsWhoseLayoutItDoesNotKnow() {
        CorpusCase corpusCase = OneRowAtATime.corpusCase("sklearn-1.9.1/Pipeline_ColumnTransformer/000");
        assertThat(corpusCase.labels()).hasSize(2);
        assertThatThrownBy(() -> OneRowAtATime.load(corpusCase)).isInstanceOf(ModelDeclinedException.class)
                .hasMessageStartingWith("LinearDiscriminantAnalysis of two classes after these steps is not compiled");
    }
}
