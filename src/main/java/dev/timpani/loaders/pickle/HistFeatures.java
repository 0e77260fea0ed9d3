package dev.timpani.loaders.pickle;

import dev.timpani.model.ModelDeclinedException;
import dev.timpani.trees.HistTrees;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.razorvine.pickle.objects.ClassDict;
import org.jpmml.python.PythonObject;

/**
 * How a HistGradientBoosting model's predictors see the request's columns, and which of them are categories
 * ({@code gradient_boosting.py} {@code _preprocess_X} / {@code _check_categories}, {@code binning.py}
 * {@code make_known_categories_bitsets}):
 * <ul>
 * <li>1.2 and 1.3: the predictors read the raw float64 columns in the request's order; a categorical column's
 *     values are the categories themselves (integers below 256, checked at fit);</li>
 * <li>1.4 and later: a {@code ColumnTransformer} built by the estimator ({@code _preprocessor}) puts the categorical
 *     columns first, encoded by an {@code OrdinalEncoder} ({@code handle_unknown="use_encoded_value"}, unknown and
 *     missing values both NaN) into the positions of their fitted categories, then the numeric columns as they are;
 *     the predictors' feature indices count in that order.</li>
 * </ul>
 * The known categories of each categorical feature (the bin mapper's {@code bin_thresholds_}, in the predictors'
 * order) become the bitsets that tell a category the model never saw (treated as missing) from one that goes right.
 *
 * @param column       per predictor feature index, the request column (in the fitted order) it reads
 * @param encoded      per request column, the {@code OrdinalEncoder}'s categories (sorted, NaN left out, -0.0 as
 *                     0.0) its values are encoded into, null where the value reaches the predictors as it is
 * @param knownBitset  per predictor feature index, the first word of its known categories in {@code knownWords},
 *                     -1 for a numeric feature
 * @param knownWords   the known categories' bitsets, {@link HistTrees.CategoricalSplits#WORDS} words each
 */
record HistFeatures(int[] column, double[][] encoded, int[] knownBitset, int[] knownWords) {

    static final String ORDINAL_ENCODER = "sklearn.preprocessing._encoders.OrdinalEncoder";

    /** Whether any feature is categorical. */
    boolean categorical() {
        return knownWords.length > 0;
    }

    /** The features of {@code estimator}, which was fitted on {@code features} columns. */
    static HistFeatures read(PythonObject estimator, SkLearnVersion version, int features) {
        boolean[] categorical = flags(estimator.get("is_categorical_"), features, "is_categorical_");
        Object preprocessor = estimator.get("_preprocessor");
        int[] column = new int[features];
        double[][] encoded = new double[features][];
        if (!anyOf(categorical)) {
            if (preprocessor != null) {
                throw new ModelDeclinedException("HistGradientBoosting with a _preprocessor and no categorical feature "
                        + "is not compiled");
            }
            Arrays.setAll(column, f -> f);
            return new HistFeatures(column, encoded, filled(features), new int[0]);
        }
        if (!version.atLeast(1, 4)) {
            if (preprocessor != null) {
                throw new ModelDeclinedException("a HistGradientBoosting _preprocessor before scikit-learn 1.4 is not "
                        + "compiled");
            }
            Arrays.setAll(column, f -> f);
        } else if (preprocessor instanceof ClassDict transformer
                && transformer.getClassName().equals(SkLearnPreprocessing.COLUMN_TRANSFORMER)) {
            readPreprocessor(transformer, categorical, column, encoded);
        } else {
            throw new ModelDeclinedException("HistGradientBoosting's categorical features from scikit-learn 1.4 are "
                    + "encoded by its _preprocessor, which is " + (preprocessor == null ? "missing"
                    : "a " + Unpickled.classNameOf(preprocessor)));
        }
        // The bin mapper counts features as the predictors do: the categorical ones are the same columns.
        boolean[] expected = new boolean[features];
        for (int f = 0; f < features; f++) {
            expected[f] = categorical[column[f]];
        }
        return withKnownCategories(estimator, column, encoded, expected);
    }

