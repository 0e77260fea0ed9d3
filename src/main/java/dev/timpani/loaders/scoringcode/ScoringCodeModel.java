package dev.timpani.loaders.scoringcode;

import dev.timpani.data.Frame;
import dev.timpani.model.RawPredictions;
import dev.timpani.model.ScoringModel;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.Map;

/**
 * A DataRobot scoring-code model, scored row by row through the public {@code datarobot-prediction} API as DRUM's
 * Java predictor does. Concurrent requests each borrow their own predictor instance ({@link PredictorPool}).
 */
final class ScoringCodeModel implements ScoringModel {

    private final URLClassLoader classLoader;
    private final PredictorPool predictors;
    private final ModelFeatures features;
    private final RowScorer scorer;

    ScoringCodeModel(URLClassLoader classLoader, PredictorPool predictors, ModelFeatures features, RowScorer scorer) {
        this.classLoader = classLoader;
        this.predictors = predictors;
        this.features = features;
        this.scorer = scorer;
    }

    @Override
    public String predictor() {
        // DRUM's name for the predictor that serves .jar artifacts.
        return "ScoringCodePredictor";
    }

    @Override
    public RawPredictions predict(Frame frame) {
        ModelFeatures.RowValues values = features.valuesOf(frame);
        int rows = frame.rowCount();
        double[][] columns = new double[scorer.columnCount()][rows];
        if (rows == 0) {
            return scorer.result(columns);
        }
        return predictors.apply(predictor -> {
            // One map for the whole request: every row overwrites every feature key, and the API turns the map into
            // its own row arrays before score() returns (it hands the map on only to score-event listeners, of which
            // this server registers none).
            Map<String, Object> row = values.newRow();
            for (int index = 0; index < rows; index++) {
                values.fill(row, index);
                try {
                    scorer.score(predictor, row, columns, index);
                } catch (RuntimeException failed) {
                    throw new IllegalStateException("The scoring-code model failed on row " + (index + 1) + ": "
                            + messageOf(failed), failed);
                }
            }
            return scorer.result(columns);
        });
    }

    /** The API wraps the model's exception as "Scoring failed"; the cause says what went wrong. */
    private static String messageOf(Throwable failed) {
        StringBuilder message = new StringBuilder(String.valueOf(failed.getMessage()));
        for (Throwable cause = failed.getCause(); cause != null && cause != failed; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return message.toString();
    }

    @Override
    public void warmUp() {
        Map<String, Object> allMissing = features.allMissingRow();
        double[][] columns = new double[scorer.columnCount()][1];
        try {
            predictors.apply(predictor -> {
                scorer.score(predictor, allMissing, columns, 0);
                return null;
            });
        } catch (RuntimeException refused) {
            // Best effort: a model may refuse an all-missing row; the first request pays the warm-up instead.
        }
    }

    @Override
    public void close() {
        try {
            classLoader.close();
        } catch (IOException ignored) {
            // The jar is only read; nothing else to release.
        }
    }
}
