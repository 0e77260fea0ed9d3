package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import dev.timpani.trees.GlibcExp;
import dev.timpani.trees.NumpySum;

/**
 * The activations of scikit-learn's multi-layer perceptrons, applied in place to a whole layer
 * ({@code units[unit][row]}) as {@code ACTIVATIONS} in sklearn/neural_network/_base.py does (1.2.1, 1.6.1 and 1.9.1
 * alike for these five):
 * <ul>
 * <li>{@code identity}: nothing;</li>
 * <li>{@code logistic}: {@code scipy.special.expit(X, out=X)}, {@code 1 / (1 + exp(-x))} with libm's {@code exp}
 *     ({@link GlibcExp}: bit for bit, measured on 300,000 arguments under scipy 1.10.1 and 1.17.1);</li>
 * <li>{@code tanh}: {@code np.tanh(X, out=X)}, NumPy's own vectorised routine on AVX-512 CPUs, which differs from
 *     libm's (and {@link Math#tanh}) in the last bit on about one argument in seven: the proof's relative bound
 *     covers it;</li>
 * <li>{@code relu}: {@code np.maximum(X, 0, out=X)}, a NaN kept, -0.0 made +0.0;</li>
 * <li>{@code softmax} (a classifier's output over several classes): the row's {@code max} subtracted (a NaN
 *     anywhere makes it NaN), {@code np.exp}, then each divided by the row's {@code sum} (NumPy's pairwise sum,
 *     {@link NumpySum}). NumPy's {@code exp} is its own on AVX-512 CPUs and libm's elsewhere; glibc's is used here
 *     ({@link GlibcExp}), which is NumPy's answer on the CPUs without AVX-512 and within the proof's bound on the
 *     others.</li>
 * </ul>
 * {@code exp} (1.7+, a Poisson regressor's output) is not read: the generator draws no such model.
 */
enum NeuralActivation {
    IDENTITY,
    LOGISTIC,
    TANH,
    RELU,
    SOFTMAX;

    /** The activation {@code name} ({@code activation} or {@code out_activation_}); an unknown one declines. */
    static NeuralActivation named(Object name, String attribute) {
        if (name instanceof String text) {
            switch (text) {
                case "identity":
                    return IDENTITY;
                case "logistic":
                    return LOGISTIC;
                case "tanh":
                    return TANH;
                case "relu":
                    return RELU;
                case "softmax":
                    return SOFTMAX;
                default:
                    break;
            }
        }
        throw new ModelDeclinedException(attribute + " '" + name + "' is not compiled; the workers serve it");
    }

    /** Applies the activation to {@code units[unit][row]} in place. */
    void applyInPlace(double[][] units, int rows) {
        switch (this) {
            case IDENTITY -> {
            }
            case LOGISTIC -> {
                for (double[] unit : units) {
                    for (int row = 0; row < rows; row++) {
                        unit[row] = 1.0 / (1.0 + GlibcExp.exp(-unit[row]));
                    }
                }
            }
            case TANH -> {
                for (double[] unit : units) {
                    for (int row = 0; row < rows; row++) {
                        unit[row] = Math.tanh(unit[row]);
                    }
                }
            }
            case RELU -> {
                for (double[] unit : units) {
                    for (int row = 0; row < rows; row++) {
                        double value = unit[row];
                        // np.maximum keeps a NaN and makes -0.0 +0.0 (NumPy 1.24.2 and 2.4.6, measured)
                        unit[row] = value > 0.0 || value != value ? value : 0.0;
                    }
                }
            }
            case SOFTMAX -> softmax(units, rows);
        }
    }

    private static void softmax(double[][] units, int rows) {
        int classes = units.length;
        double[] row = new double[classes];
        for (int r = 0; r < rows; r++) {
            double max = units[0][r];
            for (int k = 1; k < classes; k++) {
                double value = units[k][r];
                max = max != max || value != value ? Double.NaN : Math.max(max, value);
            }
            for (int k = 0; k < classes; k++) {
                row[k] = GlibcExp.exp(units[k][r] - max);
            }
            double sum = NumpySum.of(row, 0, classes);
            for (int k = 0; k < classes; k++) {
                units[k][r] = row[k] / sum;
            }
        }
    }
}
