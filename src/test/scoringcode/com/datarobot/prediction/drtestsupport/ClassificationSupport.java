package com.datarobot.prediction.drtestsupport;

import com.datarobot.prediction.ClassificationScoreEventInfo;
import com.datarobot.prediction.Event;
import com.datarobot.prediction.ExplanationParams;
import com.datarobot.prediction.IClassificationPredictor;
import com.datarobot.prediction.MulticlassPredictor;
import com.datarobot.prediction.Score;
import java.util.Map;

/** The body of a generated ClassificationPredictorImpl. */
public abstract class ClassificationSupport extends PredictorSupport<MulticlassPredictor>
        implements IClassificationPredictor {

    private final String[] classLabels;

    protected ClassificationSupport(MulticlassPredictor model, String modelId, String[] classLabels) {
        super(model, modelId);
        this.classLabels = classLabels.clone();
    }

    @Override
    public String[] getClassLabels() {
        return classLabels.clone();
    }

    @Override
    public Map<String, Double> score(Map<String, ?> row) {
        try {
            return model.classificationScore(extractFeatures(row));
        } catch (IllegalArgumentException badRow) {
            throw badRow;
        } catch (Exception failed) {
            throw new UnsupportedOperationException("Scoring failed", failed);
        }
    }

    @Override
    public Map<String, Double> score(Iterable<?> row) {
        throw new UnsupportedOperationException("positional rows are not used by these tests");
    }

    @Override
    public Score<Map<String, Double>> scoreWithExplanations(Map<String, ?> row) {
        throw new UnsupportedOperationException("no explanations");
    }

    @Override
    public Score<Map<String, Double>> scoreWithExplanations(Iterable<?> row) {
        throw new UnsupportedOperationException("no explanations");
    }

    @Override
    public Score<Map<String, Double>> scoreWithExplanations(Map<String, ?> row, ExplanationParams params) {
        throw new UnsupportedOperationException("no explanations");
    }

    @Override
    public Score<Map<String, Double>> scoreWithExplanations(Iterable<?> row, ExplanationParams params) {
        throw new UnsupportedOperationException("no explanations");
    }

    @Override
    public Event<ClassificationScoreEventInfo> getScoreEvent() {
        return noEvents();
    }
}
