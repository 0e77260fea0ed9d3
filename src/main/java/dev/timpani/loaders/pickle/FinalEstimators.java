package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.razorvine.pickle.objects.ClassDict;
import org.jpmml.python.PythonObject;

/**
 * Reads the final estimator of a compiled pipeline (or a bare estimator) from its unpickled attributes, by class:
 * each family the differential proof covers has one reader here. A class without one is declined (the Python
 * workers serve the model).
 */
final class FinalEstimators {

    /**
     * Regressors whose {@code predict} is {@code X @ coef_ + intercept_} ({@code LinearModel._decision_function},
     * {@code BaseSGDRegressor._decision_function}, in 1.2.1 to 1.9.1): the ordinary, penalised, cross-validated,
     * Bayesian, robust, stochastic-gradient and linear-SVM ones.
     */
    static final Set<String> LINEAR_REGRESSORS = Set.of("sklearn.linear_model._base.LinearRegression",
            "sklearn.linear_model._ridge.Ridge", "sklearn.linear_model._coordinate_descent.Lasso",
            "sklearn.linear_model._coordinate_descent.ElasticNet", "sklearn.linear_model._ridge.RidgeCV",
            "sklearn.linear_model._coordinate_descent.LassoCV",
            "sklearn.linear_model._coordinate_descent.ElasticNetCV", "sklearn.linear_model._bayes.BayesianRidge",
            "sklearn.linear_model._bayes.ARDRegression", "sklearn.linear_model._huber.HuberRegressor",
            "sklearn.linear_model._stochastic_gradient.SGDRegressor", "sklearn.svm._classes.LinearSVR");
    /**
     * Generalised linear models of the log link: {@code predict} is {@code np.exp(X @ coef_ + intercept_)}
     * ({@code _GeneralizedLinearRegressor.predict}, {@code LogLink.inverse}).
     */
    static final Set<String> LOG_LINK_REGRESSORS = Set.of("sklearn.linear_model._glm.glm.PoissonRegressor",
            "sklearn.linear_model._glm.glm.GammaRegressor");
    static final String LOGISTIC_REGRESSION = "sklearn.linear_model._logistic.LogisticRegression";
    static final String SGD_CLASSIFIER = "sklearn.linear_model._stochastic_gradient.SGDClassifier";
    static final String LINEAR_DISCRIMINANT_ANALYSIS =
            "sklearn.discriminant_analysis.LinearDiscriminantAnalysis";

    private FinalEstimators() {
    }

    /** Whether {@code className} has a reader here. */
    static boolean reads(String className) {
        return isLinear(className) || isTrees(className) || className.equals(LINEAR_DISCRIMINANT_ANALYSIS)
                || className.equals(GaussianNaiveBayes.CLASS) || className.equals(SupportVectorRegression.SVR)
                || MultilayerPerceptrons.reads(className);
    }

    private static boolean isLinear(String className) {
        return LINEAR_REGRESSORS.contains(className) || LOG_LINK_REGRESSORS.contains(className)
                || className.equals(LOGISTIC_REGRESSION) || className.equals(SGD_CLASSIFIER);
    }

    /** Trees, forests and gradient boosting: compiled bare by their own loaders, and here as a pipeline's end. */
    static boolean isTrees(String className) {
        return SkLearnTrees.SINGLE_TREES.contains(className) || SkLearnTrees.FORESTS.contains(className)
                || className.equals(SkLearnGradientBoosting.CLASSIFIER)
                || className.equals(SkLearnGradientBoosting.REGRESSOR)
                || SkLearnHistGradientBoosting.FAMILIES.contains(className);
    }

    /**
     * The estimator's evaluator.
     *
     * @param sparse whether it reads a ColumnTransformer's sparse output
     * @param bare      whether the estimator is the model itself, not a pipeline's last step (DRUM then hands it the
     *                  request's DataFrame, whose memory layout decides some of NumPy's sums)
     * @param projected whether it reads a PCA projection's output (a C-ordered array, {@link LinearScores})
     * @param cOrdered  whether the steps before it hand it a C-ordered batch, whatever the request's layout (a PCA
     *                  projection's output, or a ColumnTransformer's with a one-hot part of two columns or more:
     *                  {@link ColumnTransformation#cOrdered})
     */
    static FinalEstimator read(ClassDict estimator, SkLearnVersion version, boolean sparse, boolean bare,
                               boolean projected, boolean cOrdered) {
        String className = estimator.getClassName();
        String name = className.substring(className.lastIndexOf('.') + 1);
        if (LINEAR_REGRESSORS.contains(className) || LOG_LINK_REGRESSORS.contains(className)) {
            return new LinearEstimator(linearScores(estimator, sparse, projected, true), Optional.empty(),
                    Optional.empty(), name, LOG_LINK_REGRESSORS.contains(className));
        }
        if (className.equals(SGD_CLASSIFIER)) {
            return sgdClassifier(estimator, name, sparse, version);
        }
        if (className.equals(LOGISTIC_REGRESSION)) {
            List<String> classes = FeatureValues.labels((org.jpmml.python.HasArray) estimator.get("classes_"));
            return new LinearEstimator(linearScores(estimator, sparse, projected, false),
                    Optional.of(LogisticRule.of(estimator, classes.size(), version)), Optional.of(classes), name,
                    false);
        }
        if (isTrees(className)) {
            return trees(estimator, name, version);
        }
        if (className.equals(LINEAR_DISCRIMINANT_ANALYSIS)) {
            return discriminantAnalysis(estimator, sparse, name, bare, cOrdered);
        }
        if (className.equals(GaussianNaiveBayes.CLASS)) {
            return GaussianNaiveBayes.read(estimator, version, bare, cOrdered);
        }
        if (className.equals(SupportVectorRegression.SVR)) {
            return SupportVectorRegression.read(estimator);
        }
        if (MultilayerPerceptrons.reads(className)) {
            return MultilayerPerceptrons.read(estimator, sparse);
        }
        throw new ModelDeclinedException("a Pipeline ending in " + name + " is not compiled; the workers serve it");
    }

