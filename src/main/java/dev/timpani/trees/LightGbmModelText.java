package dev.timpani.trees;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the text {@code LGBM_BoosterSaveModelToString} writes (what a pickled {@code Booster} holds) into
 * {@link LightGbmTrees}, as {@code GBDT::LoadModelFromString} (src/boosting/gbdt_model_text.cpp) and
 * {@code Tree::Tree(const char*, size_t*)} (src/io/tree.cpp) read it, LightGBM 4.x. A model this reader cannot take
 * whole is refused ({@link LightGbmUnsupportedException}), never scored with a field dropped: a format version other
 * than {@code v4}, a header or tree field it does not know, a {@code parser:} section, categories of pandas columns
 * (which the Python package maps before predicting, and refuses outright for a request read from csv).
 */
public final class LightGbmModelText {

    /** The format this reader knows, written by LightGBM 4.0 to 4.7 (and proven on 4.7.0). */
    public static final String FORMAT = "v4";

    /**
     * The header's fields. {@code feature_infos} (bin ranges), {@code tree_sizes} (offsets for parallel parsing),
     * {@code label_index} and {@code monotone_constraints} are training records that prediction does not read.
     */
    private static final Set<String> HEADER = Set.of("version", "num_class", "num_tree_per_iteration", "label_index",
            "max_feature_idx", "objective", "average_output", "feature_names", "feature_infos", "tree_sizes",
            "monotone_constraints");
    /**
     * A tree's fields; gains, weights, counts and internal values are training records, not read to predict. A linear
     * tree adds {@code leaf_const}, {@code num_features}, {@code leaf_features} and {@code leaf_coeff}
     * ({@code Tree::ToString}, src/io/tree.cpp).
     */
    private static final Set<String> TREE = Set.of("num_leaves", "num_cat", "split_feature", "split_gain", "threshold",
            "decision_type", "left_child", "right_child", "leaf_value", "leaf_weight", "leaf_count", "internal_value",
            "internal_weight", "internal_count", "cat_boundaries", "cat_threshold", "is_linear", "leaf_const",
            "num_features", "leaf_features", "leaf_coeff", "shrinkage");

    private final String[] lines;
    private int next;

    private LightGbmModelText(String text) {
        this.lines = text.split("\r?\n", -1);
    }

    public static LightGbmTrees parse(String text) {
        return new LightGbmModelText(text).read();
    }

    private LightGbmTrees read() {
        if (lines.length == 0 || !lines[0].equals("tree")) {
            throw new LightGbmUnsupportedException("the LightGBM model text does not start with 'tree'");
        }
        next = 1;
        Map<String, String> header = new HashMap<>();
        while (next < lines.length && !lines[next].startsWith("Tree=") && !lines[next].equals("end of trees")) {
            String line = lines[next++];
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            String key = equals < 0 ? line : line.substring(0, equals);
            if (!HEADER.contains(key)) {
                throw new LightGbmUnsupportedException("the LightGBM model text has a header field the JVM does not "
                        + "know: " + key);
            }
            header.put(key, equals < 0 ? "" : line.substring(equals + 1));
        }
        String version = header.get("version");
        if (!FORMAT.equals(version)) {
            throw new LightGbmUnsupportedException("the LightGBM model text is format " + version + "; the JVM reads "
                    + FORMAT + " only");
        }
        int numClass = integer(header, "num_class");
        int perIteration = header.containsKey("num_tree_per_iteration")
                ? integer(header, "num_tree_per_iteration") : numClass;
        int features = integer(header, "max_feature_idx") + 1;
        if (!header.containsKey("objective")) {
            throw new LightGbmUnsupportedException("the LightGBM model names no objective (a custom objective's raw "
                    + "scores)");
        }
        LightGbmObjective objective = LightGbmObjective.parse(header.get("objective"));
        if (objective.classes() != perIteration || numClass != perIteration) {
            throw new LightGbmUnsupportedException("the LightGBM model has " + perIteration + " trees per iteration "
                    + "and " + numClass + " classes for the objective " + objective.name());
        }
        List<String> names = List.of(header.getOrDefault("feature_names", "").split(" "));
        if (names.size() != features) {
            throw new LightGbmUnsupportedException("the LightGBM model names " + names.size() + " features for "
                    + features);
        }
        List<Map<String, String>> trees = new ArrayList<>();
        while (next < lines.length && lines[next].startsWith("Tree=")) {
            next++;
            trees.add(treeFields());
        }
        if (next >= lines.length || !lines[next].equals("end of trees")) {
            throw new LightGbmUnsupportedException("the LightGBM model text has no 'end of trees' after its trees");
        }
        if (trees.isEmpty() || trees.size() % perIteration != 0) {
            throw new LightGbmUnsupportedException("the LightGBM model has " + trees.size() + " trees for "
                    + perIteration + " per iteration");
        }
        next++;
        readTrailer();
        return LightGbmTrees.Builder.build(trees, perIteration, features, header.containsKey("average_output"),
                objective, names);
    }

    private Map<String, String> treeFields() {
        Map<String, String> fields = new HashMap<>();
        while (next < lines.length && !lines[next].isEmpty()) {
            String line = lines[next++];
            int equals = line.indexOf('=');
            fields.put(equals < 0 ? line : line.substring(0, equals), equals < 0 ? "" : line.substring(equals + 1));
        }
        for (String key : fields.keySet()) {
            if (!TREE.contains(key)) {
                throw new LightGbmUnsupportedException("a LightGBM tree has a field the JVM does not know: " + key);
            }
        }
        while (next < lines.length && lines[next].isEmpty()) {
            next++;
        }
        return fields;
    }

    /**
     * After the trees: feature importances and the training parameters (records; {@code linear_tree} is checked
     * on the trees themselves), then the {@code pandas_categorical:} line the Python package appends. A
     * {@code parser:} section or anything else unknown refuses the model.
     */
    private void readTrailer() {
        String blockEnd = null; // importances end at a blank line, parameters at "end of parameters"
        for (; next < lines.length; next++) {
            String line = lines[next];
            if (blockEnd != null) {
                if (line.equals(blockEnd)) {
                    blockEnd = null;
                }
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("feature_importances:")) {
                blockEnd = "";
            } else if (line.equals("parameters:")) {
                blockEnd = "end of parameters";
            } else if (line.startsWith("pandas_categorical:")) {
                String categories = line.substring("pandas_categorical:".length()).strip();
                if (!categories.equals("null") && !categories.equals("[]")) {
                    throw new LightGbmUnsupportedException("the LightGBM model was fitted on pandas categorical "
                            + "columns, whose categories the JVM does not map");
                }
            } else {
                throw new LightGbmUnsupportedException("the LightGBM model text has a section the JVM does not "
                        + "know: " + line);
            }
        }
    }

    private static int integer(Map<String, String> header, String key) {
        String value = header.get(key);
        if (value == null) {
            throw new LightGbmUnsupportedException("the LightGBM model text has no " + key);
        }
        return Integer.parseInt(value.strip());
    }
}
