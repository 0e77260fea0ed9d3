package com.datarobot.prediction.drtestsupport;

import com.datarobot.prediction.Event;
import com.datarobot.prediction.EventHandler;
import com.datarobot.prediction.EventInfo;
import com.datarobot.prediction.ExplanationParams;
import com.datarobot.prediction.Predictor;
import com.datarobot.prediction.Row;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What the generated RegressionPredictorImpl / ClassificationPredictorImpl classes share. */
public abstract class PredictorSupport<P extends Predictor> {

    protected final P model;
    private final LinkedHashMap<String, Class> features = new LinkedHashMap<>();
    private final String modelId;

    protected PredictorSupport(P model, String modelId) {
        this.model = model;
        this.modelId = modelId;
        for (String name : model.get_double_predictors()) {
            features.put(name, Double.class);
        }
        for (String name : model.get_string_predictors()) {
            features.put(name, String.class);
        }
    }

    public String getModelId() {
        return modelId;
    }

    public LinkedHashMap<String, Class> getFeatures() {
        return new LinkedHashMap<>(features);
    }

    public Class<?> getPredictorClass() {
        return model.getClass();
    }

    public ExplanationParams getDefaultPredictionExplanationParams() {
        return null;
    }

    public Map<String, String> getModelInfo() {
        return Collections.singletonMap("Model-ID", modelId);
    }

    protected Row extractFeatures(Map<String, ?> values) {
        String[] doubles = model.get_double_predictors();
        String[] strings = model.get_string_predictors();
        Row row = new Row();
        row.d = new double[doubles.length];
        row.s = new String[strings.length];
        for (int i = 0; i < doubles.length; i++) {
            row.d[i] = doubleValue(doubles[i], present(values, doubles[i]));
        }
        for (int i = 0; i < strings.length; i++) {
            Object value = present(values, strings[i]);
            if (value != null && !(value instanceof String)) {
                throw new IllegalArgumentException("Feature [" + strings[i]
                        + "] expected to be String, while received value of type [" + value.getClass().getName() + "]");
            }
            row.s[i] = value == null ? "" : (String) value;
        }
        return row;
    }

    protected Row extractFeatures(Iterable<?> values) {
        throw new UnsupportedOperationException("positional rows are not used by these tests");
    }

    private static Object present(Map<String, ?> values, String feature) {
        if (!values.containsKey(feature)) {
            throw new IllegalArgumentException("Could not find values of the features [" + feature + "].");
        }
        return values.get(feature);
    }

    private static double doubleValue(String feature, Object value) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof String) {
            try {
                return Double.parseDouble((String) value);
            } catch (NumberFormatException notANumber) {
                return Double.NaN;
            }
        }
        throw new IllegalArgumentException("Feature [" + feature + "] should be a number while value=[" + value
                + "] of type=[" + value.getClass() + "] was received.");
    }

    /** No listeners: these models send no score events. */
    public static <T extends EventInfo> Event<T> noEvents() {
        return new Event<T>() {
            @Override
            public void subscribe(EventHandler<T> handler) {
            }

            @Override
            public boolean unsubscribe(EventHandler<T> handler) {
                return false;
            }

            @Override
            public Set<EventHandler<T>> getSubscribers() {
                return Collections.emptySet();
            }
        };
    }

    /** Missing numbers are imputed with 0, as a DataRobot blueprint's imputer would with a fitted median. */
    public static double imputed(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
