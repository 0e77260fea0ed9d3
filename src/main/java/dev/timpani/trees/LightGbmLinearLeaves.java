package dev.timpani.trees;

/**
 * The linear models in the leaves of LightGBM's linear trees ({@code linear_tree=true}), scored as
 * {@code Tree::Predict} does for {@code is_linear_} (include/LightGBM/tree.h, 4.x): the leaf's {@code leaf_const},
 * then {@code leaf_coeff[i] * x[leaf_features[i]]} added one at a time in the order the model text lists them, in
 * double; a NaN in any of the leaf's features abandons the sum for the leaf's plain {@code leaf_value}
 * ({@code LeafOutput}). The row is the one the trees read (values within {@code kZeroThreshold} already 0.0), and
 * {@code leaf_features} are raw feature indices ({@code leaf_features_}, which {@code Tree::ToString} writes).
 *
 * @param linearTree per tree, whether it is linear ({@code is_linear=1})
 * @param constant   per leaf (every tree's leaves end to end, as {@code leafValue}), its {@code leaf_const}
 * @param start      per leaf, its first term in {@code feature} and {@code coefficient}
 * @param length     per leaf, its number of terms
 * @param feature    the terms' features
 * @param coefficient the terms' coefficients
 */
record LightGbmLinearLeaves(boolean[] linearTree, double[] constant, int[] start, int[] length, int[] feature,
                            double[] coefficient) {

    /** {@code Tree::Predict}'s linear branch for the leaf {@code leaf} of a row at {@code base} in {@code matrix}. */
    double output(int leaf, double[] matrix, int base, double leafValue) {
        double output = constant[leaf];
        for (int i = start[leaf], end = i + length[leaf]; i < end; i++) {
            double value = matrix[base + feature[i]];
            if (value != value) {
                return leafValue;
            }
            output += coefficient[i] * value;
        }
        return output;
    }
}
