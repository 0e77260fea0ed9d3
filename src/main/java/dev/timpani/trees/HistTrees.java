package dev.timpani.trees;

/**
 * HistGradientBoosting's predictors as flat primitive arrays, scored with scikit-learn's arithmetic
 * ({@code _hist_gradient_boosting/_predictor.pyx} and {@code gradient_boosting.py}, 1.2 to 1.9):
 * <ul>
 * <li>the raw float64 value (no float32 cast) goes left when it is {@code <=} the node's {@code num_threshold};
 *     a NaN goes where {@code missing_go_to_left} says; infinities simply compare;</li>
 * <li>each row's raw prediction per tree of an iteration starts at the baseline and adds its trees' leaf values
 *     in iteration order ({@code raw_predictions[:, k] += predict(X)}).</li>
 * </ul>
 * Categorical splits are not compiled: such a model is declined before it gets here.
 *
 * @param roots          first node of each tree, iteration-major ({@code iteration * perIteration + k})
 * @param perIteration   trees per iteration: 1, or the class count of a multiclass model
 * @param baseline       the starting raw value per output
 * @param feature        feature index per node
 * @param threshold      {@code num_threshold} per node
 * @param missingGoesLeft where a NaN goes, per node
 * @param left           left child (absolute), per node
 * @param right          right child (absolute), per node
 * @param leaf           whether the node is a leaf
 * @param value          a leaf's value
 */
public record HistTrees(int[] roots, int perIteration, double[] baseline, int[] feature, double[] threshold,
                 boolean[] missingGoesLeft, int[] left, int[] right, boolean[] leaf, double[] value) {

    /** Raw predictions of a row-major float64 matrix, {@code [output][row]}. */
    public double[][] rawPredict(double[] matrix, int rows, int features) {
        double[][] raw = new double[perIteration][rows];
        for (int k = 0; k < perIteration; k++) {
            java.util.Arrays.fill(raw[k], baseline[k]);
        }
        for (int t = 0; t < roots.length; t++) {
            double[] output = raw[t % perIteration];
            int root = roots[t];
            for (int row = 0, base = 0; row < rows; row++, base += features) {
                int node = root;
                while (!leaf[node]) {
                    double x = matrix[base + feature[node]];
                    node = x <= threshold[node] || x != x && missingGoesLeft[node] ? left[node] : right[node];
                }
                output[row] += value[node];
            }
        }
        return raw;
    }
}
