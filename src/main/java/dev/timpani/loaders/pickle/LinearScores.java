package dev.timpani.loaders.pickle;

/**
 * {@code X @ coef_.T + intercept_}, the decision function of every linear model (sklearn/linear_model/_base.py,
 * {@code LinearModel._decision_function} and {@code LinearClassifierMixin.decision_function}, 1.2.1 to 1.9.1).
 * <ul>
 * <li>A dense {@code X} goes through BLAS ({@code dgemv} / {@code dgemm}, OpenBLAS), whose blocking and FMA depend on
 *     the batch: scikit-learn's own answer for a row changes with the rows beside it (bench/exactness/README.md).
 *     No order is the library's; the sum here is left to right, and the proof bounds the difference
 *     ({@code ExactnessProofTest.tolerance}: 1e-12 relative to the case's largest value).</li>
 * <li>A sparse {@code X} (a ColumnTransformer's sparse output) goes through scipy's {@code csr_matvec(s)}: left to
 *     right over the row's stored (non-zero) cells, from 0, then {@code + intercept_}; zeros are skipped the same
 *     way here.</li>
 * </ul>
 *
 * @param coef      {@code coef_} as {@code [output][feature]} (one output for a regressor or a binary classifier)
 * @param intercept {@code intercept_} per output
 * @param sparse    whether the estimator reads a sparse matrix
 */
record LinearScores(double[][] coef, double[] intercept, boolean sparse) {

    int features() {
        return coef[0].length;
    }

    /** {@code scores[output][row]}. */
    double[][] of(double[][] x, int rows) {
        int outputs = coef.length;
        int features = features();
        double[][] scores = new double[outputs][rows];
        for (int k = 0; k < outputs; k++) {
            double[] weights = coef[k];
            double[] out = scores[k];
            for (int row = 0; row < rows; row++) {
                double sum = 0.0;
                for (int f = 0; f < features; f++) {
                    double value = x[f][row];
                    if (!sparse || value != 0.0) {
                        sum += value * weights[f];
                    }
                }
                out[row] = sum + intercept[k];
            }
        }
        return scores;
    }
}
