package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.razorvine.pickle.objects.ClassDict;

/**
 * Linear models, bare or at the end of a pipeline of scalers, imputers and one-hot encoders, compiled from their
 * unpickled attributes ({@link LinearPipeline}) rather than converted: JPMML-SkLearn refuses scikit-learn 1.6 and
 * later, and the proof found its LogisticRegression and pipelines wrong on 1.2.1 (bench/exactness/RESULTS.md).
 * A pipeline or model this class does not read is declined (the Python workers serve it), never converted.
 */
final class SkLearnLinear {

    static final Set<String> REGRESSORS = Set.of("sklearn.linear_model._base.LinearRegression",
            "sklearn.linear_model._ridge.Ridge", "sklearn.linear_model._coordinate_descent.Lasso",
            "sklearn.linear_model._coordinate_descent.ElasticNet");
    static final String LOGISTIC_REGRESSION = "sklearn.linear_model._logistic.LogisticRegression";

    private SkLearnLinear() {
    }

    static boolean handles(Unpickled pickle) {
        return REGRESSORS.contains(pickle.className()) || pickle.className().equals(LOGISTIC_REGRESSION)
                || pickle.className().equals(SkLearnPreprocessing.PIPELINE);
    }

    static ScoringModel load(Unpickled pickle, SkLearnVersion version) {
        ClassDict root = (ClassDict) pickle.root();
        List<ClassDict> steps = root.getClassName().equals(SkLearnPreprocessing.PIPELINE)
                ? SkLearnPreprocessing.steps(root) : List.of(root);
        if (steps.isEmpty()) {
            throw new ModelDeclinedException("the Pipeline has no estimator");
        }
        ClassDict estimator = steps.get(steps.size() - 1);
        String estimatorClass = estimator.getClassName();
        String estimatorName = estimatorClass.substring(estimatorClass.lastIndexOf('.') + 1);
        boolean classifier = estimatorClass.equals(LOGISTIC_REGRESSION);
        if (!classifier && !REGRESSORS.contains(estimatorClass)) {
            throw new ModelDeclinedException("a Pipeline ending in " + estimatorName + " is not compiled; the "
                    + "workers serve it");
        }
        ClassDict first = steps.get(0);
        List<String> fitted = FittedColumns.names(first);
        ColumnBinding columns;
        Preprocessing preprocessing;
        List<String> read;
        boolean sparse = false;
        List<NumericStep> then = new ArrayList<>();
        int next = 1;
        if (first.getClassName().equals(SkLearnPreprocessing.COLUMN_TRANSFORMER)) {
            ColumnTransformerReader transformer = ColumnTransformerReader.read(first, fitted);
            preprocessing = transformer.transformation();
            read = transformer.read();
            sparse = Boolean.TRUE.equals(first.get("sparse_output_"));
            columns = transformer.binding();
        } else {
            columns = FittedColumns.binding(first, version);
            read = columns.featureNames();
            if (first == estimator) {
                preprocessing = new NumericSteps(List.of());
                next = 0;
            } else if (SkLearnPreprocessing.isNumeric(first)) {
                preprocessing = new NumericSteps(SkLearnPreprocessing.numeric(first));
            } else {
                throw SkLearnPreprocessing.notCompiled(first);
            }
        }
        for (int s = next; s < steps.size() - 1; s++) {
            if (!SkLearnPreprocessing.isNumeric(steps.get(s))) {
                throw SkLearnPreprocessing.notCompiled(steps.get(s));
            }
            then.addAll(SkLearnPreprocessing.numeric(steps.get(s)));
        }
        if (sparse && !then.isEmpty()) {
            throw new ModelDeclinedException("a step after a sparse ColumnTransformer output is not compiled");
        }
        LinearScores scores = scores(estimator, sparse);
        int width = NumericSteps.applyWidth(then, preprocessing.width(read.size()));
        if (width != scores.features()) {
            throw new ModelDeclinedException(estimatorName + " reads " + scores.features() + " features, but its "
                    + "preprocessing gives " + width);
        }
        Optional<List<String>> classes = classifier
                ? Optional.of(FeatureValues.labels((org.jpmml.python.HasArray) estimator.get("classes_")))
                : Optional.empty();
        Optional<LogisticLink> link = classifier
                ? Optional.of(LogisticRule.of(estimator, classes.get().size(), version)) : Optional.empty();
        ScoringModel engine = new LinearPipeline(read, preprocessing, then, scores, link, classes, estimatorName);
        return new PickledModel(engine, columns, UnaryOperator.identity(), "SKLearnPredictor",
                "scikit-learn " + pickle.simpleName() + " in the JVM, scored by the compiled linear evaluator "
                        + "(allow-listed as exact)");
    }

    /** {@code coef_} and {@code intercept_}: a regressor of one target, or a classifier's rows of classes. */
    private static LinearScores scores(ClassDict estimator, boolean sparse) {
        int[] shape = PickledArrays.shape(estimator, "coef_");
        double[] coef = PickledArrays.doubles(estimator, "coef_");
        double[] intercept = PickledArrays.doubles(estimator, "intercept_");
        int outputs = shape.length == 1 ? 1 : shape[0];
        boolean regressor = !estimator.getClassName().equals(LOGISTIC_REGRESSION);
        if (shape.length > 2 || regressor && shape.length != 1 || intercept.length != outputs) {
            throw new ModelDeclinedException("coef_ of shape " + java.util.Arrays.toString(shape) + " (several "
                    + "targets) is not compiled");
        }
        int features = coef.length / outputs;
        double[][] rows = new double[outputs][];
        for (int k = 0; k < outputs; k++) {
            rows[k] = java.util.Arrays.copyOfRange(coef, k * features, (k + 1) * features);
        }
        return new LinearScores(rows, intercept, sparse);
    }
}
