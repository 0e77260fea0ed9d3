package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.objects.ClassDict;

/**
 * A pipeline's fitted transformers read into the compiled steps: {@code StandardScaler}, {@code MinMaxScaler},
 * {@code SimpleImputer} (with its {@code MissingIndicator}), {@code OneHotEncoder}, {@code ColumnTransformer} and
 * nested {@code Pipeline}s of them. A transformer or a setting not read here declines the model (the workers serve
 * it): a field the engine would drop or default is never guessed.
 */
final class SkLearnPreprocessing {

    static final String PIPELINE = "sklearn.pipeline.Pipeline";
    static final String COLUMN_TRANSFORMER = "sklearn.compose._column_transformer.ColumnTransformer";
    static final String STANDARD_SCALER = "sklearn.preprocessing._data.StandardScaler";
    static final String MIN_MAX_SCALER = "sklearn.preprocessing._data.MinMaxScaler";
    static final String SIMPLE_IMPUTER = "sklearn.impute._base.SimpleImputer";
    static final String ONE_HOT_ENCODER = "sklearn.preprocessing._encoders.OneHotEncoder";
    static final String FUNCTION_TRANSFORMER = "sklearn.preprocessing._function_transformer.FunctionTransformer";

    private SkLearnPreprocessing() {
    }

    /** The steps of a pipeline ({@code steps}: (name, estimator) tuples), {@code passthrough} / None left out. */
    static List<ClassDict> steps(ClassDict pipeline) {
        List<ClassDict> steps = new ArrayList<>();
        for (Object step : PickledArrays.list(pipeline, "steps")) {
            List<?> pair = PickledArrays.items(step);
            Object estimator = pair == null || pair.size() != 2 ? step : pair.get(1);
            if (estimator == null || "passthrough".equals(estimator)) {
                continue;
            }
            if (!(estimator instanceof ClassDict dict)) {
                throw new ModelDeclinedException("a Pipeline step is a " + Unpickled.classNameOf(estimator)
                        + ", which the compiled evaluator does not read");
            }
            steps.add(dict);
        }
        return steps;
    }

    static boolean isNumeric(ClassDict transformer) {
        String name = transformer.getClassName();
        return name.equals(STANDARD_SCALER) || name.equals(MIN_MAX_SCALER) || name.equals(SIMPLE_IMPUTER)
                || name.equals(PIPELINE) && steps(transformer).stream().allMatch(SkLearnPreprocessing::isNumeric);
    }

    /** A numeric transformer, or a pipeline of them, as its steps in order. */
    static List<NumericStep> numeric(ClassDict transformer) {
        return switch (transformer.getClassName()) {
            case STANDARD_SCALER -> List.of(standardScaler(transformer));
            case MIN_MAX_SCALER -> List.of(minMaxScaler(transformer));
            case SIMPLE_IMPUTER -> List.of(simpleImputer(transformer));
            case PIPELINE -> {
                List<NumericStep> steps = new ArrayList<>();
                for (ClassDict step : steps(transformer)) {
                    steps.addAll(numeric(step));
                }
                yield steps;
            }
            default -> throw notCompiled(transformer);
        };
    }

    private static StandardScaling standardScaler(ClassDict scaler) {
        // 1.2 stores mean_ even with with_mean=False; transform subtracts it only with with_mean.
        double[] mean = Boolean.TRUE.equals(scaler.get("with_mean")) ? PickledArrays.doubles(scaler, "mean_") : null;
        double[] scale = Boolean.TRUE.equals(scaler.get("with_std")) && scaler.get("scale_") != null
                ? PickledArrays.doubles(scaler, "scale_") : null;
        return new StandardScaling(mean, scale);
    }

    private static MinMaxScaling minMaxScaler(ClassDict scaler) {
        double[] range = PickledArrays.doubles(scaler, "feature_range");
        boolean clip = Boolean.TRUE.equals(scaler.get("clip"));
        return new MinMaxScaling(PickledArrays.doubles(scaler, "scale_"), PickledArrays.doubles(scaler, "min_"), clip,
                range[0], range[1]);
    }

    private static Imputing simpleImputer(ClassDict imputer) {
        if (!(imputer.get("missing_values") instanceof Double missing) || !missing.isNaN()) {
            throw new ModelDeclinedException("SimpleImputer with missing_values=" + imputer.get("missing_values")
                    + " is not compiled (only NaN)");
        }
        double[] statistics = PickledArrays.doubles(imputer, "statistics_");
        for (double statistic : statistics) {
            // A feature with no value in fit: dropped from the output unless keep_empty_features (1.2+).
            if (statistic != statistic) {
                throw new ModelDeclinedException("SimpleImputer has a feature that had no value in fit, which "
                        + "the compiled evaluator does not score");
            }
        }
        int[] indicated = null;
        if (Boolean.TRUE.equals(imputer.get("add_indicator"))) {
            ClassDict indicator = (ClassDict) imputer.get("indicator_");
            if (!"missing-only".equals(indicator.get("features"))) {
                throw new ModelDeclinedException("MissingIndicator with features=" + indicator.get("features")
                        + " is not compiled");
            }
            double[] features = PickledArrays.doubles(indicator, "features_");
            indicated = new int[features.length];
            for (int i = 0; i < features.length; i++) {
                indicated[i] = (int) features[i];
            }
        }
        return new Imputing(statistics, indicated);
    }

