package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timpani.data.BadInputException;
import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ScoringModel;
import java.util.List;
import java.util.stream.Stream;
import net.razorvine.pickle.objects.ClassDict;
import org.jpmml.python.HasArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PCA inside pipelines of scikit-learn 1.2.1 and 1.9.1 ({@link SvrPcaFixtures}): each version's order of
 * operations, whitening, PCA as the first step, ahead of a linear regressor, a logistic regression or an SVR; what
 * the float64 evaluator answers, refuses and declines.
 */
class PcaProjectionTest {

    static Stream<Arguments> pipelines() {
        return SvrPcaFixtures.VERSIONS.stream().flatMap(version -> Stream.of("pca_whiten", "pca_first",
                "pca_logistic", "pca_svr").map(name -> Arguments.of(version, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pipelines")
    void answersAsTheLibraryDidWithinTheFloat64Bound(String version, String name) throws Exception {
        ExactnessProofTest.GeneratedModel generated = SvrPcaFixtures.model(version, name);
        try (ScoringModel model = SvrPcaFixtures.load(generated)) {
            // The proof keys its tolerance on these words (ExactnessProofTest.engineOf): never the linear one's.
            assertThat(model.description()).contains("scored by the compiled float64 evaluator")
                    .doesNotContain("linear evaluator");
            double[][] got = model.predict(generated.corpusCase().inputFrame()).columns();
            double[][] want = generated.corpusCase().expected().columns();
            assertThat(got).hasNumberOfRows(want.length);
            for (int column = 0; column < want.length; column++) {
                double[] comparison = SvrPcaFixtures.compare(got[column], want[column]);
                System.out.printf("PCA %s %s column %d: %d of %d rows bit for bit, largest relative difference %.3g%n",
                        version, name, column, (int) comparison[0], want[column].length, comparison[1]);
                assertThat(comparison[1]).as("%s %s", version, name).isLessThanOrEqualTo(1e-12);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.2.1", "1.9.1"})
    void refusesNaNWithPcasWords(String version) throws Exception {
        ExactnessProofTest.GeneratedModel generated = SvrPcaFixtures.model(version, "pca_whiten");
        // The scaler lets NaN through (allow-nan); PCA's validate_data refuses it, naming itself.
        assertThat(generated.text("refused_nan.txt")).startsWith("ValueError: Input X contains NaN.\nPCA does not "
                + "accept missing values encoded as NaN natively.");
        try (ScoringModel model = SvrPcaFixtures.load(generated)) {
            assertThatThrownBy(() -> model.predict(SvrPcaFixtures.withNaN(generated, 1, 0)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("Input X contains NaN.\nPCA does not accept missing values encoded as NaN natively. "
                            + "(row 1)");
        }
    }

    @Test
    void subtractsTheMeanFirstUpTo13AndAfterTheProjectionFrom15() {
        PcaProjection old = PcaProjection.read(pca(false, List.of(1.0, 2.0)), SkLearnVersion.parse("1.2.1"));
        assertThat(old.mean()).containsExactly(0.5, -0.25);
        assertThat(old.projectedMean()).isNull();
        PcaProjection current = PcaProjection.read(pca(false, List.of(1.0, 2.0)), SkLearnVersion.parse("1.6.1"));
        assertThat(current.mean()).isNull();
        // mean_ @ components_.T: 0.5 * 0.6 - 0.25 * 0.8 for the first component, 0.5 * -0.8 - 0.25 * 0.6 next.
        assertThat(current.projectedMean()).containsExactly(Math.fma(-0.25, 0.8, 0.5 * 0.6),
                Math.fma(-0.25, 0.6, 0.5 * -0.8));
    }

    @Test
    void clipsAZeroVarianceAtEpsilonFrom15Only() {
        PcaProjection old = PcaProjection.read(pca(true, List.of(4.0, 0.0)), SkLearnVersion.parse("1.2.1"));
        assertThat(old.scale()).containsExactly(2.0, 0.0);
        assertThat(old.apply(new double[][] {{1.0}, {1.0}}, 1)[1][0]).isInfinite();
        PcaProjection current = PcaProjection.read(pca(true, List.of(4.0, 0.0)), SkLearnVersion.parse("1.9.1"));
        assertThat(current.scale()).containsExactly(2.0, Math.ulp(1.0));
        assertThat(current.apply(new double[][] {{1.0}, {1.0}}, 1)[1][0]).isFinite();
    }

    @Test
    void declinesPcaOf14WhoseTransformIsNotRead() {
        assertThatThrownBy(() -> PcaProjection.read(pca(false, List.of(1.0, 2.0)), SkLearnVersion.parse("1.4.2")))
                .isInstanceOf(ModelDeclinedException.class)
                .hasMessage("PCA of scikit-learn 1.4.2 is not compiled (its transform's order of operations is not "
                        + "read); the workers serve it");
    }

    @Test
    void declinesAPcaFittedOnOtherColumnsThanItIsGiven() {
        PcaProjection projection = PcaProjection.read(pca(false, List.of(1.0, 2.0)), SkLearnVersion.parse("1.9.1"));
        assertThat(projection.width(2)).isEqualTo(2);
        assertThatThrownBy(() -> projection.width(3)).isInstanceOf(ModelDeclinedException.class)
                .hasMessage("PCA was fitted on 2 features, and the steps before it give 3");
    }

    @Test
    void isNotBitForBitSoItsPipelineIsAFloat64One() {
        assertThat(PcaProjection.read(pca(false, List.of(1.0, 2.0)), SkLearnVersion.parse("1.9.1")).exact())
                .isFalse();
        assertThat(new StandardScaling(null, null).exact()).isTrue();
    }

    /** Two components over two features, rotated, mean (0.5, -0.25); the attributes PCA.transform reads. */
    private static ClassDict pca(boolean whiten, List<Double> variance) {
        ClassDict pca = new ClassDict("sklearn.decomposition._pca", "PCA");
        pca.put("components_", new HasArray() {
            @Override
            public List<?> getArrayContent() {
                return List.of(0.6, 0.8, -0.8, 0.6);
            }

            @Override
            public int[] getArrayShape() {
                return new int[] {2, 2};
            }

            @Override
            public Object getArrayType() {
                return "float64";
            }
        });
        pca.put("mean_", List.of(0.5, -0.25));
        pca.put("whiten", whiten);
        pca.put("explained_variance_", variance);
        return pca;
    }
}
