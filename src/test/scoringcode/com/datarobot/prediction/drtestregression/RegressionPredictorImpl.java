package com.datarobot.prediction.drtestregression;

import com.datarobot.prediction.Predictor;
import com.datarobot.prediction.drtestsupport.RegressionSupport;

/** What Predictors.getPredictor wraps this package's DRModel in (found by name, built through this constructor). */
class RegressionPredictorImpl extends RegressionSupport {

    RegressionPredictorImpl(Predictor model) {
        super(model, "testregression");
    }
}
