package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.razorvine.pickle.objects.ClassDict;
import numpy.DType;
import org.dmg.pmml.DataType;
import org.jpmml.python.HasArray;

/**
 * Reads a fitted {@code MLPClassifier} or {@code MLPRegressor} ({@link MultilayerPerceptron}) from its unpickled
 * attributes: {@code coefs_}, {@code intercepts_}, {@code activation}, {@code out_activation_}, {@code n_outputs_}
 * and a classifier's {@code classes_} (set from {@code _label_binarizer.classes_} in {@code _validate_input}). What
 * the evaluator would have to guess is declined, the Python workers serving it: a multilabel classifier, a regressor
 * of several targets (DRUM's regression answer is one column), a Poisson regressor's {@code exp} output, and
 * weights other than float64 (a model fitted on float32 rows, which the generator never makes).
 */
final class MultilayerPerceptrons {

    static final String CLASSIFIER = "sklearn.neural_network._multilayer_perceptron.MLPClassifier";
    static final String REGRESSOR = "sklearn.neural_network._multilayer_perceptron.MLPRegressor";

    private MultilayerPerceptrons() {
    }

    static boolean reads(String className) {
        return className.equals(CLASSIFIER) || className.equals(REGRESSOR);
    }

    /** @param sparse whether it reads a ColumnTransformer's sparse output */
    static MultilayerPerceptron read(ClassDict estimator, boolean sparse) {
        String className = estimator.getClassName();
        String name = className.substring(className.lastIndexOf('.') + 1);
        List<Object> coefs = PickledArrays.list(estimator, "coefs_");
        List<Object> intercepts = PickledArrays.list(estimator, "intercepts_");
        if (coefs.isEmpty() || coefs.size() != intercepts.size()) {
            throw new ModelDeclinedException(name + " has " + coefs.size() + " coefs_ and " + intercepts.size()
                    + " intercepts_");
        }
        if (estimator.get("n_layers_") instanceof Number layers && layers.intValue() != coefs.size() + 1) {
            throw new ModelDeclinedException(name + ".n_layers_ is " + layers + " for " + coefs.size()
                    + " coefs_");
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < coefs.size(); i++) {
            int[] shape = shapeOf(coefs.get(i), name, "coefs_[" + i + "]");
            int[] width = shapeOf(intercepts.get(i), name, "intercepts_[" + i + "]");
            int inputs = layers.isEmpty() ? shape[0] : layers.get(i - 1).outputs();
            if (shape.length != 2 || width.length != 1 || shape[0] != inputs || shape[1] != width[0]) {
                throw new ModelDeclinedException(name + ".coefs_[" + i + "] of shape " + Arrays.toString(shape)
                        + " and intercepts_[" + i + "] of shape " + Arrays.toString(width) + " do not chain");
            }
            layers.add(new DenseLayer(doublesOf(coefs.get(i)), doublesOf(intercepts.get(i)), inputs, sparse && i == 0));
        }
        NeuralActivation hidden = NeuralActivation.named(estimator.get("activation"), name + ".activation");
        NeuralActivation output = NeuralActivation.named(estimator.get("out_activation_"),
                name + ".out_activation_");
        int outputs = layers.get(layers.size() - 1).outputs();
        if (hidden == NeuralActivation.SOFTMAX || !(estimator.get("n_outputs_") instanceof Number n)
                || n.intValue() != outputs) {
            throw new ModelDeclinedException(name + " with activation '" + estimator.get("activation")
                    + "' and n_outputs_ " + estimator.get("n_outputs_") + " for " + outputs + " outputs is not "
                    + "compiled");
        }
        Optional<List<String>> classes = className.equals(CLASSIFIER)
                ? Optional.of(classes(estimator, name, output, outputs)) : Optional.empty();
        if (classes.isEmpty() && (output != NeuralActivation.IDENTITY || outputs != 1)) {
            throw new ModelDeclinedException(name + " of " + outputs + " targets with out_activation_ '"
                    + estimator.get("out_activation_") + "' is not compiled (one target, identity, is)");
        }
        return new MultilayerPerceptron(layers, hidden, output, classes, name);
    }

    /**
     * {@code classes_}, which {@code predict_proba}'s columns follow: one logistic output for two classes
     * ({@code _label_binarizer.y_type_ == 'binary'}), a softmax output per class for more ({@code 'multiclass'}).
     * A multilabel classifier (logistic outputs, one per label) is declined.
     */
    private static List<String> classes(ClassDict estimator, String name, NeuralActivation output, int outputs) {
        Object yType = estimator.get("_label_binarizer") instanceof ClassDict binarizer
                ? binarizer.get("y_type_") : null;
        if (!(estimator.get("classes_") instanceof HasArray fitted)) {
            throw PickledArrays.declined(estimator, "classes_", estimator.get("classes_"));
        }
        List<String> classes = FeatureValues.labels(fitted);
        boolean binary = "binary".equals(yType) && output == NeuralActivation.LOGISTIC && outputs == 1
                && classes.size() == 2;
        boolean multiclass = "multiclass".equals(yType) && output == NeuralActivation.SOFTMAX
                && outputs == classes.size() && outputs > 2;
        if (!binary && !multiclass) {
            throw new ModelDeclinedException(name + " of type '" + yType + "' with " + classes.size()
                    + " classes, " + outputs + " outputs and out_activation_ '" + estimator.get("out_activation_")
                    + "' is not compiled (binary and multiclass are; multilabel is not)");
        }
        return classes;
    }

    private static int[] shapeOf(Object array, String name, String attribute) {
        if (array instanceof HasArray values && values.getArrayType() instanceof DType type
                && type.getDataType() == DataType.DOUBLE) {
            return values.getArrayShape();
        }
        String found = array instanceof HasArray values
                ? "an array of dtype " + (values.getArrayType() instanceof DType type ? type.getObj()
                        : values.getArrayType())
                : "a " + Unpickled.classNameOf(array);
        throw new ModelDeclinedException(name + "." + attribute + " is " + found + ", which the compiled evaluator "
                + "does not read (float64 arrays)");
    }

    /** A float64 array's cells in C order (JPMML-Python gives a Fortran-ordered array's in C order too). */
    private static double[] doublesOf(Object array) {
        List<?> cells = ((HasArray) array).getArrayContent();
        double[] values = new double[cells.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) cells.get(i)).doubleValue();
        }
        return values;
    }
}
