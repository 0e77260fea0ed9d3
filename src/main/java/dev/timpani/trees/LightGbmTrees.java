package dev.timpani.trees;

import java.util.List;
import java.util.Map;

/**
 * A LightGBM booster as flat primitive arrays, scored a batch at a time with LightGBM's own arithmetic (4.x):
 * <ul>
 * <li>the input row as {@code LGBM_BoosterPredictForMat} hands it on (src/c_api.cpp,
 *     {@code RowPairFunctionFromDenseMatrix}): a float64 value with {@code |x| <= kZeroThreshold} (1e-35f, meta.h)
 *     is left out of the row and so reads as 0.0, as do -0.0 and subnormals; NaN stays;</li>
 * <li>{@code Tree::NumericalDecision} (include/LightGBM/tree.h): with missing type None or Zero a NaN becomes 0.0;
 *     missing type Zero sends a value in [-kZeroThreshold, kZeroThreshold], NaN sends a NaN, the way the
 *     {@code decision_type}'s default-left bit says; otherwise left when {@code fval <= threshold} in double;</li>
 * <li>{@code Tree::CategoricalDecision}: NaN, and a value whose {@code static_cast<int>} is negative, go right;
 *     otherwise left when that integer's bit is set in the node's {@code cat_threshold} words
 *     ({@code Common::FindInBitset}); a tree without categorical splits ({@code num_cat=0}) decides every node
 *     numerically ({@code Tree::GetLeaf});</li>
 * <li>a linear tree ({@code is_linear=1}) answers its leaf's linear model ({@link LightGbmLinearLeaves}), a tree of
 *     one leaf included;</li>
 * <li>{@code GBDT::PredictRaw} (src/boosting/gbdt_prediction.cpp): per class, the leaf values of its trees added
 *     to 0.0 in iteration order, in double; {@code average_output} (random forest) then divides by the iteration
 *     count; then the objective's {@code ConvertOutput} ({@link LightGbmObjective}).</li>
 * </ul>
 *
 * @param roots        per tree, its root node, or {@code ~leaf} for a tree of one leaf
 * @param perIteration trees per iteration: 1, or the class count of a multiclass model
 * @param features     {@code max_feature_idx + 1}: the columns a row must have
 * @param averaged     whether the sums are divided by the iteration count ({@code average_output})
 * @param objective    the output transform
 * @param featureNames the names the model text records (spaces replaced by LightGBM)
 * @param feature      per node, the feature it splits on
 * @param threshold    per node, the numerical threshold
 * @param decision     per node, one of the {@code DECIDE_*} rules
 * @param left         per node, the left child: a node, or {@code ~leaf}
 * @param right        per node, the right child
 * @param catStart     per categorical node, its first word in {@code catWords}
 * @param catLength    per categorical node, its number of words
 * @param catWords     the categorical bitsets, 32 categories a word
 * @param leafValue    every tree's leaf values, end to end
 * @param linear       the linear trees' leaf models (no tree linear in a model without them)
 */
