package dev.timpani.loaders.pickle;

/**
 * Dot products in the order OpenBLAS's x86-64 kernels sum them, for the products NumPy hands to BLAS one vector at a
 * time (scikit-learn's own arithmetic goes through NumPy's {@code matmul} / {@code dot}, and those to BLAS through
 * scipy-openblas or Debian's OpenBLAS). The kernels below are the ones OpenBLAS picks at run time on the proving
 * machine's AVX-512 CPU (its SkylakeX build); each {@code a * b + c} that GCC contracts in their C parts is a fused
 * multiply-add here, and so is each {@code vfmadd231pd} of their assembly. On an AVX2-only CPU (Haswell's build)
 * {@code ddot} folds its 16 lanes in another order, and the last bits may differ, within the proof's bound.
 * <ul>
 * <li>{@link #ddot} (kernel/x86_64/ddot.c with ddot_microk_skylakex-2.c): blocks of 16 into four 4-lane
 *     accumulators, then the rest left to right; {@code cblas_ddot}, which NumPy calls for a vector by a vector and
 *     libsvm for every kernel value.</li>
 * <li>{@link #gemvTransposed} (kernel/x86_64/dgemv_t_4.c with dgemv_t_microk_haswell-4.c): one output of
 *     {@code dgemv_t}, which NumPy calls for a C-ordered matrix by a vector ({@code X @ w}). The columns of the
 *     matrix (the rows of {@code X}) go four at a time through a fused kernel, the two and the one left over through
 *     unfused SSE2 kernels, so the answer for a row depends on its place in the batch; the last {@code m % 4}
 *     features are added after, in C.</li>
 * </ul>
 * Measured on 1.2.1, 1.6.1 and 1.9.1 alike: with these every generated SVR model's linear, poly and rbf answers (1 to
 * 10 features), a linear SVR after a ColumnTransformer of 19 columns (213 rows; 179 with the Haswell kernel's
 * fold), and the StandardScaler / PCA / LinearRegression pipelines' answers on 95 % of rows are scikit-learn's bit
 * for bit.
 */
final class OpenBlasDot {

    /** dgemv_t_4.c's {@code NBMAX}: the features of a block. */
    private static final int BLOCK = 2048;

    private OpenBlasDot() {
    }

    /** {@code x . y} over the first {@code n} values, as OpenBLAS's {@code ddot}. */
    static double ddot(double[] x, double[] y, int n) {
        int blocked = n & -16;
        double dot = blocked > 0 ? blocks(x, y, blocked) : 0.0;
        for (int i = blocked; i < n; i++) {
            dot = Math.fma(y[i], x[i], dot);
        }
        return dot;
    }

    /**
     * ddot_kernel_8 of the SkylakeX build: blocks of 16 into four 4-lane accumulators, fused; lane by lane
     * {@code ((a0 + a1) + a2) + a3}, then {@code (s0 + s2) + (s1 + s3)}. From 32 values the AVX-512 part first keeps
     * four 8-lane accumulators over blocks of 32 and folds each into 4 lanes (as read, not measured).
     */
    private static double blocks(double[] x, double[] y, int n) {
        double[][] lanes = new double[4][4];
        int i = 0;
        int wide = n & ~31;
        if (wide > 0) {
            double[][] eight = new double[4][8];
            for (; i < wide; i += 32) {
                for (int r = 0; r < 4; r++) {
                    for (int l = 0; l < 8; l++) {
                        eight[r][l] = Math.fma(x[i + 8 * r + l], y[i + 8 * r + l], eight[r][l]);
                    }
                }
            }
            for (int r = 0; r < 4; r++) {
                for (int l = 0; l < 4; l++) {
                    lanes[r][l] = eight[r][l] + eight[r][l + 4];
                }
            }
        }
        for (; i < n; i += 16) {
            for (int r = 0; r < 4; r++) {
                for (int l = 0; l < 4; l++) {
                    lanes[r][l] = Math.fma(x[i + 4 * r + l], y[i + 4 * r + l], lanes[r][l]);
                }
            }
        }
        double[] sum = new double[4];
        for (int l = 0; l < 4; l++) {
            sum[l] = ((lanes[0][l] + lanes[1][l]) + lanes[2][l]) + lanes[3][l];
        }
        return (sum[0] + sum[2]) + (sum[1] + sum[3]);
    }