    /** A fitted {@code OneHotEncoder} on string categories. */
    static OneHotEncoding oneHotEncoder(ClassDict encoder) {
        Object handle = encoder.get("handle_unknown");
        if (!List.of("error", "ignore", "infrequent_if_exist", "warn").contains(handle)) {
            throw new ModelDeclinedException("OneHotEncoder with handle_unknown=" + handle + " is not compiled");
        }
        List<Object> categories = PickledArrays.list(encoder, "categories_");
        List<Object> infrequent = optionalList(encoder, "_infrequent_indices", categories.size());
        List<Object> mappings = optionalList(encoder, "_default_to_infrequent_mappings", categories.size());
        String dropKey = encoder.containsKey("_drop_idx_after_grouping") ? "_drop_idx_after_grouping" : "drop_idx_";
        List<Object> dropped = optionalList(encoder, dropKey, categories.size());
        double[] widths = PickledArrays.doubles(encoder, "_n_features_outs");
        List<OneHotEncoding.Feature> features = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            Map<String, Integer> codes = new HashMap<>();
            List<?> values = PickledArrays.items(categories.get(i));
            for (int c = 0; c < values.size(); c++) {
                if (!(values.get(c) instanceof String category)) {
                    throw new ModelDeclinedException("OneHotEncoder has a category " + values.get(c) + " that is no "
                            + "string; only string categories are compiled");
                }
                codes.put(category, c);
            }
            int firstInfrequent = infrequent.get(i) == null ? -1 : intAt(infrequent.get(i), 0);
            int[] grouping = null;
            if (mappings.get(i) != null) {
                List<?> mapping = PickledArrays.items(mappings.get(i));
                grouping = new int[mapping.size()];
                for (int c = 0; c < grouping.length; c++) {
                    grouping[c] = ((Number) mapping.get(c)).intValue();
                }
            }
            int drop = dropped.get(i) == null ? -1 : ((Number) dropped.get(i)).intValue();
            features.add(new OneHotEncoding.Feature(codes, firstInfrequent, grouping, drop, (int) widths[i]));
        }
        boolean infrequentCounts = handle.equals("infrequent_if_exist") || handle.equals("warn");
        return new OneHotEncoding(features, infrequentCounts, handle.equals("error"));
    }

    /** A pipeline of a {@code SimpleImputer} fitted on strings and a {@code OneHotEncoder}. */
    static boolean isImputedText(ClassDict transformer) {
        if (!transformer.getClassName().equals(PIPELINE)) {
            return false;
        }
        List<ClassDict> steps = steps(transformer);
        if (steps.size() != 2 || !steps.get(0).getClassName().equals(SIMPLE_IMPUTER)
                || !steps.get(1).getClassName().equals(ONE_HOT_ENCODER)) {
            return false;
        }
        List<?> statistics = PickledArrays.items(steps.get(0).get("statistics_"));
        return statistics != null && !statistics.isEmpty() && statistics.stream().allMatch(String.class::isInstance);
    }

    static TextImputing imputedText(ClassDict pipeline) {
        List<ClassDict> steps = steps(pipeline);
        ClassDict imputer = steps.get(0);
        if (!(imputer.get("missing_values") instanceof Double missing) || !missing.isNaN()
                || Boolean.TRUE.equals(imputer.get("add_indicator"))) {
            throw new ModelDeclinedException("SimpleImputer on strings with missing_values="
                    + imputer.get("missing_values") + " or add_indicator is not compiled");
        }
        List<?> statistics = PickledArrays.items(imputer.get("statistics_"));
        return new TextImputing(statistics.toArray(new String[0]), oneHotEncoder(steps.get(1)));
    }

    /** A per-feature list attribute, or all None when absent or None. */
    private static List<Object> optionalList(ClassDict owner, String attribute, int size) {
        if (owner.get(attribute) == null) {
            List<Object> nones = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                nones.add(null);
            }
            return nones;
        }
        List<Object> items = PickledArrays.list(owner, attribute);
        if (items.size() != size) {
            throw PickledArrays.declined(owner, attribute, owner.get(attribute));
        }
        return items;
    }

    private static int intAt(Object array, int index) {
        return ((Number) PickledArrays.items(array).get(index)).intValue();
    }

    /** A remainder {@code FunctionTransformer} (1.5+) is the identity when it has no {@code func}. */
    static boolean isIdentity(Object transformer) {
        return "passthrough".equals(transformer) || transformer instanceof ClassDict dict
                && dict.getClassName().equals(FUNCTION_TRANSFORMER) && dict.get("func") == null;
    }

    static ModelDeclinedException notCompiled(ClassDict transformer) {
        String name = transformer.getClassName();
        return new ModelDeclinedException(name.substring(name.lastIndexOf('.') + 1) + " in a pipeline is not "
                + "compiled; the workers serve this model");
    }
}
