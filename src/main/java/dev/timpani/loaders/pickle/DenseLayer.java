package dev.timpani.loaders.pickle;

/**
 * One layer of a multi-layer perceptron before its activation, {@code safe_sparse_dot(activation, coefs_[i])}
 * then {@code activation += intercepts_[i]} ({@code _forward_pass_fast}, sklearn/neural_network/
 * _multilayer_perceptron.py, 1.2.1 to 1.9.1), on the whole batch at once.
 * <ul>
 * <li>A dense input goes through BLAS ({@code dgemm}), whose blocking and FMAs depend on the batch: no order of the
 *     terms is the library's (bench/exactness/README.md), so they are summed left to right, in double, and the proof
 *     bounds the difference (1e-12 relative to the case's largest value).</li>
 * <li>A sparse input (a ColumnTransformer's sparse output) goes through scipy's {@code csr_matvecs}: left to right
 *     over the row's stored cells from 0. The sum here adds the zero cells too, which changes nothing: the sum
 *     starts at +0.0 and the inputs are finite (refused otherwise), so a zero cell adds a zero that leaves any sum,
 *     +0.0 included, as it was.</li>
 * </ul>
 *
 * @param weights   {@code coefs_[i]}, {@code inputs x outputs} in C order ({@code weights[input * outputs + output]})
 * @param intercept {@code intercepts_[i]}, one per output
 * @param inputs    the units of the layer below
 */
record DenseLayer(double[] weights, double[] intercept, int inputs) {

    DenseLayer {
        if (weights.length != inputs * intercept.length) {
            throw new IllegalArgumentException(weights.length + " weights for " + inputs + " inputs and "
                    + intercept.length + " outputs");
        }
    }

    int outputs() {
        return intercept.length;
    }

    /** Rows per block: a block of every input and output column stays in the CPU's cache while it is summed. */
    private static final int BLOCK = 512;

    /** {@code out[output][row]} from {@code in[input][row]}. */
    double[][] forward(double[][] in, int rows) {
        int outputs = outputs();
        double[][] out = new double[outputs][rows];
        for (int from = 0; from < rows; from += BLOCK) {
            int to = Math.min(rows, from + BLOCK);
            for (int o = 0; o < outputs; o++) {
                double[] sums = out[o];
                // input by input over the block: each row's sum still runs left to right over the inputs
                for (int i = 0; i < inputs; i++) {
                    double weight = weights[i * outputs + o];
                    double[] values = in[i];
                    for (int row = from; row < to; row++) {
                        sums[row] += values[row] * weight;
                    }
                }
                double bias = intercept[o];
                for (int row = from; row < to; row++) {
                    sums[row] += bias;
                }
            }
        }
        return out;
    }
}
