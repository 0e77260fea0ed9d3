package dev.timpani.loaders.pickle;

/**
 * OpenBLAS's {@code dgemv_t} on x86-64 with AVX2 / AVX-512 (kernel/x86_64/dgemv_t_4.c with
 * dgemv_t_microk_haswell-4.c, the kernels of Haswell, SkylakeX and later, OpenBLAS 0.3.21 and 0.3.31): what NumPy's
 * {@code matmul} calls for one row times a {@code coef_.T} of several columns, each output the dot product of one
 * row of {@code coef_} with the row. Its order of sums, per output {@code c} of {@code k}:
 * <ul>
 * <li>the first {@code m1 = features & -4} features by a kernel chosen by the output's place: outputs in the groups
 *     of four ({@code dgemv_kernel_4x4}) keep four lanes of fused multiply-adds (feature {@code j} in lane
 *     {@code j % 4}) and add them as {@code (l0 + l2) + (l1 + l3)}; two outputs left ({@code dgemv_kernel_4x2})
 *     keep two lanes of separate multiplies and adds, {@code l0 + l1}; one output left ({@code dgemv_kernel_4x1})
 *     four such lanes, {@code (l0 + l2) + (l1 + l3)};</li>
 * <li>the last {@code features & 3} in C, as GCC contracts it: {@code y = fma(a0, x0, y)} for one,
 *     {@code y + fma(a0, x0, a1 * x1)} for two, {@code y + fma(a2, x2, fma(a0, x0, a1 * x1))} for three.</li>
 * </ul>
 * Measured against NumPy 2.4.6 (OpenBLAS 0.3.31) and Debian's NumPy 1.24.2 (OpenBLAS 0.3.21) on every row of the
 * generated multiclass LinearDiscriminantAnalysis models, one row at a time: no difference in any bit.
 */
final class OpenBlasGemvT {

    private OpenBlasGemvT() {
    }

    /** {@code coef @ x} for the single row {@code x[feature][row]}. */
    static double[] dot(double[][] coef, double[][] x, int row) {
        int outputs = coef.length;
        double[] y = new double[outputs];
        for (int c = 0; c < outputs; c++) {
            y[c] = output(coef[c], x, row, c, outputs);
        }
        return y;
    }

    /**
     * {@code x @ vector} for a batch of {@code rows} rows {@code x[feature][row]}: NumPy's {@code matmul} of a matrix
     * by a one-column matrix (a multi-layer perceptron's layer of one unit), which calls {@code dgemv} with the
     * batch's rows as the outputs, each row's kernel chosen by its place in the batch.
     */
    static double[] rowsDot(double[][] x, double[] vector, int rows) {
        double[] y = new double[rows];
        for (int row = 0; row < rows; row++) {
            // a * x[j][row] is x[j][row] * a: the products, fused or not, are the same
            y[row] = output(vector, x, row, row, rows);
        }
        return y;
    }

    /** Output {@code c} of {@code outputs}: {@code a} dotted with {@code x[.][row]} by the kernel of its place. */
    private static double output(double[] a, double[][] x, int row, int c, int outputs) {
        int features = a.length;
        int tail = features & 3;
        int body = features - tail;
        int inFours = outputs & -4;
        double sum = 0.0;
        if (body > 0) {
            if (c < inFours) {
                sum = fusedLanes(a, x, row, body);
            } else if ((outputs & 2) != 0 && c < inFours + 2) {
                sum = twoLanes(a, x, row, body);
            } else {
                sum = fourLanes(a, x, row, body);
            }
        }
        return tail(a, x, row, body, tail, sum);
    }

    private static double fusedLanes(double[] a, double[][] x, int row, int body) {
        double l0 = 0.0;
        double l1 = 0.0;
        double l2 = 0.0;
        double l3 = 0.0;
        for (int j = 0; j < body; j += 4) {
            l0 = Math.fma(a[j], x[j][row], l0);
            l1 = Math.fma(a[j + 1], x[j + 1][row], l1);
            l2 = Math.fma(a[j + 2], x[j + 2][row], l2);
            l3 = Math.fma(a[j + 3], x[j + 3][row], l3);
        }
        return (l0 + l2) + (l1 + l3);
    }

    private static double twoLanes(double[] a, double[][] x, int row, int body) {
        double l0 = 0.0;
        double l1 = 0.0;
        for (int j = 0; j < body; j += 2) {
            l0 += a[j] * x[j][row];
            l1 += a[j + 1] * x[j + 1][row];
        }
        return l0 + l1;
    }

    private static double fourLanes(double[] a, double[][] x, int row, int body) {
        double l0 = 0.0;
        double l1 = 0.0;
        double l2 = 0.0;
        double l3 = 0.0;
        for (int j = 0; j < body; j += 4) {
            l0 += a[j] * x[j][row];
            l1 += a[j + 1] * x[j + 1][row];
            l2 += a[j + 2] * x[j + 2][row];
            l3 += a[j + 3] * x[j + 3][row];
        }
        return (l0 + l2) + (l1 + l3);
    }

    private static double tail(double[] a, double[][] x, int row, int from, int count, double y) {
        return switch (count) {
            case 0 -> y;
            case 1 -> Math.fma(a[from], x[from][row], y);
            case 2 -> y + Math.fma(a[from], x[from][row], a[from + 1] * x[from + 1][row]);
            default -> y + Math.fma(a[from + 2], x[from + 2][row],
                    Math.fma(a[from], x[from][row], a[from + 1] * x[from + 1][row]));
        };
    }
}
