package dev.timpani.loaders.pickle;

/**
 * OpenBLAS's {@code dgemv_n}, {@code y = A x} with {@code A} column-major: what NumPy's {@code matmul} calls for a
 * Fortran-ordered batch times a one-column matrix, the array of a DataFrame of several rows (as DRUM hands a request
 * to a bare estimator) times {@code coef_.T} of one row. NumPy finds the batch blasable in row-major order only and
 * calls {@code cblas_dgemv(RowMajor, Trans, ...)} (numpy/_core/src/umath/matmul.c.src, {@code DOUBLE_gemv}; 1.24's
 * numpy/core/src/umath/matmul.c.src alike), which OpenBLAS turns into {@code dgemv_n} with the rows as {@code m} and
 * the features as {@code n} (interface/gemv.c). Read in kernel/x86_64/dgemv_n_4.c with
 * dgemv_n_microk_skylakex-4.c (the same in OpenBLAS 0.3.21 and the 0.3.28 tree; the AVX-512 CPU gets the SkylakeX build), per
 * row {@code i}:
 * <ul>
 * <li>{@code y} starts at +0.0 ({@code beta} is 0: {@code SCAL_K} writes zeros) and {@code alpha} is 1, so
 *     {@code y += sum * alpha} is {@code y + sum};</li>
 * <li>the rows of the batch but the last {@code m % 4} go through the vector kernels, one lane a row, whatever the
 *     blocks of 2048 rows ({@code NBMAX}) or 8 / 4 lanes: each group of four features adds
 *     {@code fma(a3, x3, fma(a2, x2, fma(a0, x0, a1 * x1)))} to {@code y} ({@code dgemv_kernel_4x4}, GCC
 *     contracting the C expression), two features left add {@code fma(a0, x0, a1 * x1)} ({@code dgemv_kernel_4x2}),
 *     one left adds {@code a0 * x0} unfused (the SSE2 {@code dgemv_kernel_4x1});</li>
 * <li>the last {@code m % 4} rows are summed in C, {@code temp = fma(a, x, temp)} feature after feature from 0, then
 *     {@code y += alpha * temp}; but a batch of exactly two or three rows ({@code lda == m % 4}) adds the features in
 *     pairs, {@code temp + fma(a0, x0, a1 * x1)}, over the first {@code n & -4}, then the rest fused one by one.</li>
 * </ul>
 * Here {@code a} is the row's feature and {@code x} the coefficient. Measured bit for bit against NumPy 1.24.2
 * (Debian's OpenBLAS 0.3.21) and 2.4.6 (its OpenBLAS 0.3.31) on random batches of 2 to 6,000 rows and 1 to 40
 * features with weights up to 1e9, and on the generated two-class LinearDiscriminantAnalysis models. On an
 * AVX2-only CPU (the Haswell build) the kernel differs and so may the last bits. A multi-threaded OpenBLAS splits
 * the rows among threads, each with its own last {@code m % 4}: the proof runs single-threaded, as DRUM's workers
 * are asked to.
 */
final class OpenBlasGemvN {

    private OpenBlasGemvN() {
    }

    /** {@code x @ vector} for a batch of {@code rows} rows {@code x[feature][row]} held in Fortran order. */
    static double[] rowsDot(double[][] x, double[] vector, int rows) {
        double[] y = new double[rows];
        int kernelRows = rows & -4;
        for (int row = 0; row < kernelRows; row++) {
            y[row] = kernel(x, vector, row);
        }
        boolean paired = rows == (rows & 3); // lda (the batch's rows) equals m % 4: a batch of 2 or 3
        for (int row = kernelRows; row < rows; row++) {
            y[row] = 0.0 + (paired ? pairedTail(x, vector, row) : tail(x, vector, row));
        }
        return y;
    }

    /** One lane of dgemv_kernel_4x4, then 4x2 and 4x1 for the features left over. */
    private static double kernel(double[][] x, double[] w, int row) {
        int features = w.length;
        double y = 0.0;
        int j = 0;
        for (; j + 4 <= features; j += 4) {
            y += Math.fma(x[j + 3][row], w[j + 3], Math.fma(x[j + 2][row], w[j + 2],
                    Math.fma(x[j][row], w[j], x[j + 1][row] * w[j + 1])));
        }
        if ((features & 2) != 0) {
            y += Math.fma(x[j][row], w[j], x[j + 1][row] * w[j + 1]);
            j += 2;
        }
        if ((features & 1) != 0) {
            y += x[j][row] * w[j];
        }
        return y;
    }

    /** The C loop of the last {@code m % 4} rows: {@code temp += a * x}, contracted. */
    private static double tail(double[][] x, double[] w, int row) {
        double temp = 0.0;
        for (int j = 0; j < w.length; j++) {
            temp = Math.fma(x[j][row], w[j], temp);
        }
        return temp;
    }

    /** The same when {@code lda == m % 4}: {@code temp += a0 * x0 + a1 * x1} over pairs while four features last. */
    private static double pairedTail(double[][] x, double[] w, int row) {
        int features = w.length;
        int paired = features & -4;
        double temp = 0.0;
        for (int j = 0; j < paired; j += 2) {
            temp += Math.fma(x[j][row], w[j], x[j + 1][row] * w[j + 1]);
        }
        for (int j = paired; j < features; j++) {
            temp = Math.fma(x[j][row], w[j], temp);
        }
        return temp;
    }
}