    /**
     * {@code transformers_}: ("encoder", OrdinalEncoder, the categorical mask), ("numerical", FunctionTransformer of
     * {@code check_array}, the others), and from 1.5 or so a ("remainder", "drop", nothing) entry; the output
     * stacks the selections in that order.
     */
    private static void readPreprocessor(ClassDict transformer, boolean[] categorical, int[] column,
                                         double[][] encoded) {
        if (transformer.get("transformer_weights") != null) {
            throw new ModelDeclinedException("HistGradientBoosting's _preprocessor with transformer_weights is not "
                    + "compiled");
        }
        int out = 0;
        List<double[]> categories = null;
        for (Object entry : PickledArrays.list(transformer, "transformers_")) {
            List<?> triple = PickledArrays.items(entry);
            if (triple == null || triple.size() != 3) {
                throw PickledArrays.declined(transformer, "transformers_", entry);
            }
            String name = String.valueOf(triple.get(0));
            if (name.equals("remainder") && "drop".equals(triple.get(1))) {
                continue; // what the other two leave, which is nothing: checked below
            }
            boolean[] selected = flags(triple.get(2), column.length, "_preprocessor " + name + " columns");
            boolean encoder = name.equals("encoder") && categories == null;
            boolean numerical = name.equals("numerical") && triple.get(1) instanceof ClassDict step
                    && step.getClassName().equals(SkLearnPreprocessing.FUNCTION_TRANSFORMER);
            if (encoder) {
                categories = ordinalCategories(triple.get(1));
            }
            for (int c = 0; c < column.length; c++) {
                // encoder: the categorical mask itself; numerical: its complement.
                if (!(encoder || numerical) || selected[c] != (encoder ? categorical[c] : !categorical[c])) {
                    throw new ModelDeclinedException("HistGradientBoosting's _preprocessor entry '" + name
                            + "' is not the one scikit-learn builds; the workers serve this model");
                }
                if (selected[c]) {
                    if (out == column.length) {
                        throw new ModelDeclinedException("HistGradientBoosting's _preprocessor reads a column twice");
                    }
                    if (encoder) {
                        encoded[c] = categories.get(count(selected, c));
                    }
                    column[out++] = c;
                }
            }
        }
        if (out != column.length || categories == null) {
            throw new ModelDeclinedException("HistGradientBoosting's _preprocessor does not read every column once");
        }
    }

    /**
     * An {@code OrdinalEncoder} as the estimator makes it: unknown and missing values NaN, no infrequent categories,
     * categories that are float64 numbers (text categories, fitted from a pandas category dtype, are not compiled).
     */
    private static List<double[]> ordinalCategories(Object fitted) {
        if (!(fitted instanceof ClassDict encoder) || !encoder.getClassName().equals(ORDINAL_ENCODER)) {
            throw new ModelDeclinedException("HistGradientBoosting's _preprocessor encodes with a "
                    + Unpickled.classNameOf(fitted) + ", which is not compiled");
        }
        boolean asBuilt = "use_encoded_value".equals(encoder.get("handle_unknown"))
                && isNaN(encoder.get("unknown_value")) && isNaN(encoder.get("encoded_missing_value"))
                && !Boolean.TRUE.equals(encoder.get("_infrequent_enabled"))
                && encoder.get("min_frequency") == null && encoder.get("max_categories") == null;
        if (!asBuilt) {
            throw new ModelDeclinedException("HistGradientBoosting's OrdinalEncoder is not the one scikit-learn "
                    + "builds (unknown and missing values encoded as NaN); the workers serve this model");
        }
        List<double[]> all = new ArrayList<>();
        for (Object fittedCategories : PickledArrays.list(encoder, "categories_")) {
            List<?> items = PickledArrays.items(fittedCategories);
            if (items == null || !items.stream().allMatch(item -> item instanceof Double)) {
                throw new ModelDeclinedException("HistGradientBoosting with categories that are not float64 numbers "
                        + "(text or a pandas category dtype) is not compiled; the workers serve this model");
            }
            double[] categories = items.stream().mapToDouble(item -> (Double) item).toArray();
            // "OrdinalEncoder always puts np.nan as the last category if the training data has missing values":
            // a NaN is encoded as missing either way.
            int known = categories.length > 0 && Double.isNaN(categories[categories.length - 1])
                    ? categories.length - 1 : categories.length;
            double[] sorted = new double[known];
            for (int i = 0; i < known; i++) {
                // np.searchsorted and np.isin compare -0.0 equal to 0.0; Arrays.binarySearch would not.
                sorted[i] = categories[i] + 0.0;
                if (Double.isNaN(sorted[i]) || i > 0 && !(sorted[i - 1] < sorted[i])) {
                    throw new ModelDeclinedException("HistGradientBoosting's OrdinalEncoder categories are not "
                            + "sorted and unique, as np.unique leaves them");
                }
            }
            all.add(sorted);
        }
        return all;
    }

