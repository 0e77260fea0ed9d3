package com.datarobot.prediction.drtestbinary;

import com.datarobot.prediction.MulticlassPredictor;
import com.datarobot.prediction.Row;
import com.datarobot.prediction.drtestsupport.PredictorSupport;
import java.util.HashMap;
import java.util.Map;

/**
 * P(yes) = sigmoid(-1 + 0.8 * rooms + 0.3 * age + (color red: 0.5)); missing numbers are 0. The positive class is
 * listed first, as in DataRobot's binary scoring code.
 */
public class DRModel implements MulticlassPredictor {

    /** Read by DataRobot's ClassificationPredictorImpl through reflection. */
    static final String[] classLabels = {"yes", "no"};

    @Override
    public Map<String, Double> classificationScore(Row row) {
        double yes = score(row);
        Map<String, Double> probabilities = new HashMap<>();
        probabilities.put("yes", yes);
        probabilities.put("no", 1 - yes);
        return probabilities;
    }

    @Override
    public double score(Row row) {
        double z = -1 + 0.8 * PredictorSupport.imputed(row.d[0]) + 0.3 * PredictorSupport.imputed(row.d[1])
                + ("red".equals(row.s[0]) ? 0.5 : 0);
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    public String[] get_double_predictors() {
        return new String[] {"rooms", "age"};
    }

    @Override
    public String[] get_string_predictors() {
        return new String[] {"color"};
    }
}
