package com.datarobot.prediction.drtestsupport;

import com.datarobot.prediction.Event;
import com.datarobot.prediction.ExplanationParams;
import com.datarobot.prediction.IRegressionPredictor;
import com.datarobot.prediction.Predictor;
import com.datarobot.prediction.RegressionScoreEventInfo;
import com.datarobot.prediction.Score;
import java.util.Map;

/** The body of a generated RegressionPredictorImpl. */
public abstract class RegressionSupport extends PredictorSupport<Predictor> implements IRegressionPredictor {

    protected RegressionSupport(Predictor model, String modelId) {
        super(model, modelId);
    }

    @Override
    public double score(Map<String, ?> row) {
        try {
            return model.score(extractFeatures(row));
        } catch (IllegalArgumentException badRow) {
            throw badRow;
        } catch (Exception failed) {
            throw new UnsupportedOperationException("Scoring failed", failed);
        }
    }

    @Override
    public double score(Iterable<?> row) {
        throw new UnsupportedOperationException("positional rows are not used by these tests");
    }

    @Override
    public Score<Double> scoreWithExplanations(Map<String, ?> row) {
        throw new UnsupportedOperationException("no explanations");
    }

    @Override
    public Score<Double> scoreWithExplanations(Iterable<?> row) {
        throw new UnsupportedOperationException("no explanations");
    }

    @Override
    public Score<Double> scoreWithExplanations(Map<String, ?> row, ExplanationParams params) {
        throw new UnsupportedOperationException("no explanations");
    }

    @Override
    public Score<Double> scoreWithExplanations(Iterable<?> row, ExplanationParams params) {
        throw new UnsupportedOperationException("no explanations");
    }

    @Override
    public Event<RegressionScoreEventInfo> getScoreEvent() {
        return noEvents();
    }
}
