package com.datarobot.prediction.drtestregression;

import com.datarobot.prediction.Predictor;
import com.datarobot.prediction.Row;
import com.datarobot.prediction.drtestsupport.PredictorSupport;

/** price = 1.5 + 2 * rooms - 0.5 * age + (color: red 1, blue -1, anything else 0); missing numbers are 0. */
public class DRModel implements Predictor {

    @Override
    public double score(Row row) {
        double color = "red".equals(row.s[0]) ? 1 : "blue".equals(row.s[0]) ? -1 : 0;
        return 1.5 + 2 * PredictorSupport.imputed(row.d[0]) - 0.5 * PredictorSupport.imputed(row.d[1]) + color;
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
