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
 * <li>{@link Order#DGEMM} and {@link Order#DGEMM_C_ORDERED}: OpenBLAS's order, as NumPy's {@code matmul} picks the
 *     routine (numpy/_core/src/umath/matmul.c.src; 1.24: numpy/core/src/umath/matmul.c.src). Several outputs (a
 *     {@code coef_} of two rows or more) times a batch of two rows or more go through {@code dgemm}, whose
 *     micro-kernel keeps one accumulator per cell of the result and adds the features to it in order with fused
 *     multiply-adds (kernel/x86_64/dgemm_kernel_16x2_skylakex.c, OpenBLAS 0.3.21 and 0.3.31, while the features
 *     fit one block of {@code DGEMM_Q}, 256 on SkylakeX and Haswell), whatever the batch's layout; a single row
 *     through {@code dgemv}, summed as {@link OpenBlasGemvT} does. One output (a binary classifier) times a single
 *     row is {@code ddot} ({@link OpenBlasDot#ddot}); times a batch, {@code dgemv} by the batch's memory layout:
 *     {@code dgemv_n} for the Fortran-ordered array of a DataFrame ({@link OpenBlasGemvN}; {@code DGEMM}, a bare
 *     estimator as DRUM calls it), {@code dgemv_t} for a C-ordered one ({@link OpenBlasGemvT#rowsDot};
 *     {@code DGEMM_C_ORDERED}, a ColumnTransformer's output with a dense one-hot part of two columns or more).
 *     They matched LinearDiscriminantAnalysis bit for bit where the plain sum was thousands of ulps away (its
 *     coefficients cancel; up to 0.5 in a probability of two classes), for batches of 1 to 6,000 rows.</li>
 * <li>A PCA projection's output is a fresh C-ordered array, and NumPy's {@code matmul} hands its product with one
 *     output's weights to OpenBLAS's {@code dgemv_t} (one row: {@code ddot}), whose order {@link OpenBlasDot}
 *     reproduces, the row's place in the batch included: the library's own answer then, infinities and NaN from
 *     overflowing products included (a left-to-right sum overflowed where BLAS's did not on 3 of the 100 generated
 *     PCA pipelines of each version, on inputs near 1e300). Several outputs (a multiclass model) go through
 *     {@code dgemm}, whose kernels add each row's products left to right with fused multiply-adds, as here (one row:
 *     {@code dgemv} over the outputs, left to right here too, not measured).</li>
 * </ul>
 *
 * @param coef      {@code coef_} as {@code [output][feature]} (one output for a regressor or a binary classifier)
 * @param intercept {@code intercept_} per output
 * @param sparse    whether the estimator reads a sparse matrix
 * @param order     the order of the sums: left to right, or one of OpenBLAS's (dense only)
 */
record LinearScores(double[][] coef, double[] intercept, boolean sparse, Order order) {

    /** Whose order of sums {@link #of} follows. */
    enum Order {
        /** Left to right, plain multiply and add. */
        LEFT_TO_RIGHT,
        /**
         * OpenBLAS's {@code dgemm} (one row: {@link OpenBlasGemvT}); one output over a DataFrame's Fortran-ordered
         * batch: {@code dgemv_n} ({@link OpenBlasGemvN}; one row: {@code ddot}).
         */
        DGEMM,
        /** The same, but one output over a C-ordered batch: {@code dgemv_t} ({@link OpenBlasGemvT#rowsDot}). */
        DGEMM_C_ORDERED,
        /** A PCA projection's C-ordered output through {@code dgemv_t} / {@code ddot} ({@link OpenBlasDot}). */
        PROJECTED
    }

    /** The features one {@code dgemm} block holds ({@code DGEMM_DEFAULT_Q}, OpenBLAS param.h, SkylakeX / Haswell). */
    static final int DGEMM_BLOCK = 256;

    LinearScores(double[][] coef, double[] intercept, boolean sparse) {
        this(coef, intercept, sparse, Order.LEFT_TO_RIGHT);
    }

    /**
     * The same scores in OpenBLAS's order.
     *
     * @param cOrdered whether a batch reaches the estimator C-ordered rather than as a DataFrame's Fortran-ordered
     *                 array (which decides the {@code dgemv} of one output)
     */
    LinearScores inBlasOrder(boolean cOrdered) {
        return new LinearScores(coef, intercept, sparse, cOrdered ? Order.DGEMM_C_ORDERED : Order.DGEMM);
    }

    int features() {
        return coef[0].length;
    }

    /** {@code scores[output][row]}. */
    double[][] of(double[][] x, int rows) {
        if (order == Order.PROJECTED) {
            return ofProjection(x, rows);
        }
        boolean fused = order == Order.DGEMM || order == Order.DGEMM_C_ORDERED;
        int outputs = coef.length;
        int features = features();
        double[][] scores = new double[outputs][rows];
        if (fused && outputs == 1) {
            double[] dot = dgemv(x, rows);
            for (int row = 0; row < rows; row++) {
                scores[0][row] = dot[row] + intercept[0];
            }
            return scores;
        }
        if (fused && rows == 1) {
            double[] dot = OpenBlasGemvT.dot(coef, x, 0);
            for (int k = 0; k < outputs; k++) {
                scores[k][0] = dot[k] + intercept[k];
            }
            return scores;
        }
        for (int k = 0; k < outputs; k++) {
            double[] weights = coef[k];
            double[] out = scores[k];
            for (int row = 0; row < rows; row++) {
                double sum = 0.0;
                if (fused) {
                    for (int f = 0; f < features; f++) {
                        sum = Math.fma(x[f][row], weights[f], sum);
                    }
                } else {
                    for (int f = 0; f < features; f++) {
                        double value = x[f][row];
                        if (!sparse || value != 0.0) {
                            sum += value * weights[f];
                        }
                    }
                }
                out[row] = sum + intercept[k];
            }
        }
        return scores;
    }

    /** {@code X @ coef_.T} of one output in BLAS's order: {@code ddot} for one row, {@code dgemv} by layout. */
    private double[] dgemv(double[][] x, int rows) {
        if (rows == 1) {
            int features = features();
            double[] row = new double[features];
            for (int f = 0; f < features; f++) {
                row[f] = x[f][0];
            }
            // NumPy's DOUBLE_dot adds cblas_ddot's answer to a sum started at 0. (numpy's arraytypes.c.src)
            return new double[] {0.0 + OpenBlasDot.ddot(row, coef[0], features)};
        }
        return order == Order.DGEMM ? OpenBlasGemvN.rowsDot(x, coef[0], rows)
                : OpenBlasGemvT.rowsDot(x, coef[0], rows);
    }

    /** {@code X @ coef_.T + intercept_} in BLAS's order for a C-ordered {@code X}. */
    private double[][] ofProjection(double[][] x, int rows) {
        int outputs = coef.length;
        int features = features();
        double[][] scores = new double[outputs][rows];
        double[] row = new double[features];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                row[f] = x[f][r];
            }
            for (int k = 0; k < outputs; k++) {
                double product;
                if (outputs == 1) {
                    product = rows == 1 ? OpenBlasDot.ddot(row, coef[0], features)
                            : OpenBlasDot.gemvTransposed(row, coef[0], features, r, rows);
                } else {
                    product = OpenBlasDot.fusedLeftToRight(row, coef[k], features);
                }
                scores[k][r] = product + intercept[k];
            }
        }
        return scores;
    }
}