    /**
     * One cell of {@code dgemm}'s product: OpenBLAS's x86-64 kernels (the small-matrix ones and the packed ones alike)
     * keep one accumulator per cell and add the products along the shared dimension in order, fused.
     */
    static double fusedLeftToRight(double[] x, double[] y, int n) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum = Math.fma(x[i], y[i], sum);
        }
        return sum;
    }

    /**
     * {@code y[position]} of {@code y = A^T x} as {@code dgemv_t} computes it, {@code A} having {@code count} columns
     * of {@code m} values ({@code a} the column at {@code position}), alpha 1 and beta 0.
     */
    static double gemvTransposed(double[] a, double[] x, int m, int position, int count) {
        int tail = m & 3;
        int fourColumns = count & -4;
        double y = 0.0;
        // The blocks of features: NBMAX at a time while they last, then what is left of a multiple of 4.
        int remaining = m & -4;
        int rest = (m & (BLOCK - 1)) - tail;
        int width = BLOCK;
        int offset = 0;
        while (width == BLOCK) {
            remaining -= width;
            if (remaining < 0) {
                if (rest == 0) {
                    break;
                }
                width = rest;
            }
            double block;
            if (position < fourColumns) {
                block = fused(a, x, offset, width);
            } else if ((count & 2) != 0 && position < fourColumns + 2) {
                block = pairs(a, x, offset, width);
            } else {
                block = single(a, x, offset, width);
            }
            y = y + block;
            offset += width;
        }
        int f = m - tail;
        // y[j] += a0 * x0 + a1 * x1 + a2 * x2, with GCC's contraction: fma(a2, x2, fma(a0, x0, a1 * x1)).
        return switch (tail) {
            case 3 -> y + Math.fma(a[f + 2], x[f + 2], Math.fma(a[f], x[f], a[f + 1] * x[f + 1]));
            case 2 -> y + Math.fma(a[f], x[f], a[f + 1] * x[f + 1]);
            case 1 -> Math.fma(a[f], x[f], y);
            default -> y;
        };
    }

    /** dgemv_kernel_4x4 (Haswell): four lanes of fused multiply-adds, then (l0 + l2) + (l1 + l3). */
    private static double fused(double[] a, double[] x, int offset, int width) {
        double l0 = 0.0;
        double l1 = 0.0;
        double l2 = 0.0;
        double l3 = 0.0;
        for (int i = offset; i < offset + width; i += 4) {
            l0 = Math.fma(a[i], x[i], l0);
            l1 = Math.fma(a[i + 1], x[i + 1], l1);
            l2 = Math.fma(a[i + 2], x[i + 2], l2);
            l3 = Math.fma(a[i + 3], x[i + 3], l3);
        }
        return (l0 + l2) + (l1 + l3);
    }

    /** dgemv_kernel_4x2 (SSE2): even and odd products summed apart, then added. */
    private static double pairs(double[] a, double[] x, int offset, int width) {
        double even = 0.0;
        double odd = 0.0;
        for (int i = offset; i < offset + width; i += 2) {
            even = even + a[i] * x[i];
            odd = odd + a[i + 1] * x[i + 1];
        }
        return even + odd;
    }

    /** dgemv_kernel_4x1 (SSE2): two pairs of accumulators, one per half of each group of four, then folded. */
    private static double single(double[] a, double[] x, int offset, int width) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int i = offset; i < offset + width; i += 4) {
            s0 = s0 + a[i] * x[i];
            s1 = s1 + a[i + 1] * x[i + 1];
            s2 = s2 + a[i + 2] * x[i + 2];
            s3 = s3 + a[i + 3] * x[i + 3];
        }
        return (s0 + s2) + (s1 + s3);
    }
}