    /**
     * SGDClassifier with the log loss: {@code predict_proba} is {@code _predict_proba_lr} (expit, one-vs-rest
     * normalised beyond two classes; from 1.8 a row summing to 0 is uniform). Its other losses have no logistic
     * probabilities (modified Huber's are another formula; the rest have none, and DRUM cannot serve them).
     */
    private static FinalEstimator sgdClassifier(ClassDict estimator, String name, boolean sparse,
                                                SkLearnVersion version) {
        Object loss = estimator.get("loss");
        if (!"log_loss".equals(loss)) {
            throw new ModelDeclinedException(name + " with the loss " + loss + " is not compiled");
        }
        List<String> classes = FeatureValues.labels((org.jpmml.python.HasArray) estimator.get("classes_"));
        LogisticLink link = classes.size() <= 2 ? LogisticLink.BINARY_EXPIT
                : version.atLeast(1, 8) ? LogisticLink.OVR_UNIFORM_ON_ZERO : LogisticLink.OVR;
        return new LinearEstimator(linearScores(estimator, sparse, false, false), Optional.of(link),
                Optional.of(classes), name, false);
    }

    /**
     * A tree model at the end of a pipeline reads the steps' float64 output cast to float32, as it reads a
     * request's columns when bare ({@link CompiledTrees}); a GradientBoostingClassifier from before 1.3 is the PMML
     * converter's, which serves no pipeline here.
     */
    private static FinalEstimator trees(ClassDict estimator, String name, SkLearnVersion version) {
        int width = ((Number) estimator.get("n_features_in_")).intValue();
        PythonObject object = (PythonObject) estimator;
        String className = estimator.getClassName();
        if (SkLearnTrees.SINGLE_TREES.contains(className) || SkLearnTrees.FORESTS.contains(className)) {
            return SkLearnTrees.compile(object, name, List.of(), version).readingColumns(width);
        }
        if (SkLearnHistGradientBoosting.FAMILIES.contains(className)) {
            return SkLearnHistGradientBoosting.readingColumns(object, name, version);
        }
        if (!SkLearnGradientBoosting.compiles(className, version)) {
            throw new ModelDeclinedException("a Pipeline ending in " + name + " written by scikit-learn "
                    + version.text() + " is not compiled; the workers serve it");
        }
        return SkLearnGradientBoosting.compile(object, name, List.of(), version).readingColumns(width);
    }

    /**
     * LinearDiscriminantAnalysis.predict_proba (sklearn/discriminant_analysis.py 1.2.1, 1.6.1, 1.9.1): the linear
     * decision_function, then softmax (sklearn/utils/extmath.py) beyond two classes; every solver leaves its answer
     * in coef_ and intercept_; two classes (one row of coef_) take {@code expit} instead, as {@code [1 - p, p]}. Its
     * coefficients cancel (a near-constant feature gets a huge weight), so the decision is summed in OpenBLAS's own
     * order ({@link LinearScores.Order#DGEMM}). That order depends on the batch's memory layout for one row of
     * coef_: a bare estimator gets DRUM's DataFrame (Fortran-ordered: dgemv_n), a pipeline's last step what the
     * steps make, known here to be C-ordered (dgemv_t) after a PCA or a ColumnTransformer with a one-hot part of two
     * columns or more only; after other steps two classes are declined. More features than one dgemm block are
     * declined.
     */
    private static FinalEstimator discriminantAnalysis(ClassDict estimator, boolean sparse, String name,
                                                       boolean bare, boolean cOrdered) {
        List<String> classes = FeatureValues.labels((org.jpmml.python.HasArray) estimator.get("classes_"));
        if (classes.size() <= 2 && !bare && !cOrdered) {
            throw new ModelDeclinedException(name + " of two classes after these steps is not compiled: its one "
                    + "row of coef_ goes through BLAS's dgemv_n or dgemv_t by the memory layout of the steps' "
                    + "output, known to be C-ordered only after a PCA or a ColumnTransformer with a one-hot part of "
                    + "two columns or more");
        }
        LinearScores scores = linearScores(estimator, sparse, false, false).inBlasOrder(!bare && cOrdered);
        if (scores.features() > LinearScores.DGEMM_BLOCK) {
            throw new ModelDeclinedException(name + " of " + scores.features() + " features is not compiled: BLAS "
                    + "sums more than " + LinearScores.DGEMM_BLOCK + " in blocks");
        }
        LogisticLink link = classes.size() <= 2 ? LogisticLink.BINARY_EXPIT : LogisticLink.SOFTMAX;
        return new LinearEstimator(scores, Optional.of(link), Optional.of(classes), name, false);
    }

    /**
     * Whether the reader of {@code className} takes a sparse matrix (a ColumnTransformer's sparse output). Not
     * GaussianNB nor LinearDiscriminantAnalysis: their fit refuses a sparse matrix, so no such pipeline is fitted;
     * nor SVR: one after a sparse output was fitted on it, and libsvm's sparse predict is not compiled.
     */
    static boolean readsSparse(String className) {
        // HistGradientBoosting refuses a sparse matrix ("Passing a sparse matrix ... is not supported").
        return isLinear(className) || isTrees(className) && !SkLearnHistGradientBoosting.FAMILIES.contains(className)
                || MultilayerPerceptrons.reads(className);
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
        return new LinearScores(rows, intercept, sparse,
                projected ? LinearScores.Order.PROJECTED : LinearScores.Order.LEFT_TO_RIGHT);
    }
}