public record LightGbmTrees(int[] roots, int perIteration, int features, boolean averaged,
                            LightGbmObjective objective, List<String> featureNames, int[] feature, double[] threshold,
                            byte[] decision, int[] left, int[] right, int[] catStart, int[] catLength, int[] catWords,
                            double[] leafValue, LightGbmLinearLeaves linear) {

    /** meta.h: {@code const double kZeroThreshold = 1e-35f;} — the float literal, widened. */
    static final double ZERO_THRESHOLD = 1e-35f;

    static final byte NUMERIC_NONE = 0;
    static final byte NUMERIC_ZERO_LEFT = 1;
    static final byte NUMERIC_ZERO_RIGHT = 2;
    static final byte NUMERIC_NAN_LEFT = 3;
    static final byte NUMERIC_NAN_RIGHT = 4;
    static final byte CATEGORICAL = 5;

    public int iterations() {
        return roots.length / perIteration;
    }

    /**
     * The model {@code predict} uses when asked for its first {@code count} iterations ({@code num_iteration}, as
     * {@code Booster.predict} passes {@code best_iteration}): {@code GBDT::InitPredict} (src/boosting/gbdt.h) scores
     * the trees of iterations {@code [0, min(count, iterations))}, and {@code average_output} divides by that count;
     * {@code count <= 0} means all.
     */
    public LightGbmTrees firstIterations(int count) {
        if (count <= 0 || count >= iterations()) {
            return this;
        }
        return new LightGbmTrees(java.util.Arrays.copyOf(roots, count * perIteration), perIteration, features,
                averaged, objective, featureNames, feature, threshold, decision, left, right, catStart, catLength,
                catWords, leafValue, linear);
    }

    /**
     * Predictions of {@code rows} rows given as one float64 array per feature (NaN where missing), in the model's
     * feature order; returns {@code [output][row]}: one output, or one per class.
     */
    public double[][] predict(double[][] columns, int rows) {
        double[] matrix = new double[rows * features];
        for (int f = 0; f < features; f++) {
            double[] column = columns[f];
            for (int row = 0, cell = f; row < rows; row++, cell += features) {
                double value = column[row];
                // RowPairFunctionFromDenseMatrix keeps only fabs(x) > kZeroThreshold or NaN; the rest reads as 0.0.
                matrix[cell] = Math.abs(value) > ZERO_THRESHOLD || value != value ? value : 0.0;
            }
        }
        double[][] output = new double[perIteration][rows];
        for (int t = 0; t < roots.length; t++) {
            double[] sums = output[t % perIteration];
            int root = roots[t];
            boolean linearTree = linear.linearTree()[t];
            for (int row = 0, base = 0; row < rows; row++, base += features) {
                int node = root;
                while (node >= 0) {
                    node = next(node, matrix[base + feature[node]]);
                }
                int leaf = ~node;
                sums[row] += linearTree ? linear.output(leaf, matrix, base, leafValue[leaf]) : leafValue[leaf];
            }
        }
        if (averaged) {
            int iterations = iterations();
            for (double[] sums : output) {
                for (int row = 0; row < rows; row++) {
                    sums[row] /= iterations;
                }
            }
        }
        for (int row = 0; row < rows; row++) {
            objective.convert(output, row);
        }
        return output;
    }

    private int next(int node, double value) {
        switch (decision[node]) {
            case CATEGORICAL -> {
                if (value != value) {
                    return right[node];
                }
                int category = (int) value; // C++'s static_cast<int> truncates too; beyond int range both go right
                if (category < 0) {
                    return right[node];
                }
                int word = category >>> 5;
                return word < catLength[node] && (catWords[catStart[node] + word] >>> (category & 31) & 1) != 0
                        ? left[node] : right[node];
            }
            case NUMERIC_ZERO_LEFT, NUMERIC_ZERO_RIGHT -> {
                double x = value != value ? 0.0 : value;
                if (x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) {
                    return decision[node] == NUMERIC_ZERO_LEFT ? left[node] : right[node];
                }
                return x <= threshold[node] ? left[node] : right[node];
            }
            case NUMERIC_NAN_LEFT, NUMERIC_NAN_RIGHT -> {
                if (value != value) {
                    return decision[node] == NUMERIC_NAN_LEFT ? left[node] : right[node];
                }
                return value <= threshold[node] ? left[node] : right[node];
            }
            default -> {
                double x = value != value ? 0.0 : value;
                return x <= threshold[node] ? left[node] : right[node];
            }
        }
    }

    /** Flattens the trees' text fields; see {@link LightGbmModelText}. */
    static final class Builder {

        private static final int CATEGORICAL_MASK = 1;
        private static final int DEFAULT_LEFT_MASK = 2;

        private Builder() {
        }

        static LightGbmTrees build(List<Map<String, String>> trees, int perIteration, int features, boolean averaged,
                                   LightGbmObjective objective, List<String> names) {
            int nodes = 0;
            int leaves = 0;
            int words = 0;
            int terms = 0;
            for (Map<String, String> tree : trees) {
                int treeLeaves = integer(tree, "num_leaves");
                if (treeLeaves < 1) {
                    throw new LightGbmUnsupportedException("a LightGBM tree has " + treeLeaves + " leaves");
                }
                leaves += treeLeaves;
                nodes += treeLeaves - 1;
                if (isLinear(tree)) {
                    for (int count : ints(tree, "num_features", treeLeaves)) {
                        terms += count;
                    }
                }
                if (treeLeaves > 1 && integer(tree, "num_cat") > 0) {
                    int[] boundaries = ints(tree, "cat_boundaries", integer(tree, "num_cat") + 1);
                    words += boundaries[boundaries.length - 1];
                }
            }
            int[] roots = new int[trees.size()];
            int[] feature = new int[nodes];
            double[] threshold = new double[nodes];
            byte[] decision = new byte[nodes];
            int[] left = new int[nodes];
            int[] right = new int[nodes];
            int[] catStart = new int[nodes];
            int[] catLength = new int[nodes];
            int[] catWords = new int[words];
            double[] leafValue = new double[leaves];
            boolean[] linearTree = new boolean[trees.size()];
            double[] leafConst = new double[leaves];
            int[] termStart = new int[leaves];
            int[] termLength = new int[leaves];
            int[] termFeature = new int[terms];
            double[] termCoefficient = new double[terms];
            int nodeOffset = 0;
            int leafOffset = 0;
            int wordOffset = 0;
            int termOffset = 0;
            for (int t = 0; t < trees.size(); t++) {
                Map<String, String> tree = trees.get(t);
                int treeLeaves = integer(tree, "num_leaves");
                double[] values = doubles(tree, "leaf_value", treeLeaves);
                System.arraycopy(values, 0, leafValue, leafOffset, treeLeaves);
                if (isLinear(tree)) {
                    linearTree[t] = true;
                    termOffset = linearLeaves(tree, treeLeaves, features, leafOffset, termOffset, leafConst, termStart,
                            termLength, termFeature, termCoefficient);
                }
                if (treeLeaves == 1) {
                    roots[t] = ~leafOffset; // Tree::Predict: num_leaves_ <= 1 answers leaf_value_[0]
                    leafOffset += 1;
                    continue;
                }
                int splits = treeLeaves - 1;
                int numCat = integer(tree, "num_cat");
                int[] splitFeature = ints(tree, "split_feature", splits);
                double[] thresholds = doubles(tree, "threshold", splits);
                int[] decisionType = tree.containsKey("decision_type") ? ints(tree, "decision_type", splits)
                        : new int[splits];
                int[] lefts = ints(tree, "left_child", splits);
                int[] rights = ints(tree, "right_child", splits);
                int[] boundaries = numCat > 0 ? ints(tree, "cat_boundaries", numCat + 1) : new int[0];
                int[] bitsets = numCat > 0 ? unsignedInts(tree, "cat_threshold", boundaries[numCat]) : new int[0];
                System.arraycopy(bitsets, 0, catWords, wordOffset, bitsets.length);
                roots[t] = nodeOffset;
                for (int n = 0; n < splits; n++) {
                    int at = nodeOffset + n;
                    if (splitFeature[n] < 0 || splitFeature[n] >= features) {
                        throw new LightGbmUnsupportedException("a LightGBM tree splits on feature " + splitFeature[n]
                                + " of " + features);
                    }
                    feature[at] = splitFeature[n];
                    threshold[at] = thresholds[n];
                    left[at] = child(lefts[n], nodeOffset, leafOffset, splits, treeLeaves);
                    right[at] = child(rights[n], nodeOffset, leafOffset, splits, treeLeaves);
                    int type = decisionType[n];
                    if ((type & CATEGORICAL_MASK) != 0 && numCat > 0) {
                        int index = (int) thresholds[n];
                        if (index < 0 || index >= numCat || index != thresholds[n]) {
                            throw new LightGbmUnsupportedException("a LightGBM categorical split names bitset "
                                    + thresholds[n] + " of " + numCat);
                        }
                        decision[at] = CATEGORICAL;
                        catStart[at] = wordOffset + boundaries[index];
                        catLength[at] = boundaries[index + 1] - boundaries[index];
                    } else {
                        decision[at] = numeric(type);
                    }
                }
                nodeOffset += splits;
                leafOffset += treeLeaves;
                wordOffset += bitsets.length;
            }
            return new LightGbmTrees(roots, perIteration, features, averaged, objective, List.copyOf(names), feature,
                    threshold, decision, left, right, catStart, catLength, catWords, leafValue,
                    new LightGbmLinearLeaves(linearTree, leafConst, termStart, termLength, termFeature,
                            termCoefficient));
        }

        /** {@code is_linear=1}; absent or 0 is a plain tree ({@code Tree::Tree(const char*, size_t*)}). */
        private static boolean isLinear(Map<String, String> tree) {
            String value = tree.getOrDefault("is_linear", "0").strip();
            if (!value.equals("0") && !value.equals("1")) {
                throw new LightGbmUnsupportedException("a LightGBM tree has is_linear=" + value);
            }
            return value.equals("1");
        }

        /**
         * A linear tree's {@code leaf_const} (one per leaf), {@code num_features} (terms per leaf), and the leaves'
         * {@code leaf_features} and {@code leaf_coeff} end to end (space-separated, empty tokens skipped as
         * {@code Common::Split} does); returns the next free term.
         */
        private static int linearLeaves(Map<String, String> tree, int treeLeaves, int features, int leafOffset,
                                        int termOffset, double[] leafConst, int[] termStart, int[] termLength,
                                        int[] termFeature, double[] termCoefficient) {
            double[] constants = doubles(tree, "leaf_const", treeLeaves);
            int[] counts = ints(tree, "num_features", treeLeaves);
            int total = 0;
            for (int count : counts) {
                if (count < 0) {
                    throw new LightGbmUnsupportedException("a LightGBM linear leaf has " + count + " features");
                }
                total += count;
            }
            int[] leafFeatures = total == 0 ? new int[0] : ints(tree, "leaf_features", total);
            double[] coefficients = total == 0 ? new double[0] : doubles(tree, "leaf_coeff", total);
            for (int f : leafFeatures) {
                if (f < 0 || f >= features) {
                    throw new LightGbmUnsupportedException("a LightGBM linear leaf reads feature " + f + " of "
                            + features);
                }
            }
            System.arraycopy(constants, 0, leafConst, leafOffset, treeLeaves);
            System.arraycopy(leafFeatures, 0, termFeature, termOffset, total);
            System.arraycopy(coefficients, 0, termCoefficient, termOffset, total);
            for (int leaf = 0, at = termOffset; leaf < treeLeaves; leaf++) {
                termStart[leafOffset + leaf] = at;
                termLength[leafOffset + leaf] = counts[leaf];
                at += counts[leaf];
            }
            return termOffset + total;
        }

        /** tree.h: missing type in bits 2-3 (0 None, 1 Zero, 2 NaN), default-left in bit 1. */
        private static byte numeric(int type) {
            int missing = (type >> 2) & 3;
            boolean defaultLeft = (type & DEFAULT_LEFT_MASK) != 0;
            return switch (missing) {
                case 0 -> NUMERIC_NONE;
                case 1 -> defaultLeft ? NUMERIC_ZERO_LEFT : NUMERIC_ZERO_RIGHT;
                case 2 -> defaultLeft ? NUMERIC_NAN_LEFT : NUMERIC_NAN_RIGHT;
                default -> throw new LightGbmUnsupportedException("a LightGBM split has the unknown missing type "
                        + missing);
            };
        }

        private static int child(int child, int nodeOffset, int leafOffset, int splits, int leaves) {
            if (child >= 0) {
                if (child >= splits) {
                    throw new LightGbmUnsupportedException("a LightGBM tree points at node " + child + " of " + splits);
                }
                return nodeOffset + child;
            }
            int leaf = ~child;
            if (leaf >= leaves) {
                throw new LightGbmUnsupportedException("a LightGBM tree points at leaf " + leaf + " of " + leaves);
            }
            return ~(leafOffset + leaf);
        }

        private static int integer(Map<String, String> tree, String key) {
            String value = tree.get(key);
            if (value == null) {
                throw new LightGbmUnsupportedException("a LightGBM tree has no " + key);
            }
            return Integer.parseInt(value.strip());
        }

        private static String[] tokens(Map<String, String> tree, String key, int count) {
            String value = tree.get(key);
            if (value == null) {
                throw new LightGbmUnsupportedException("a LightGBM tree has no " + key);
            }
            String[] tokens = value.isBlank() ? new String[0] : value.strip().split(" +");
            if (tokens.length != count) {
                throw new LightGbmUnsupportedException("a LightGBM tree's " + key + " has " + tokens.length
                        + " values for " + count);
            }
            return tokens;
        }

        private static int[] ints(Map<String, String> tree, String key, int count) {
            String[] tokens = tokens(tree, key, count);
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                values[i] = Integer.parseInt(tokens[i]);
            }
            return values;
        }

        /** {@code cat_threshold}: uint32 words. */
        private static int[] unsignedInts(Map<String, String> tree, String key, int count) {
            String[] tokens = tokens(tree, key, count);
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                values[i] = Integer.parseUnsignedInt(tokens[i]);
            }
            return values;
        }

        /**
         * Written with 17 significant digits ({@code %.17g}) and read back correctly rounded
         * ({@code fast_double_parser}); {@code Double.parseDouble} rounds correctly too. Infinities as C++ prints
         * them.
         */
        private static double[] doubles(Map<String, String> tree, String key, int count) {
            String[] tokens = tokens(tree, key, count);
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = switch (tokens[i]) {
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> {
                        if (!tokens[i].matches("-?[0-9.]+(e[-+]?[0-9]+)?")) {
                            throw new LightGbmUnsupportedException("a LightGBM tree's " + key + " holds '" + tokens[i]
                                    + "'");
                        }
                        yield Double.parseDouble(tokens[i]);
                    }
                };
            }
            return values;
        }
    }
}
