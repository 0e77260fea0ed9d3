package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.razorvine.pickle.objects.ClassDict;

/**
 * Reads the final estimator of a compiled pipeline (or a bare estimator) from its unpickled attributes, by class:
 * each family the differential proof covers has one reader here. A class without one is declined (the Python
 * workers serve the model).
 */
final class FinalEstimators {

    static final Set<String> LINEAR_REGRESSORS = Set.of("sklearn.linear_model._base.LinearRegression",
            "sklearn.linear_model._ridge.Ridge", "sklearn.linear_model._coordinate_descent.Lasso",
            "sklearn.linear_model._coordinate_descent.ElasticNet");
    static final String LOGISTIC_REGRESSION = "sklearn.linear_model._logistic.LogisticRegression";

    private FinalEstimators() {
    }

    /** Whether {@code className} has a reader here. */
    static boolean reads(String className) {
        return LINEAR_REGRESSORS.contains(className) || className.equals(LOGISTIC_REGRESSION)
                || className.equals(SupportVectorRegression.SVR);
    }

    /**
     * The estimator's evaluator.
     *
     * @param sparse    whether it reads a ColumnTransformer's sparse output
     * @param projected whether it reads a PCA projection's output (a C-ordered array, {@link LinearScores})
     */
    static FinalEstimator read(ClassDict estimator, SkLearnVersion version, boolean sparse, boolean projected) {
        String className = estimator.getClassName();
        String name = className.substring(className.lastIndexOf('.') + 1);
        if (LINEAR_REGRESSORS.contains(className)) {
            return new LinearEstimator(linearScores(estimator, sparse, projected, true), Optional.empty(),
                    Optional.empty(), name);
        }
        if (className.equals(LOGISTIC_REGRESSION)) {
            List<String> classes = FeatureValues.labels((org.jpmml.python.HasArray) estimator.get("classes_"));
            return new LinearEstimator(linearScores(estimator, sparse, projected, false),
                    Optional.of(LogisticRule.of(estimator, classes.size(), version)), Optional.of(classes), name);
        }
        if (className.equals(SupportVectorRegression.SVR)) {
            return SupportVectorRegression.read(estimator);
        }
        throw new ModelDeclinedException("a Pipeline ending in " + name + " is not compiled; the workers serve it");
    }

    /**
     * Whether the reader of {@code className} takes a sparse matrix (a ColumnTransformer's sparse output); an SVR
     * after one was fitted on it, and libsvm's sparse predict is not compiled.
     */
    static boolean readsSparse(String className) {
        return LINEAR_REGRESSORS.contains(className) || className.equals(LOGISTIC_REGRESSION);
    }

    /**
     * {@code coef_} and {@code intercept_}: a regressor of one target, or a classifier's rows of classes.
     *
     * @param regressor whether {@code coef_} must be one row (one target)
     */
    static LinearScores linearScores(ClassDict estimator, boolean sparse, boolean projected, boolean regressor) {
        int[] shape = PickledArrays.shape(estimator, "coef_");
        double[] coef = PickledArrays.doubles(estimator, "coef_");
        double[] intercept = PickledArrays.doubles(estimator, "intercept_");
        int outputs = shape.length == 1 ? 1 : shape[0];
        if (shape.length > 2 || regressor && shape.length != 1 || intercept.length != outputs) {
            throw new ModelDeclinedException("coef_ of shape " + Arrays.toString(shape) + " (several targets) is "
                    + "not compiled");
        }
        int features = coef.length / outputs;
        double[][] rows = new double[outputs][];
        for (int k = 0; k < outputs; k++) {
            rows[k] = Arrays.copyOfRange(coef, k * features, (k + 1) * features);
        }
        return new LinearScores(rows, intercept, sparse, projected);
    }
}
