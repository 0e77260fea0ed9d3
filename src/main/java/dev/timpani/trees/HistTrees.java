package dev.timpani.trees;

/**
 * HistGradientBoosting's predictors as flat primitive arrays, scored with scikit-learn's arithmetic
 * ({@code _hist_gradient_boosting/_predictor.pyx} {@code _predict_one_from_raw_data} and
 * {@code gradient_boosting.py} {@code _raw_predict}, 1.2 to 1.9):
 * <ul>
 * <li>a NaN goes where the node's {@code missing_go_to_left} says, whatever the split;</li>
 * <li>at a numeric split the raw float64 value (no float32 cast) goes left when it is {@code <=} the node's
 *     {@code num_threshold}; infinities simply compare;</li>
 * <li>at a categorical split ({@link CategoricalSplits}) the value goes left when its category is in the node's
 *     left bitset, right when it is another category the model knows, else (a negative value, an unknown
 *     category) where a missing value goes;</li>
 * <li>each row's raw prediction per tree of an iteration starts at the baseline and adds its trees' leaf values
 *     in iteration order ({@code raw_predictions[:, k] += predict(X)}).</li>
 * </ul>
 *
 * @param roots          first node of each tree, iteration-major ({@code iteration * perIteration + k})
 * @param perIteration   trees per iteration: 1, or the class count of a multiclass model
 * @param baseline       the starting raw value per output
 * @param feature        feature index per node (a column of the matrix scored)
 * @param threshold      {@code num_threshold} per node
 * @param missingGoesLeft where a NaN goes, per node
 * @param left           left child (absolute), per node
 * @param right          right child (absolute), per node
 * @param leaf           whether the node is a leaf
 * @param value          a leaf's value
 * @param categorical    the categorical splits, null when no node splits on a category
 */
public record HistTrees(int[] roots, int perIteration, double[] baseline, int[] feature, double[] threshold,
                 boolean[] missingGoesLeft, int[] left, int[] right, boolean[] leaf, double[] value,
                 CategoricalSplits categorical) {

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
                output[row] += value[categorical == null ? leafOf(root, matrix, base) : leafWithCategories(root,
                        matrix, base)];
            }
        }
        return raw;
    }

    private int leafOf(int root, double[] matrix, int base) {
        int node = root;
        while (!leaf[node]) {
            double x = matrix[base + feature[node]];
            node = x <= threshold[node] || x != x && missingGoesLeft[node] ? left[node] : right[node];
        }
        return node;
    }

    /** {@code _predict_one_from_raw_data}: NaN first, then the categorical test, then the threshold. */
    private int leafWithCategories(int root, double[] matrix, int base) {
        int node = root;
        while (!leaf[node]) {
            double x = matrix[base + feature[node]];
            boolean goesLeft;
            if (x != x) {
                goesLeft = missingGoesLeft[node];
            } else if (categorical.splitsOnCategory(node)) {
                goesLeft = categorical.goesLeft(node, x, missingGoesLeft[node]);
            } else {
                goesLeft = x <= threshold[node];
            }
            node = goesLeft ? left[node] : right[node];
        }
        return node;
    }

    /**
     * The categorical splits of {@code _predictor.pyx} ({@code in_bitset_2d_memoryview} on 8 uint32 words, 256
     * categories): per node, where its {@code raw_left_cat_bitsets} row starts in {@link #words}, and where the
     * known categories of its feature ({@code _BinMapper.make_known_categories_bitsets}, read through
     * {@code f_idx_map}) start.
     *
     * @param leftBitset  per node, the first word of its left categories; -1 at a numeric split or a leaf
     * @param knownBitset per node, the first word of its feature's known categories (read at categorical splits)
     * @param words       every bitset, {@link #WORDS} words each, bit {@code c % 32} of word {@code c / 32} for
     *                    category {@code c}
     */
    public record CategoricalSplits(int[] leftBitset, int[] knownBitset, int[] words) {

        /** {@code BITSET_INNER_DTYPE_C[8]}: 8 uint32 words, categories 0 to 255. */
        public static final int WORDS = 8;

        boolean splitsOnCategory(int node) {
            return leftBitset[node] >= 0;
        }

        /** The categorical branch of {@code _predict_one_from_raw_data} for a value that is not NaN. */
        boolean goesLeft(int node, double x, boolean missingGoesLeft) {
            if (x < 0) {
                // "data_val is not in the accepted range, so it is treated as missing value" (-0.0 is category 0)
                return missingGoesLeft;
            }
            int category = category(x);
            if (contains(leftBitset[node], category)) {
                return true;
            }
            // An unknown category is treated as missing.
            return contains(knownBitset[node], category) ? false : missingGoesLeft;
        }

        /**
         * {@code <X_BINNED_DTYPE_C>data_val}: C's conversion of a non-negative double to {@code uint8_t}, which
         * truncates and, beyond 255, is undefined; scikit-learn's x86-64 builds convert through a 32-bit
         * {@code cvttsd2si} and keep the low byte, so 259.0 is category 3 and anything from 2^31 (infinity
         * included) category 0 (measured with scikit-learn 1.2.1: {@code HistGradientBoostingPickleTest}). Only 1.2 and 1.3 hand the
         * predictor raw values; from 1.4 an {@code OrdinalEncoder} gives it codes below 256 or NaN.
         */
        static int category(double x) {
            return x < 2147483648.0 ? (int) x & 0xFF : 0;
        }

        private boolean contains(int start, int category) {
            return (words[start + (category >>> 5)] >>> (category & 31) & 1) != 0;
        }
    }
}
