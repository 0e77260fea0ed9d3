package dev.timpani.trees;

import java.util.Arrays;

/**
 * A GradientBoostingClassifier's or -Regressor's regression trees as flat primitive arrays, scored with
 * scikit-learn's {@code predict_stages} ({@code sklearn/ensemble/_gradient_boosting.pyx}, the same in 1.2.1, 1.6.1
 * and 1.9.1, {@code _predict_regression_tree_inplace_fast_dense}):
 * <ul>
 * <li>every row's raw prediction per output starts at the init estimator's raw value ({@link #init});</li>
 * <li>a row goes left when its float32 value (the {@code validate_data(dtype=np.float32)} cast) is {@code <=} the
 *     node's float64 threshold; there is no missing-value branch (the estimator refuses NaN before);</li>
 * <li>stage by stage, output by output, {@code out[i, k] += scale * value[node]}, {@code scale} being the learning
 *     rate: {@link #scaledValue} holds that product, computed once (the same IEEE multiplication, so the same
 *     double), and the additions keep the stage order per row and output.</li>
 * </ul>
 *
 * @param roots       first node of each tree, stage-major ({@code stage * perStage + k}, {@code estimators_.ravel()})
 * @param perStage    trees per stage: 1, or the class count of a multiclass model
 * @param init        the starting raw value per output
 * @param left        left child (absolute) per node, -1 at a leaf
 * @param right       right child (absolute) per node
 * @param feature     feature index per split node
 * @param threshold   split threshold per node
 * @param scaledValue {@code learning_rate * value} per node (only leaves are read)
 */
public record BoostedTrees(int[] roots, int perStage, double[] init, int[] left, int[] right, int[] feature,
                           double[] threshold, double[] scaledValue) {

    /** Raw predictions of a row-major float32 matrix ({@code rows x features}), {@code [output][row]}. */
    public double[][] rawPredict(float[] matrix, int rows, int features) {
        double[][] raw = new double[perStage][rows];
        for (int k = 0; k < perStage; k++) {
            Arrays.fill(raw[k], init[k]);
        }
        // Trees outer, rows inner: one tree's nodes stay in cache; each (row, output) still adds in stage order.
        for (int t = 0; t < roots.length; t++) {
            double[] output = raw[t % perStage];
            int root = roots[t];
            for (int row = 0, base = 0; row < rows; row++, base += features) {
                int node = root;
                while (left[node] >= 0) {
                    node = (double) matrix[base + feature[node]] <= threshold[node] ? left[node] : right[node];
                }
                output[row] += scaledValue[node];
            }
        }
        return raw;
    }
}
