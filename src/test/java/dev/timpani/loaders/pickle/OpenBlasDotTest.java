package dev.timpani.loaders.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link OpenBlasDot} on rows where the order of the sum decides the answer: a linear regressor after a PCA on the
 * generated 1.9.1 models (bench/exactness, Pipeline_StandardScaler_PCA_LinearRegression), whose inputs near 1e300 make
 * products overflow. The library's answers are scikit-learn's own; a left-to-right sum gives others.
 */
class OpenBlasDotTest {

    /** Model 056, row 146: three components; the products overflow to +inf, -inf and +inf. */
    @Test
    void addsTheTailOfDgemvTAsGccFusedIt() {
        double[] row = {2.5155366504144426e+307, 4.717662274855423e+305, 2.5222489006436807e+307};
        double[] coef = {2258.125579305156, -1868.3994970996746, 4137.467681421525};
        double intercept = -2.0848238568308112e-13;
        // fma(a2, x2, fma(a0, x0, a1 * x1)): the -inf product first, and the fused ones keep it.
        assertThat(OpenBlasDot.gemvTransposed(row, coef, 3, 145, 281) + intercept)
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(leftToRight(row, coef) + intercept).isNaN();
        assertThat(new LinearScores(new double[][] {coef}, new double[] {intercept}, false,
                LinearScores.Order.PROJECTED)
                .of(new double[][] {{row[0], 1.0}, {row[1], 1.0}, {row[2], 1.0}}, 2)[0][0])
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /** Model 020, row 168: six components; a left-to-right sum overflows where dgemv_t's pairs do not. */
    @Test
    void sumsTheFirstFourInDgemvTsPairs() {
        double[] row = {1.9022871707480898e+303, -3.174865486726733e+302, -7.052309398305043e+302,
            -7.37338725878768e+302, 8.915758782304756e+302, 1.5251434158360476e+303};
        double[] coef = {-84689.14519979579, 88852.37149953828, -107507.73408348297, -119546.03499633537,
            65968.94210317224, -23244.199001089568};
        double intercept = -7.513016655930686e-12;
        assertThat(OpenBlasDot.gemvTransposed(row, coef, 6, 167, 300) + intercept)
                .isEqualTo(-1.9832252804885588e+306);
        assertThat(leftToRight(row, coef)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /**
     * As dgemv_t_4.c reads (not measured: the generated models have fewer than 8 features after a PCA): the columns
     * in groups of four go through the fused Haswell kernel, the two or one left over through unfused SSE2 kernels, so
     * from 8 features a row's answer depends on its place in the batch, as scikit-learn's own does.
     */
    @Test
    void givesTheRowsLeftOverFromGroupsOfFourTheUnfusedKernels() {
        double third = 1 + 0x1p-27;
        double[] a = {-1.0, 0.0, 0.0, 0.0, third, 0.0, 0.0, 0.0};
        double[] x = {1.0, 0.0, 0.0, 0.0, third, 0.0, 0.0, 0.0};
        // third * third = 1 + 2^-26 + 2^-54: fused onto -1 it keeps its last term, rounded first it loses it.
        assertThat(OpenBlasDot.gemvTransposed(a, x, 8, 3, 5)).isEqualTo(0x1p-26 + 0x1p-54);
        assertThat(OpenBlasDot.gemvTransposed(a, x, 8, 4, 5)).isEqualTo(0x1p-26);
        assertThat(OpenBlasDot.gemvTransposed(a, x, 8, 4, 6)).isEqualTo(0x1p-26);
    }

    @Test
    void ddotIsFusedLeftToRightBelowSixteen() {
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5};
        double[] y = {3.0, -7.0, 11.0, 0.125, 1e-3};
        double fused = 0.0;
        for (int i = 0; i < x.length; i++) {
            fused = Math.fma(x[i], y[i], fused);
        }
        assertThat(OpenBlasDot.ddot(x, y, x.length)).isEqualTo(fused);
    }

    /**
     * Sixteen values and more go through the SkylakeX kernel's four 4-lane accumulators (measured: a linear SVR after
     * a ColumnTransformer of 19 columns, bench/exactness Pipeline_ColumnTransformer 070, 213 of 213 rows on 1.2.1,
     * 1.6.1 and 1.9.1; 179 with the Haswell kernel's fold).
     */
    @Test
    void foldsSixteenValuesLaneByLane() {
        double[] x = new double[16];
        double[] ones = new double[16];
        java.util.Arrays.fill(x, 1e-16);
        java.util.Arrays.fill(ones, 1.0);
        x[0] = 1.0;
        // Left to right every 1e-16 is lost against 1; lane by lane three of them meet first.
        double lane0 = ((1.0 + 1e-16) + 1e-16) + 1e-16;
        double lane = ((1e-16 + 1e-16) + 1e-16) + 1e-16;
        assertThat(OpenBlasDot.ddot(x, ones, 16)).isEqualTo((lane0 + lane) + (lane + lane))
                .isGreaterThan(1.0);
        assertThat(OpenBlasDot.fusedLeftToRight(x, ones, 16)).isEqualTo(1.0);
    }

    private static double leftToRight(double[] a, double[] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
