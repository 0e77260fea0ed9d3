package dev.timpani.loaders.scoringcode;

import com.datarobot.prediction.IClassificationPredictor;
import com.datarobot.prediction.IPredictorInfo;
import com.datarobot.prediction.IRegressionPredictor;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.RawPredictions;
import java.util.List;
import java.util.Map;

/** Scores one row map with the predictor's own interface and stores the answer in the prediction columns. */
sealed interface RowScorer {

    int columnCount();

    void score(IPredictorInfo predictor, Map<String, ?> row, double[][] columns, int index);

    RawPredictions result(double[][] columns);

    static RowScorer of(IPredictorInfo predictor, LoadContext context) {
        if (predictor instanceof IRegressionPredictor) {
            return new Regression();
        }
        String[] modelLabels = ((IClassificationPredictor) predictor).getClassLabels();
        if (modelLabels == null || modelLabels.length == 0) {
            throw new ModelLoadException("The scoring-code classifier reports no class labels");
        }
        return new Classification(List.of(modelLabels),
                ReportedLabels.of(modelLabels, context.targetType(), context.classLabels()));
    }

    /** {@code IRegressionPredictor.score(Map)}: one number per row (R-OUT-1). */
    record Regression() implements RowScorer {

        @Override
        public int columnCount() {
            return 1;
        }

        @Override
        public void score(IPredictorInfo predictor, Map<String, ?> row, double[][] columns, int index) {
            columns[0][index] = ((IRegressionPredictor) predictor).score(row);
        }

        @Override
        public RawPredictions result(double[][] columns) {
            return RawPredictions.positional(columns);
        }
    }

    /**
     * {@code IClassificationPredictor.score(Map)}: a probability per class label, in the model's label order,
     * reported under {@link ReportedLabels}.
     */
    record Classification(List<String> modelLabels, List<String> reportedLabels) implements RowScorer {

        @Override
        public int columnCount() {
            return modelLabels.size();
        }

        @Override
        public void score(IPredictorInfo predictor, Map<String, ?> row, double[][] columns, int index) {
            Map<String, Double> probabilities = ((IClassificationPredictor) predictor).score(row);
            for (int c = 0; c < columns.length; c++) {
                Double probability = probabilities.get(modelLabels.get(c));
                columns[c][index] = probability == null ? Double.NaN : probability;
            }
        }

        @Override
        public RawPredictions result(double[][] columns) {
            return RawPredictions.labelled(columns, reportedLabels);
        }
    }
}