    /**
     * {@code make_known_categories_bitsets}: for each categorical feature of the bin mapper (in the predictors'
     * order), its known categories {@code bin_thresholds_[f]}, each set as {@code <uint8>} in a bitset; from 1.4
     * those are {@code 0 .. n-1}, the encoder's codes.
     */
    private static HistFeatures withKnownCategories(PythonObject estimator, int[] column, double[][] encoded,
                                                    boolean[] expected) {
        int features = column.length;
        Object binMapper = estimator.get("_bin_mapper");
        if (!(binMapper instanceof ClassDict mapper)) {
            throw new ModelDeclinedException("HistGradientBoosting's _bin_mapper is a "
                    + Unpickled.classNameOf(binMapper) + ", which the compiled evaluator does not read");
        }
        boolean[] categorical = flags(mapper.get("is_categorical_"), features, "_bin_mapper.is_categorical_");
        List<Object> thresholds = PickledArrays.list(mapper, "bin_thresholds_");
        if (thresholds.size() != features) {
            throw PickledArrays.declined(mapper, "bin_thresholds_", thresholds);
        }
        int[] knownBitset = filled(features);
        List<Integer> words = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            boolean encodedHere = encoded[column[f]] != null;
            if (categorical[f] != expected[f]) {
                throw new ModelDeclinedException("HistGradientBoosting's bin mapper and _preprocessor disagree on "
                        + "which features are categorical");
            }
            if (!categorical[f]) {
                continue;
            }
            knownBitset[f] = words.size();
            int[] bitset = new int[HistTrees.CategoricalSplits.WORDS];
            List<?> known = PickledArrays.items(thresholds.get(f));
            for (Object category : known == null ? List.of() : known) {
                double value = category instanceof Number number ? number.doubleValue() : Double.NaN;
                if (!(value >= 0 && value <= 255 && value == Math.rint(value))) {
                    throw new ModelDeclinedException("HistGradientBoosting knows a category " + category
                            + ", not an integer from 0 to 255");
                }
                int c = (int) value;
                bitset[c >>> 5] |= 1 << (c & 31);
            }
            if (encodedHere && (known == null || known.size() != encoded[column[f]].length)) {
                throw new ModelDeclinedException("HistGradientBoosting's bin mapper knows another number of "
                        + "categories than its OrdinalEncoder");
            }
            for (int word : bitset) {
                words.add(word);
            }
        }
        return new HistFeatures(column, encoded, knownBitset, words.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A NumPy bool / uint8 array, a list of bools, or None (no feature flagged). */
    private static boolean[] flags(Object value, int features, String what) {
        boolean[] flags = new boolean[features];
        if (value == null) {
            return flags;
        }
        List<?> items = PickledArrays.items(value);
        if (items == null || items.size() != features) {
            throw new ModelDeclinedException("HistGradientBoosting's " + what + " is a "
                    + Unpickled.classNameOf(value) + " of " + (items == null ? "?" : items.size()) + " values for "
                    + features + " features");
        }
        for (int f = 0; f < features; f++) {
            Object flag = items.get(f);
            flags[f] = Boolean.TRUE.equals(flag) || flag instanceof Number n && n.longValue() != 0;
        }
        return flags;
    }

    private static boolean anyOf(boolean[] flags) {
        for (boolean flag : flags) {
            if (flag) {
                return true;
            }
        }
        return false;
    }

    private static int count(boolean[] flags, int before) {
        int count = 0;
        for (int i = 0; i < before; i++) {
            count += flags[i] ? 1 : 0;
        }
        return count;
    }

    private static int[] filled(int length) {
        int[] minusOnes = new int[length];
        Arrays.fill(minusOnes, -1);
        return minusOnes;
    }

    private static boolean isNaN(Object value) {
        return value instanceof Number number && Double.isNaN(number.doubleValue());
    }
}
