package dev.timpani.trees;

/**
 * Decision trees as flat primitive arrays, all trees of an ensemble end to end, scored a batch at a time with
 * scikit-learn's arithmetic (sklearn/tree/_tree.pyx, sklearn/ensemble/_forest.py, 1.2):
 * <ul>
 * <li>a row goes left when its value, cast to float32 as {@code check_array(dtype=DTYPE)} does, is
 *     {@code <=} the node's float64 threshold; a NaN (where the version takes one) goes where the node's
 *     {@code missing_go_to_left} says (1.3 and later, {@code _apply_dense});</li>
 * <li>each tree's leaf gives its output vector ({@link #leafOutputs}: a regressor's value, a classifier's class
 *     counts already divided by their NumPy sum, exactly as {@code predict_proba} divides them per row);</li>
 * <li>a forest adds its trees' outputs to zeros in estimator order and divides by the tree count; a single tree
 *     is its leaf's output.</li>
 * </ul>
 *
 * @param roots       first node of each tree in the arrays below
 * @param left        left child per node, -1 at a leaf
 * @param right       right child per node
 * @param feature     feature index per split node
 * @param threshold   split threshold per node
 * @param missingGoesLeft per node, where a NaN goes; null when the model takes no missing values (they are
 *                    refused before scoring)
 * @param leafOutputs {@code outputs} values per node (only leaves are read), node-major
 * @param outputs     values per row: 1 for a regressor, the class count for a classifier
 * @param averaged    whether this is a forest (sum then divide) rather than one tree
 */
public record TreeEnsemble(int[] roots, int[] left, int[] right, int[] feature, double[] threshold,
                    boolean[] missingGoesLeft, double[] leafOutputs, int outputs, boolean averaged) {

    public boolean takesMissing() {
        return missingGoesLeft != null;
    }

    /**
     * Scores a row-major float32 matrix ({@code rows x features}); returns {@code [output][row]}.
     * Trees are the outer loop so that one tree's nodes stay in cache across the batch, and each row's
     * accumulator still receives the trees in estimator order.
     */
    public double[][] predict(float[] matrix, int rows, int features) {
        double[][] result = new double[outputs][rows];
        for (int root : roots) {
            for (int row = 0, base = 0; row < rows; row++, base += features) {
                int node = root;
                while (left[node] >= 0) {
                    float value = matrix[base + feature[node]];
                    // NaN fails every comparison: only then is missingGoesLeft read (never null then).
                    node = (double) value <= threshold[node] || value != value && missingGoesLeft[node]
                            ? left[node] : right[node];
                }
                int at = node * outputs;
                if (averaged) {
                    for (int c = 0; c < outputs; c++) {
                        result[c][row] += leafOutputs[at + c];
                    }
                } else {
                    for (int c = 0; c < outputs; c++) {
                        result[c][row] = leafOutputs[at + c];
                    }
                }
            }
        }
        if (averaged) {
            double trees = roots.length;
            for (double[] column : result) {
                for (int row = 0; row < rows; row++) {
                    column[row] /= trees;
                }
            }
        }
        return result;
    }
}
