package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import dev.timpani.model.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.razorvine.pickle.objects.ClassDict;

/**
 * Estimators read from their unpickled attributes ({@link FinalEstimators}), bare or at the end of a pipeline of
 * scalers, imputers, one-hot encoders and PCA projections ({@link CompiledPipeline}), rather than converted:
 * JPMML-SkLearn refuses scikit-learn 1.6 and later, and the proof found its LogisticRegression and pipelines wrong on
 * 1.2.1 (bench/exactness/RESULTS.md). A pipeline or model this class does not read is declined (the Python workers
 * serve it), never converted.
 */
final class SkLearnPipelines {

    private SkLearnPipelines() {
    }

    /** Pipelines, and bare estimators but the tree models, which have loaders of their own. */
    static boolean handles(Unpickled pickle) {
        String className = pickle.className();
        return className.equals(SkLearnPreprocessing.PIPELINE)
                || FinalEstimators.reads(className) && !FinalEstimators.isTrees(className);
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
        if (!FinalEstimators.reads(estimatorClass)) {
            throw new ModelDeclinedException("a Pipeline ending in " + estimatorName + " is not compiled; the "
                    + "workers serve it");
        }
        ClassDict first = steps.get(0);
        List<String> fitted = FittedColumns.names(first);
        ColumnBinding columns;
        Preprocessing preprocessing;
        List<String> read;
        boolean sparse = false;
        boolean projected = false;
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
            } else if (first.getClassName().equals(PcaProjection.PCA)) {
                projected = true;
                preprocessing = new NumericSteps(List.of(PcaProjection.read(first, version)));
            } else {
                throw SkLearnPreprocessing.notCompiled(first);
            }
        }
        for (int s = next; s < steps.size() - 1; s++) {
            ClassDict step = steps.get(s);
            if (step.getClassName().equals(PcaProjection.PCA)) {
                then.add(PcaProjection.read(step, version));
            } else if (SkLearnPreprocessing.isNumeric(step)) {
                then.addAll(SkLearnPreprocessing.numeric(step));
            } else {
                throw SkLearnPreprocessing.notCompiled(step);
            }
        }
        projected |= then.stream().anyMatch(step -> !step.exact());
        if (sparse && !then.isEmpty()) {
            throw new ModelDeclinedException("a step after a sparse ColumnTransformer output is not compiled");
        }
        if (sparse && !FinalEstimators.readsSparse(estimatorClass)) {
            throw new ModelDeclinedException(estimatorName + " after a sparse ColumnTransformer output is not "
                    + "compiled");
        }
        boolean projection = endsInProjection(preprocessing, then);
        boolean cOrdered = projection
                || then.isEmpty() && preprocessing instanceof ColumnTransformation stacked && stacked.cOrdered();
        FinalEstimator last = FinalEstimators.read(estimator, version, sparse, first == estimator, projection,
                cOrdered);
        int width = NumericSteps.applyWidth(then, preprocessing.width(read.size()));
        if (width != last.features()) {
            throw new ModelDeclinedException(estimatorName + " reads " + last.features() + " features, but its "
                    + "preprocessing gives " + width);
        }
        ScoringModel engine = new CompiledPipeline(read, preprocessing, then, last);
        // A projection (PCA) before the final estimator is a matrix product in float64: the pipeline as a whole is
        // held to the float64 evaluators' bound, whatever the final estimator's own engine.
        String evaluator = projected ? "the compiled float64 evaluator" : last.evaluator();
        return new PickledModel(engine, columns, UnaryOperator.identity(), "SKLearnPredictor",
                "scikit-learn " + pickle.simpleName() + " in the JVM, scored by " + evaluator
                        + " (allow-listed as exact)");
    }

    /**
     * Whether the step just before the estimator is a PCA: what it hands on is {@code matmul}'s fresh C-ordered array,
     * which a linear model multiplies through {@code dgemv_t} ({@link LinearScores}).
     */
    private static boolean endsInProjection(Preprocessing first, List<NumericStep> then) {
        List<NumericStep> steps = !then.isEmpty() ? then
                : first instanceof NumericSteps opening ? opening.steps() : List.of();
        return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof PcaProjection;
    }
}
