package dev.timpani.loaders.pmml;

import dev.timpani.model.RawPredictions;
import java.util.ArrayList;
import java.util.List;
import org.dmg.pmml.OpType;
import org.jpmml.evaluator.EvaluatorUtil;
import org.jpmml.evaluator.HasProbability;
import org.jpmml.evaluator.TargetField;

/** The model's target field, and how its per-row results become prediction columns. */
sealed interface PmmlTarget {

    /** The key of this target in JPMML's result map. */
    String name();

    RawPredictions decode(Object[] targetValues);

    static PmmlTarget of(TargetField field) {
        if (field.getOpType() == OpType.CONTINUOUS) {
            return new Regression(field.getName());
        }
        List<Object> categories = field.getCategories();
        return new Classification(field.getName(), categories == null ? List.of() : List.copyOf(categories));
    }

    /** A number per row. */
    record Regression(String name) implements PmmlTarget {

        @Override
        public RawPredictions decode(Object[] targetValues) {
            double[] predictions = new double[targetValues.length];
            for (int row = 0; row < targetValues.length; row++) {
                predictions[row] = asDouble(EvaluatorUtil.decode(targetValues[row]));
            }
            return RawPredictions.positional(new double[][] {predictions});
        }

        private double asDouble(Object decoded) {
            if (decoded == null) {
                return Double.NaN;
            }
            if (decoded instanceof Number number) {
                return number.doubleValue();
            }
            throw new IllegalStateException("PMML target '" + name + "' gave a non-numeric value: " + decoded);
        }
    }

    /**
     * A probability per category. Columns follow the categories the target field declares; a model whose
     * target declares none gets the categories its results report.
     */
    record Classification(String name, List<Object> declaredCategories) implements PmmlTarget {

        @Override
        public RawPredictions decode(Object[] targetValues) {
            List<Object> categories = declaredCategories.isEmpty() ? reportedCategories(targetValues) : declaredCategories;
            int rows = targetValues.length;
            double[][] columns = new double[categories.size()][rows];
            for (int row = 0; row < rows; row++) {
                Object value = targetValues[row];
                for (int c = 0; c < columns.length; c++) {
                    columns[c][row] = probability(value, categories.get(c));
                }
            }
            List<String> labels = new ArrayList<>(categories.size());
            for (Object category : categories) {
                labels.add(category.toString());
            }
            return RawPredictions.labelled(columns, labels);
        }

        private static double probability(Object value, Object category) {
            if (value == null) {
                return Double.NaN;
            }
            if (value instanceof HasProbability distribution) {
                Double probability = distribution.getProbability(category);
                return probability == null ? Double.NaN : probability;
            }
            // A classifier without a probability distribution (e.g. a tree without score counts) is certain
            // of the class it names.
            return category.equals(EvaluatorUtil.decode(value)) ? 1.0 : 0.0;
        }

        private List<Object> reportedCategories(Object[] targetValues) {
            for (Object value : targetValues) {
                if (value instanceof HasProbability distribution) {
                    return List.copyOf(distribution.getCategories());
                }
            }
            throw new IllegalStateException("PMML target '" + name + "' declares no categories and reports no probabilities");
        }
    }
}
