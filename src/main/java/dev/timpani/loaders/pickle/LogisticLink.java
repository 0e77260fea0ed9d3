package dev.timpani.loaders.pickle;

import dev.timpani.trees.GlibcExp;
import dev.timpani.trees.NumpySum;

/**
 * How {@code LogisticRegression.predict_proba} turns decision values into probabilities, as the version that wrote
 * the model decides (sklearn/linear_model/_logistic.py):
 * <ul>
 * <li>1.2.1 and 1.6.1: one-vs-rest ({@code _predict_proba_lr}) when {@code multi_class} is {@code ovr}, or
 *     {@code auto} (1.6: also {@code deprecated}) with two classes or the {@code liblinear} solver (1.2: also
 *     {@code newton-cholesky}); otherwise {@code softmax}, of {@code [-d, d]} for two classes;</li>
 * <li>1.9.1 ({@code multi_class} removed): {@code _predict_proba_lr} for two classes, {@code softmax} beyond.</li>
 * </ul>
 * {@code _predict_proba_lr} (sklearn/linear_model/_base.py): {@code expit} in place, then {@code [1 - p, p]} for
 * one column, or each row divided by its sum (1.9: a row summing to 0 becomes uniform). {@code softmax}
 * (sklearn/utils/extmath.py): subtract the row's max, {@code np.exp}, divide by the row's {@code np.sum}.
 * {@code expit}'s {@code exp} is glibc's, as SciPy's; softmax's is Java's, and NumPy's own vectorised {@code exp} may
 * differ from it in the last bit; the proof's tolerance covers it.
 */
enum LogisticLink {
    /** {@code expit(d)}, as {@code [1 - p, p]}. */
    BINARY_EXPIT,
    /** {@code softmax([-d, d])}. */
    BINARY_SOFTMAX,
    /** {@code expit} per class, each row divided by its sum; a zero sum gives NaN (0 / 0), as before 1.9. */
    OVR,
    /** {@code expit} per class, each row divided by its sum; a zero sum gives a uniform row (1.9). */
    OVR_UNIFORM_ON_ZERO,
    /** {@code softmax(d)}. */
    SOFTMAX;

    /** {@code probabilities[class][row]} from {@code scores[output][row]}. */
    double[][] probabilities(double[][] scores, int rows) {
        return switch (this) {
            case BINARY_EXPIT -> {
                double[] p = expit(scores[0], rows);
                double[] q = new double[rows];
                for (int row = 0; row < rows; row++) {
                    q[row] = 1 - p[row];
                }
                yield new double[][] {q, p};
            }
            case BINARY_SOFTMAX -> {
                double[] minus = new double[rows];
                for (int row = 0; row < rows; row++) {
                    minus[row] = -scores[0][row];
                }
                yield softmax(new double[][] {minus, scores[0]}, rows);
            }
            case OVR, OVR_UNIFORM_ON_ZERO -> ovr(scores, rows);
            case SOFTMAX -> softmax(scores, rows);
        };
    }

    /**
     * scipy.special.expit: {@code 1 / (1 + exp(-x))} with the C library's {@code exp}, glibc's ({@link GlibcExp}):
     * SciPy 1.10.1's and 1.17.1's expit equalled {@code 1.0 / (1.0 + math.exp(-x))} on 1,400,000 arguments in
     * [-709, 709] without one difference, where Java's {@code Math.exp} left a two-class LinearDiscriminantAnalysis
     * (whose decision values are BLAS's own bits) one ulp off on 17 of 102 models.
     */
    private static double[] expit(double[] d, int rows) {
        double[] p = new double[rows];
        for (int row = 0; row < rows; row++) {
            p[row] = 1.0 / (1.0 + GlibcExp.exp(-d[row]));
        }
        return p;
    }

    private double[][] ovr(double[][] scores, int rows) {
        int classes = scores.length;
        double[][] p = new double[classes][];
        for (int k = 0; k < classes; k++) {
            p[k] = expit(scores[k], rows);
        }
        double[] row = new double[classes];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < classes; k++) {
                row[k] = p[k][r];
            }
            double sum = NumpySum.of(row, 0, classes);
            if (sum == 0.0 && this == OVR_UNIFORM_ON_ZERO) {
                for (int k = 0; k < classes; k++) {
                    p[k][r] = 1.0 / classes;
                }
                continue;
            }
            for (int k = 0; k < classes; k++) {
                p[k][r] = p[k][r] / sum;
            }
        }
        return p;
    }

    private static double[][] softmax(double[][] scores, int rows) {
        int classes = scores.length;
        double[][] p = new double[classes][rows];
        double[] row = new double[classes];
        for (int r = 0; r < rows; r++) {
            // np.max: a NaN anywhere makes the maximum NaN
            double max = scores[0][r];
            for (int k = 1; k < classes; k++) {
                double value = scores[k][r];
                max = max != max || value != value ? Double.NaN : Math.max(max, value);
            }
            for (int k = 0; k < classes; k++) {
                row[k] = Math.exp(scores[k][r] - max);
            }
            double sum = NumpySum.of(row, 0, classes);
            for (int k = 0; k < classes; k++) {
                p[k][r] = row[k] / sum;
            }
        }
        return p;
    }
}
