package dev.timpani.loaders.pickle;

import dev.timpani.model.RawPredictions;
import java.util.List;
import java.util.Optional;

/**
 * {@code MLPRegressor.predict} and {@code MLPClassifier.predict_proba} from the fitted layers
 * (sklearn/neural_network/_multilayer_perceptron.py, 1.2.1, 1.6.1 and 1.9.1): {@code _forward_pass_fast} layer by
 * layer on the whole batch ({@link DenseLayer}), the hidden activation after every layer but the last and the output
 * activation after it ({@link NeuralActivation}); NaN and infinities refused first, as {@code validate_data} does.
 * <ul>
 * <li>a regressor of one target: {@code y_pred.ravel()}, one column;</li>
 * <li>a binary classifier: its one logistic column {@code p} as {@code np.vstack([1 - y_pred, y_pred]).T}, the
 *     columns of {@code classes_[0]} and {@code classes_[1]};</li>
 * <li>a multiclass classifier: the softmax columns, in {@code classes_} order.</li>
 * </ul>
 *
 * @param layers    {@code coefs_} and {@code intercepts_}, input layer first
 * @param hidden    {@code activation}
 * @param output    {@code out_activation_}
 * @param classes   {@code classes_} of a classifier
 * @param estimator the estimator's class name, for the library's refusal
 */
record MultilayerPerceptron(List<DenseLayer> layers, NeuralActivation hidden, NeuralActivation output,
                            Optional<List<String>> classes, String estimator) implements FinalEstimator {

    MultilayerPerceptron {
        layers = List.copyOf(layers);
    }

    @Override
    public int features() {
        return layers.get(0).inputs();
    }

    @Override
    public RawPredictions predict(double[][] x, int rows) {
        Float64Inputs.refuseNotFinite(x, rows, estimator);
        double[][] activation = x;
        int last = layers.size() - 1;
        for (int i = 0; i <= last; i++) {
            activation = layers.get(i).forward(activation, rows);
            (i == last ? output : hidden).applyInPlace(activation, rows);
        }
        if (classes.isEmpty()) {
            return RawPredictions.positional(activation);
        }
        if (activation.length == 1) {
            double[] positive = activation[0];
            double[] negative = new double[rows];
            for (int row = 0; row < rows; row++) {
                negative[row] = 1 - positive[row];
            }
            return RawPredictions.labelled(new double[][] {negative, positive}, classes.get());
        }
        return RawPredictions.labelled(activation, classes.get());
    }

    @Override
    public String evaluator() {
        return "the compiled float64 evaluator";
    }
}
