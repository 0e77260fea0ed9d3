package dev.timpani.loaders.scoringcode;

import dev.timpani.data.Frame;
import dev.timpani.model.ModelLoadException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** The model's features in declared order, resolved once at load, and the row maps the predictor scores. */
final class ModelFeatures {

    private final List<ModelFeature> features;
    private final FeatureColumns columns;

    private ModelFeatures(List<ModelFeature> features) {
        this.features = List.copyOf(features);
        this.columns = new FeatureColumns(features.stream().map(ModelFeature::name).toList());
    }

    /** From {@code IPredictorInfo.getFeatures()}: feature name to {@code Double.class} or {@code String.class}. */
    @SuppressWarnings("rawtypes")
    static ModelFeatures of(Map<String, Class> declared) {
        List<ModelFeature> features = new ArrayList<>(declared.size());
        declared.forEach((name, type) -> {
            if (type != Double.class && type != String.class) {
                throw new ModelLoadException("Scoring-code feature '" + name + "' has unsupported type " + type);
            }
            features.add(new ModelFeature(name, type == String.class));
        });
        return new ModelFeatures(features);
    }

    /** The value of every feature in every row of {@code frame}; throws BadInputException for unusable columns. */
    RowValues valuesOf(Frame frame) {
        int[] positions = columns.in(frame);
        List<IntFunction<Object>> values = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            int position = positions[i];
            values.add(position < 0
                    ? features.get(i).values(null, null)
                    : features.get(i).values(frame.column(position), frame.columnNames().get(position)));
        }
        return new RowValues(features, values);
    }

    /** A row with every feature missing, for warming up. */
    Map<String, Object> allMissingRow() {
        Map<String, Object> row = new HashMap<>(features.size() * 2);
        features.forEach(feature -> row.put(feature.name(), null));
        return row;
    }

    /** One request's values, filled into a row map row by row. */
    record RowValues(List<ModelFeature> features, List<IntFunction<Object>> values) {

        /** A map that holds every feature key, as the API requires; {@link #fill} overwrites all of them. */
        Map<String, Object> newRow() {
            return new HashMap<>(features.size() * 2);
        }

        void fill(Map<String, Object> row, int index) {
            for (int i = 0; i < features.size(); i++) {
                row.put(features.get(i).name(), values.get(i).apply(index));
            }
        }
    }
}
