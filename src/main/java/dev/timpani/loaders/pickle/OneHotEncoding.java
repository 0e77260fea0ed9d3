package dev.timpani.loaders.pickle;

import dev.timpani.data.Column;
import dev.timpani.data.TextColumn;
import dev.timpani.model.ModelFailedException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code OneHotEncoder.transform} on string columns (sklearn/preprocessing/_encoders.py, 1.2.1, 1.6.1, 1.9.1), from
 * the fitted attributes, which already say what each version computed in fit:
 * <ol>
 * <li>a cell's index in {@code categories_[i]}; a cell not among them is unknown: {@code handle_unknown='error'}
 *     raises {@code Found unknown categories [...] in column i during transform}; with infrequent categories
 *     ({@code _infrequent_indices[i]}) it takes the first infrequent index, and counts
 *     ({@code infrequent_if_exist}, 1.9's {@code warn}) or stays an all-zero row ({@code ignore});</li>
 * <li>{@code _default_to_infrequent_mappings[i]} maps the index onto the grouped columns (infrequent ones last);</li>
 * <li>the dropped column ({@code _drop_idx_after_grouping}, 1.2's {@code drop_idx_}) clears the cell's one, and
 *     columns after it move one to the left;</li>
 * <li>the feature's {@code _n_features_outs[i]} columns follow the previous features' ones.</li>
 * </ol>
 *
 * @param features per input column, what was fitted
 * @param countsUnknownAsInfrequent {@code handle_unknown} is {@code infrequent_if_exist} (or 1.9's {@code warn})
 * @param refusesUnknown {@code handle_unknown='error'}
 */
record OneHotEncoding(List<Feature> features, boolean countsUnknownAsInfrequent, boolean refusesUnknown)
        implements Preprocessing {

    OneHotEncoding {
        features = List.copyOf(features);
    }

    /**
     * @param codes          category to its index in {@code categories_[i]}
     * @param firstInfrequent {@code _infrequent_indices[i][0]}, or -1 without infrequent categories
     * @param grouping       {@code _default_to_infrequent_mappings[i]}, null when none
     * @param dropped        the dropped column in grouped space, -1 for none
     * @param width          {@code _n_features_outs[i]}
     */
    record Feature(Map<String, Integer> codes, int firstInfrequent, int[] grouping, int dropped, int width) {
    }

    @Override
    public int width(int inputs) {
        return features.stream().mapToInt(Feature::width).sum();
    }

    /** The encoded columns of {@code inputs} (one per fitted feature, in order): 0.0 / 1.0. */
    @Override
    public double[][] apply(Column[] inputs, List<String> names, int rows) {
        double[][] out = new double[width(inputs.length)][];
        for (int c = 0; c < out.length; c++) {
            out[c] = new double[rows];
        }
        int offset = 0;
        for (int i = 0; i < features.size(); i++) {
            Feature feature = features.get(i);
            String[] cells = texts(inputs[i]);
            if (refusesUnknown) {
                refuseUnknown(feature, cells, i);
            }
            for (int row = 0; row < rows; row++) {
                Integer code = cells[row] == null ? null : feature.codes().get(cells[row]);
                int index;
                if (code != null) {
                    index = code;
                } else if (feature.firstInfrequent() >= 0 && countsUnknownAsInfrequent) {
                    index = feature.firstInfrequent();
                } else {
                    continue; // handle_unknown='ignore': the feature's columns stay 0
                }
                if (feature.grouping() != null) {
                    index = feature.grouping()[index];
                }
                if (feature.dropped() >= 0) {
                    if (index == feature.dropped()) {
                        continue;
                    }
                    if (index > feature.dropped()) {
                        index--;
                    }
                }
                out[offset + index][row] = 1.0;
            }
            offset += feature.width();
        }
        return out;
    }

    /**
     * The encoder was fitted on strings; pandas reads a column of digits (or of empty cells) as numbers, and the
     * library then fails in {@code _check_unknown}'s {@code np.isnan} on the object array of categories: a
     * {@code TypeError} with these words in 1.2.1, 1.6.1 and 1.9.1 alike, whatever {@code handle_unknown} says
     * (measured with each version: int64 and float64 columns).
     */
    private static String[] texts(Column column) {
        if (column instanceof TextColumn text) {
            return text.values();
        }
        throw new ModelFailedException("ufunc 'isnan' not supported for the input types, and the inputs could not "
                + "be safely coerced to any supported types according to the casting rule ''safe''");
    }

    private static void refuseUnknown(Feature feature, String[] cells, int column) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String cell : cells) {
            if (cell == null || !feature.codes().containsKey(cell)) {
                unknown.add(cell == null ? "nan" : "'" + cell + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw new ModelFailedException("Found unknown categories " + unknown.stream()
                    .collect(Collectors.joining(", ", "[", "]")) + " in column " + column + " during transform");
        }
    }
}
