package com.datarobot.prediction.drtestbinary;

import com.datarobot.prediction.MulticlassPredictor;
import com.datarobot.prediction.drtestsupport.ClassificationSupport;

/** What Predictors.getPredictor wraps this package's DRModel in (found by name, built through this constructor). */
class ClassificationPredictorImpl extends ClassificationSupport {

    ClassificationPredictorImpl(MulticlassPredictor model) {
        super(model, "testbinary", DRModel.classLabels);
    }
}
