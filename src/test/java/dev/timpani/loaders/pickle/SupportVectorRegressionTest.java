package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.BadInputException;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ScoringModel;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SVR pickles of scikit-learn 1.2.1 and 1.9.1 ({@link SvrPcaFixtures}) scored by {@link SupportVectorRegression}:
 * the library's own answers, its refusal of NaN, and the models the evaluator declines.
 */
class SupportVectorRegressionTest {

    static Stream<Arguments> kernels() {
        return SvrPcaFixtures.VERSIONS.stream().flatMap(version -> Stream.of("linear", "poly", "rbf", "sigmoid")
                .map(kernel -> Arguments.of(version, kernel)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernels")
    void answersAsLibsvmDid(String version, String kernel) throws Exception {
        ExactnessProofTest.GeneratedModel generated = SvrPcaFixtures.model(version, "svr_" + kernel);
        try (ScoringModel model = SvrPcaFixtures.load(generated)) {
            assertThat(model.description()).contains("compiled float64 evaluator");
            double[] got = model.predict(generated.corpusCase().inputFrame()).columns()[0];
            double[] want = generated.corpusCase().expected().columns()[0];
            double[] comparison = SvrPcaFixtures.compare(got, want);
            if (kernel.equals("sigmoid")) {
                // tanh: Java's StrictMath against glibc's FMA build of the same algorithm, the last bit at most.
                assertThat(comparison[1]).as("largest relative difference").isLessThanOrEqualTo(1e-12);
            } else {
                // ddot in OpenBLAS's order (fused), glibc's exp: bit for bit.
                assertThat(got).as("%s %s", version, kernel).containsExactly(want);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.2.1", "1.9.1"})
    void refusesNaNAsTheLibraryDoes(String version) throws Exception {
        ExactnessProofTest.GeneratedModel generated = SvrPcaFixtures.model(version, "svr_rbf");
        String library = generated.text("refused_nan.txt");
        assertThat(library).startsWith("ValueError: Input X contains NaN.\nSVR does not accept missing values "
                + "encoded as NaN natively.");
        try (ScoringModel model = SvrPcaFixtures.load(generated)) {
            assertThatThrownBy(() -> model.predict(SvrPcaFixtures.withNaN(generated, 2, 4)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("Input X contains NaN.\nSVR does not accept missing values encoded as NaN natively. "
                            + "(row 5)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.2.1", "1.9.1"})
    void servesAScaledSvrPipeline(String version) throws Exception {
        ExactnessProofTest.GeneratedModel generated = SvrPcaFixtures.model(version, "scaler_svr");
        try (ScoringModel model = SvrPcaFixtures.load(generated)) {
            assertThat(model.description()).contains("Pipeline in the JVM, scored by the compiled float64 evaluator");
            assertThat(model.predict(generated.corpusCase().inputFrame()).columns()[0])
                    .containsExactly(generated.corpusCase().expected().columns()[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.2.1", "1.9.1"})
    void declinesAPrecomputedKernel(String version) {
        assertThatThrownBy(() -> SvrPcaFixtures.loadDeclined(version, "svr_precomputed"))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessage("SVR with kernel='precomputed' is not compiled; the workers serve it");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.2.1", "1.9.1"})
    void declinesASparseFit(String version) {
        assertThatThrownBy(() -> SvrPcaFixtures.loadDeclined(version, "svr_sparse"))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessage("an SVR fitted on a sparse matrix is not compiled; the workers serve it");
    }

    @Test
    void powiIsLibsvmsSquareAndMultiply() {
        double base = 1.1;
        assertThat(SvmKernel.powi(base, 0)).isEqualTo(1.0);
        assertThat(SvmKernel.powi(base, 1)).isEqualTo(base);
        // times = 3: ret = base, then base * (base * base); times = 5: base * ((base * base) * (base * base)).
        assertThat(SvmKernel.powi(base, 3)).isEqualTo(base * (base * base));
        double square = base * base;
        assertThat(SvmKernel.powi(base, 5)).isEqualTo(base * (square * square));
        assertThat(SvmKernel.powi(base, -2)).isEqualTo(1.0);
    }
}
