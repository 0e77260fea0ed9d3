package dev.timpani.loaders.pickle;

/**
 * One layer of a multi-layer perceptron before its activation, {@code safe_sparse_dot(activation, coefs_[i])}
 * then {@code activation += intercepts_[i]} ({@code _forward_pass_fast}, sklearn/neural_network/
 * _multilayer_perceptron.py, 1.2.1 to 1.9.1), on the whole batch at once, in the order of the library that computes
 * the product:
 * <ul>
 * <li>a dense batch of two rows or more by a layer of two units or more: NumPy's {@code matmul} calls OpenBLAS's
 *     {@code dgemm}, whose micro-kernel keeps one accumulator per cell and adds the inputs to it in order with fused
 *     multiply-adds, while the inputs fit one block ({@link LinearScores#DGEMM_BLOCK}; see {@link LinearScores});</li>
 * <li>a dense batch of two rows or more by a layer of one unit (a regressor's or a binary classifier's output):
 *     {@code matmul} of a matrix by a one-column matrix is {@code dgemv}, each row summed as {@link OpenBlasGemvT}
 *     does for its place in the batch;</li>
 * <li>a sparse batch (a ColumnTransformer's sparse output) goes through scipy's {@code csr_matvec(s)}: left to right
 *     over the row's stored cells from 0, no fused multiply-add. The sum here adds the zero cells too, which changes
 *     nothing: the sum starts at +0.0 and the inputs are finite (refused otherwise), so a zero cell adds a zero
 *     that leaves any sum, +0.0 included, as it was;</li>
 * <li>a single row ({@code dgemv} of the other transposition, or {@code ddot}) and more inputs than one block: left
 *     to right, not OpenBLAS's order, within the proof's relative bound but for cancellation.</li>
 * </ul>
 * That order is OpenBLAS's for most layers, not all, measured against scikit-learn 1.2.1 (OpenBLAS 0.3.21) and 1.9.1
 * (OpenBLAS 0.3.31) on the generated networks: a layer of 3 units, or the last 2 units after 8, reads 16 inputs in
 * eight fused lanes instead, and a one-unit first layer over a Fortran-ordered batch (a DataFrame's) goes through
 * {@code dgemv_n}. Those stay within the proof's relative bound; with left-to-right sums instead, the rows whose
 * outputs cancel by 1e4 to 1e6 (inputs of ±1e300) were up to 1.5e-10 off (bench/exactness/README.md).
 *
 * @param weights   {@code coefs_[i]}, {@code inputs x outputs} in C order ({@code weights[input * outputs + output]})
 * @param intercept {@code intercepts_[i]}, one per output
 * @param inputs    the units of the layer below
 * @param sparse    whether the layer reads a sparse matrix (only the first can)
 */
record DenseLayer(double[] weights, double[] intercept, int inputs, boolean sparse) {

    /** Rows per block: a block of every input and output column stays in the CPU's cache while it is summed. */
    private static final int BLOCK = 512;

    DenseLayer {
        if (weights.length != inputs * intercept.length) {
            throw new IllegalArgumentException(weights.length + " weights for " + inputs + " inputs and "
                    + intercept.length + " outputs");
        }
    }

    int outputs() {
        return intercept.length;
    }

    /** {@code out[output][row]} from {@code in[input][row]}. */
    double[][] forward(double[][] in, int rows) {
        boolean blas = !sparse && rows >= 2 && inputs <= LinearScores.DGEMM_BLOCK;
        double[][] out;
        if (blas && outputs() == 1) {
            out = new double[][] {OpenBlasGemvT.rowsDot(in, weights, rows)};
        } else {
            out = sums(in, rows, blas);
        }
        for (int o = 0; o < out.length; o++) {
            double bias = intercept[o];
            double[] column = out[o];
            for (int row = 0; row < rows; row++) {
                column[row] += bias;
            }
        }
        return out;
    }

    /** Each row's sum over the inputs in order, fused ({@code dgemm}) or not, block by block over the batch. */
    private double[][] sums(double[][] in, int rows, boolean fused) {
        int outputs = outputs();
        double[][] out = new double[outputs][rows];
        for (int from = 0; from < rows; from += BLOCK) {
            int to = Math.min(rows, from + BLOCK);
            for (int o = 0; o < outputs; o++) {
                double[] sums = out[o];
                for (int i = 0; i < inputs; i++) {
                    double weight = weights[i * outputs + o];
                    double[] values = in[i];
                    if (fused) {
                        for (int row = from; row < to; row++) {
                            sums[row] = Math.fma(values[row], weight, sums[row]);
                        }
                    } else {
                        for (int row = from; row < to; row++) {
                            sums[row] += values[row] * weight;
                        }
                    }
                }
            }
        }
        return out;
    }
}
