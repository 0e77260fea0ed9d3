package dev.timpani.trees;

/**
 * An XGBoost gbtree booster as flat primitive arrays, scored with XGBoost's own arithmetic (1.7 to 3.4:
 * {@code src/predictor/cpu_predictor.cc}, {@code src/predictor/predict_fn.h}, {@code src/common/math.h}):
 * <ul>
 * <li>features are float32; a missing one (NaN) goes to the node's default child, any other value goes to
 *     {@code LeftChild() + !(fvalue < split_cond)} ({@code GetNextNode}): the right child is the left one plus
 *     one, which the reader checks, and an infinity simply compares;</li>
 * <li>each output group starts at its base margin and adds its trees' leaf values one tree at a time in tree
 *     order, in float32 ({@code out_preds[row * groups + gid] += leaf}); the tree outer loop here keeps that
 *     order per row;</li>
 * <li>then the objective's {@link Link} in float32.</li>
 * </ul>
 *
 * @param roots       first node of each tree in the node arrays
 * @param groupOf     output group of each tree ({@code tree_info})
 * @param baseMargin  the starting margin per group (base_score after the objective's ProbToMargin)
 * @param left        left child per node (absolute), -1 at a leaf; the right child is {@code left + 1}
 * @param feature     split feature per node
 * @param value       split condition per split node, leaf value per leaf (XGBoost keeps both in one field)
 * @param missingStep per node, where a missing value goes: 0 to the left child ({@code default_left}), 1 to the
 *                    right
 * @param link        the objective's prediction transform
 */
public record XGBoostTrees(int[] roots, int[] groupOf, float[] baseMargin, int[] left, int[] feature, float[] value,
                           int[] missingStep, Link link) {

    /** XGBoost's {@code PredTransform} of the objectives compiled. */
    public enum Link {
        /** reg:squarederror, binary:logitraw. */
        IDENTITY,
        /** reg:logistic, binary:logistic: {@code common::Sigmoid}. */
        SIGMOID,
        /** multi:softprob: {@code common::Softmax} per row. */
        SOFTMAX,
        /** multi:softmax: the index of the first largest margin ({@code common::FindMaxIndex}). */
        ARGMAX
    }

    public int groups() {
        return baseMargin.length;
    }

    /** Predictions per row: the class index alone for multi:softmax, else one per group. */
    public int outputs() {
        return link == Link.ARGMAX ? 1 : groups();
    }

    /**
     * Scores a row-major float32 matrix ({@code rows x features}, NaN = missing); returns {@code [output][row]},
     * each a float32 widened exactly.
     */
    public double[][] predict(float[] matrix, int rows, int features) {
        int groups = groups();
        float[] margins = margins(matrix, rows, features);
        double[][] out = new double[outputs()][rows];
        switch (link) {
            case IDENTITY -> copy(margins, out, rows, groups);
            case SIGMOID -> {
                for (int i = 0; i < margins.length; i++) {
                    margins[i] = sigmoid(margins[i]);
                }
                copy(margins, out, rows, groups);
            }
            case SOFTMAX -> {
                for (int row = 0; row < rows; row++) {
                    softmax(margins, row * groups, groups);
                }
                copy(margins, out, rows, groups);
            }
            case ARGMAX -> {
                for (int row = 0; row < rows; row++) {
                    out[0][row] = argmax(margins, row * groups, groups);
                }
            }
        }
        return out;
    }

    /** The untransformed margins, row-major {@code [row * groups + group]}. */
    float[] margins(float[] matrix, int rows, int features) {
        int groups = groups();
        float[] margins = new float[rows * groups];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(baseMargin, 0, margins, row * groups, groups);
        }
        for (int t = 0; t < roots.length; t++) {
            int root = roots[t];
            for (int row = 0, base = 0, at = groupOf[t]; row < rows; row++, base += features, at += groups) {
                int node = root;
                int child;
                while ((child = left[node]) >= 0) {
                    float x = matrix[base + feature[node]];
                    // Branch-free: NaN fails the comparison and takes the node's missing step instead.
                    int step = x < value[node] ? 0 : 1;
                    node = child + (x != x ? missingStep[node] : step);
                }
                margins[at] += value[node];
            }
        }
        return margins;
    }

    private static void copy(float[] margins, double[][] out, int rows, int groups) {
        for (int g = 0; g < groups; g++) {
            double[] column = out[g];
            for (int row = 0, at = g; row < rows; row++, at += groups) {
                column[row] = margins[at];
            }
        }
    }

    /** {@code kEps} is the double literal 1e-16 narrowed to float ({@code float constexpr kEps = 1e-16;}). */
    private static final float SIGMOID_EPS = (float) 1e-16;

    /**
     * {@code common::Sigmoid}: {@code x = std::min(-x, 88.7f); 1.0f / (expf(x) + 1.0f + kEps)}, all float32
     * (the same in 1.7, 2.1 and 3.x).
     */
    static float sigmoid(float margin) {
        float negated = -margin;
        float x = 88.7f < negated ? 88.7f : negated; // std::min(a, b) is (b < a) ? b : a
        float denom = GlibcFloatMath.expf(x) + 1.0f + SIGMOID_EPS;
        return 1.0f / denom;
    }

    /**
     * {@code common::Softmax}: the largest margin by {@code fmaxf}, {@code expf(v - max)} in float32 summed in a
     * double, then each divided by that sum narrowed to float.
     */
    static void softmax(float[] values, int from, int count) {
        float max = values[from];
        for (int i = from + 1; i < from + count; i++) {
            max = fmaxf(values[i], max);
        }
        double sum = 0.0f;
        for (int i = from; i < from + count; i++) {
            values[i] = GlibcFloatMath.expf(values[i] - max);
            sum += values[i];
        }
        float total = (float) sum;
        for (int i = from; i < from + count; i++) {
            values[i] /= total;
        }
    }

    /** C's {@code fmaxf}: a NaN argument loses to the other. */
    private static float fmaxf(float a, float b) {
        if (a != a) {
            return b;
        }
        if (b != b) {
            return a;
        }
        // The sign of a zero maximum cannot change expf(v - max).
        return a > b ? a : b;
    }

    /** {@code common::FindMaxIndex}: the first index whose value is strictly greater than all before it. */
    private static float argmax(float[] values, int from, int count) {
        int best = from;
        for (int i = from; i < from + count; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best - from;
    }
}
