package com.datarobot.prediction.drtestmulticlass;

import com.datarobot.prediction.MulticlassPredictor;
import com.datarobot.prediction.Row;
import com.datarobot.prediction.drtestsupport.PredictorSupport;
import java.util.HashMap;
import java.util.Map;

/** Softmax over scores small = -rooms, medium = 0, large = rooms - 2 (color "red" adds 1 to large). */
public class DRModel implements MulticlassPredictor {

    static final String[] classLabels = {"small", "medium", "large"};

    @Override
    public Map<String, Double> classificationScore(Row row) {
        double rooms = PredictorSupport.imputed(row.d[0]);
        double[] scores = {-rooms, 0, rooms - 2 + ("red".equals(row.s[0]) ? 1 : 0)};
        double total = 0;
        for (double score : scores) {
            total += Math.exp(score);
        }
        Map<String, Double> probabilities = new HashMap<>();
        for (int i = 0; i < scores.length; i++) {
            probabilities.put(classLabels[i], Math.exp(scores[i]) / total);
        }
        return probabilities;
    }

    @Override
    public double score(Row row) {
        return classificationScore(row).get("large");
    }

    @Override
    public String[] get_double_predictors() {
        return new String[] {"rooms"};
    }

    @Override
    public String[] get_string_predictors() {
        return new String[] {"color"};
    }
}
