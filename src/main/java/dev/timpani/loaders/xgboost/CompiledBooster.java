package dev.timpani.loaders.xgboost;

import dev.timpani.trees.GlibcFloatMath;
import dev.timpani.trees.XGBoostTrees;
import dev.timpani.trees.XGBoostTrees.Link;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles a booster document into {@link XGBoostTrees}, or says why not: the engine takes only what it scores
 * exactly as XGBoost (1.x to 3.x) does, and anything else stays with XGBoost4J. Declined: boosters other than
 * gbtree (dart weighs its trees, gblinear has none), objectives other than those in {@link #LINKS}, categorical
 * splits or features, vector leaves and several targets, a right child that is not the left one plus one (XGBoost's
 * predictor assumes it, {@code predict_fn.h}), and any field out of its range.
 */
final class CompiledBooster {

    /** Objectives whose ProbToMargin and PredTransform are reproduced. */
    private static final Map<String, Link> LINKS = Map.of("reg:squarederror", Link.IDENTITY,
            "reg:logistic", Link.SIGMOID, "binary:logistic", Link.SIGMOID, "binary:logitraw", Link.IDENTITY,
            "multi:softprob", Link.SOFTMAX, "multi:softmax", Link.ARGMAX);

    /** Why a booster is left to XGBoost4J: said in the model's description. */
    static final class NotCompiled extends Exception {
        NotCompiled(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What the compiled model needs: the trees and the features as XGBoost4J would report them. */
    record Compiled(XGBoostTrees trees, String[] featureNames, int featureCount) {
    }

    private CompiledBooster() {
    }

    static Compiled compile(byte[] document) throws NotCompiled {
        Map<String, Object> root;
        try {
            root = BoosterDocument.read(document);
        } catch (IOException | RuntimeException unreadable) {
            throw new NotCompiled("the document could not be read (" + unreadable.getMessage() + ")");
        }
        try {
            return compile(root);
        } catch (RuntimeException unexpected) {
            // A missing or mistyped field (ClassCastException, NullPointerException, NumberFormatException, ...):
            // XGBoost4J reads it, or fails with its own message.
            throw new NotCompiled("the document has a shape the tree engine does not know ("
                    + unexpected.getClass().getSimpleName() + ")");
        }
    }

    private static Compiled compile(Map<String, Object> root) throws NotCompiled {
        int[] version = ints(root.get("version"));
        if (version.length != 3 || version[0] < 1) {
            throw new NotCompiled("no XGBoost 1.0 or later version in the document");
        }
        Map<String, Object> learner = object(root, "learner");
        String objective = (String) object(learner, "objective").get("name");
        Link link = LINKS.get(objective);
        if (link == null) {
            throw new NotCompiled("the tree engine does not reproduce the objective " + objective);
        }
        Map<String, Object> booster = object(learner, "gradient_booster");
        if (!"gbtree".equals(booster.get("name"))) {
            throw new NotCompiled("the tree engine does not reproduce the " + booster.get("name") + " booster");
        }
        Map<String, Object> parameters = object(learner, "learner_model_param");
        int featureCount = Integer.parseInt((String) parameters.get("num_feature"));
        int classes = Integer.parseInt((String) parameters.get("num_class"));
        if (parameters.containsKey("num_target") && Integer.parseInt((String) parameters.get("num_target")) != 1) {
            throw new NotCompiled("the tree engine does not reproduce a model of several targets");
        }
        boolean multiclass = link == Link.SOFTMAX || link == Link.ARGMAX;
        if (multiclass ? classes < 1 || classes != objectiveClasses(object(learner, "objective")) : classes > 1) {
            throw new NotCompiled("num_class " + classes + " does not fit the objective " + objective);
        }
        int groups = Math.max(1, classes);
        String[] names = strings(learner.get("feature_names"));
        for (String type : strings(learner.get("feature_types"))) {
            if (type.equals("c")) {
                throw new NotCompiled("the tree engine does not reproduce categorical features");
            }
        }
        // binary:logitraw's LogisticRaw keeps base_score as it is (its own ProbToMargin, 1.7 to 3.4).
        boolean logit = objective.equals("reg:logistic") || objective.equals("binary:logistic");
        float[] baseMargin = baseMargin((String) parameters.get("base_score"), groups, logit, version);

        Map<String, Object> model = object(booster, "model");
        List<?> trees = (List<?>) model.get("trees");
        int[] treeInfo = ints(model.get("tree_info"));
        int declaredTrees = Integer.parseInt((String) object(model, "gbtree_model_param").get("num_trees"));
        if (trees.size() != declaredTrees || treeInfo.length != declaredTrees) {
            throw new NotCompiled("num_trees, tree_info and trees disagree");
        }
        checkUnweighted(model.get("weight_drop"));
        if (model.get("cats") instanceof Map<?, ?> cats && cats.get("enc") != null && !isEmpty(cats.get("enc"))) {
            throw new NotCompiled("the tree engine does not reproduce categorical features");
        }
        return new Compiled(nodes(trees, treeInfo, groups, featureCount, baseMargin, link), names, featureCount);
    }

    /**
     * XGBoost 3.x saves a gbtree's tree weights ({@code weight_drop}, what dart became) and multiplies each leaf
     * value by its tree's weight ({@code cpu_predictor.cc}); a weight of exactly 1 changes nothing, any other is left
     * to XGBoost4J.
     */
    private static void checkUnweighted(Object weights) throws NotCompiled {
        if (weights == null) {
            return;
        }
        for (float weight : floats(weights)) {
            if (weight != 1.0f) {
                throw new NotCompiled("the tree engine does not reproduce tree weights other than 1 (weight_drop)");
            }
        }
    }

    private static boolean isEmpty(Object array) {
        return array instanceof List<?> list ? list.isEmpty() : java.lang.reflect.Array.getLength(array) == 0;
    }

    /** softmax_multiclass_param.num_class, which the objective's transform reads. */
    private static int objectiveClasses(Map<String, Object> objective) {
        Object parameters = objective.get("softmax_multiclass_param");
        return parameters instanceof Map<?, ?> map ? Integer.parseInt((String) map.get("num_class")) : -1;
    }

    /**
     * The starting margin per group: {@code base_score} as saved (a scalar string up to 3.0; from 3.1 a vector
     * {@code [..]} per class, one value broadcast as {@code HandleOldFormat} does), through the objective's
     * ProbToMargin in float32 ({@code src/objective/regression_loss.h}): the logit {@code -logf(1.0f / b - 1.0f)}
     * for reg:logistic and binary:logistic (from 3.2 after clamping b to [1e-6, 1 - 1e-6]; before, XGBoost refuses
     * b outside (0, 1)), the identity for the others.
     */
    static float[] baseMargin(String saved, int groups, boolean logit, int[] version) throws NotCompiled {
        String text = saved.strip();
        List<Float> values = new ArrayList<>();
        if (text.startsWith("[")) {
            if (!text.endsWith("]")) {
                throw new NotCompiled("base_score " + saved + " is not understood");
            }
            for (String item : text.substring(1, text.length() - 1).split(",")) {
                values.add(Float.parseFloat(item.strip()));
            }
        } else {
            values.add(Float.parseFloat(text));
        }
        if (values.size() != 1 && values.size() != groups) {
            throw new NotCompiled("base_score has " + values.size() + " values for " + groups + " outputs");
        }
        float[] margins = new float[groups];
        for (int g = 0; g < groups; g++) {
            float b = values.get(values.size() == 1 ? 0 : g);
            if (!Float.isFinite(b)) {
                throw new NotCompiled("base_score " + saved + " is not finite");
            }
            margins[g] = logit ? logit(b, version) : b;
        }
        return margins;
    }

    private static float logit(float b, int[] version) throws NotCompiled {
        boolean clamps = version[0] > 3 || version[0] == 3 && version[1] >= 2;
        if (clamps) {
            float eps = 1e-6f; // kRtEps
            b = Math.min(Math.max(b, eps), 1.0f - eps);
        } else if (!(b > 0.0f && b < 1.0f)) {
            throw new NotCompiled("base_score " + b + " is outside (0, 1), which XGBoost refuses for a logistic "
                    + "objective");
        }
        return -GlibcFloatMath.logf(1.0f / b - 1.0f);
    }

    private static XGBoostTrees nodes(List<?> trees, int[] treeInfo, int groups, int featureCount,
                                      float[] baseMargin, Link link) throws NotCompiled {
        int total = 0;
        for (Object tree : trees) {
            total += nodeCount(asObject(tree));
        }
        int[] roots = new int[trees.size()];
        int[] left = new int[total];
        int[] feature = new int[total];
        float[] value = new float[total];
        int[] missingStep = new int[total];
        int offset = 0;
        for (int t = 0; t < trees.size(); t++) {
            if (treeInfo[t] < 0 || treeInfo[t] >= groups) {
                throw new NotCompiled("tree " + t + " is in group " + treeInfo[t] + " of " + groups);
            }
            Map<String, Object> tree = asObject(trees.get(t));
            int n = nodeCount(tree);
            int[] lefts = ints(tree.get("left_children"));
            int[] rights = ints(tree.get("right_children"));
            int[] indices = ints(tree.get("split_indices"));
            float[] conditions = floats(tree.get("split_conditions"));
            int[] defaults = ints(tree.get("default_left"));
            if (lefts.length != n || rights.length != n || indices.length != n || conditions.length != n
                    || defaults.length != n) {
                throw new NotCompiled("tree " + t + " has arrays of other lengths than its num_nodes");
            }
            checkNumerical(tree, t);
            boolean[] seen = new boolean[n];
            List<Integer> pending = new ArrayList<>(List.of(0));
            while (!pending.isEmpty()) {
                int node = pending.remove(pending.size() - 1);
                if (seen[node]) {
                    throw new NotCompiled("tree " + t + " reaches node " + node + " twice");
                }
                seen[node] = true;
                if (lefts[node] == -1) {
                    continue;
                }
                if (lefts[node] <= 0 || lefts[node] + 1 >= n || rights[node] != lefts[node] + 1) {
                    throw new NotCompiled("tree " + t + " node " + node + " has children " + lefts[node] + ", "
                            + rights[node] + ": XGBoost's predictor takes the right child to be the left plus one");
                }
                if (indices[node] < 0 || indices[node] >= featureCount) {
                    throw new NotCompiled("tree " + t + " splits on feature " + indices[node] + " of "
                            + featureCount);
                }
                pending.add(lefts[node]);
                pending.add(rights[node]);
            }
            roots[t] = offset;
            for (int i = 0; i < n; i++) {
                left[offset + i] = lefts[i] == -1 ? -1 : offset + lefts[i];
                feature[offset + i] = lefts[i] == -1 ? 0 : indices[i];
                value[offset + i] = conditions[i];
                missingStep[offset + i] = defaults[i] != 0 ? 0 : 1;
            }
            offset += n;
        }
        return new XGBoostTrees(roots, treeInfo, baseMargin, left, feature, value, missingStep, link);
    }

    private static int nodeCount(Map<String, Object> tree) throws NotCompiled {
        Map<String, Object> parameters = object(tree, "tree_param");
        Object leafVector = parameters.get("size_leaf_vector");
        if (leafVector != null && Integer.parseInt((String) leafVector) > 1) {
            throw new NotCompiled("the tree engine does not reproduce vector-leaf trees");
        }
        int n = Integer.parseInt((String) parameters.get("num_nodes"));
        if (n < 1) {
            throw new NotCompiled("a tree has no nodes");
        }
        return n;
    }

    /** split_type 1 marks a categorical split (XGBoost 1.5 and later write the array, all 0 when numerical). */
    private static void checkNumerical(Map<String, Object> tree, int t) throws NotCompiled {
        if (tree.containsKey("split_type")) {
            for (int type : ints(tree.get("split_type"))) {
                if (type != 0) {
                    throw new NotCompiled("tree " + t + " has categorical splits");
                }
            }
        }
        Object categories = tree.get("categories");
        if (categories != null && ints(categories).length > 0) {
            throw new NotCompiled("tree " + t + " has categorical splits");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key) throws NotCompiled {
        if (!(parent.get(key) instanceof Map<?, ?> child)) {
            throw new NotCompiled("no " + key + " object in the document");
        }
        return (Map<String, Object>) child;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value) {
        return (Map<String, Object>) value;
    }

    private static String[] strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return new String[0];
        }
        String[] strings = new String[list.size()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = (String) list.get(i);
        }
        return strings;
    }

    /** An integer array: a UBJSON typed array, or a list of whole numbers. */
    private static int[] ints(Object value) {
        if (value instanceof int[] ints) {
            return ints;
        }
        if (value instanceof long[] longs) {
            int[] ints = new int[longs.length];
            for (int i = 0; i < longs.length; i++) {
                ints[i] = Math.toIntExact(longs[i]);
            }
            return ints;
        }
        List<?> list = (List<?>) value;
        int[] ints = new int[list.size()];
        for (int i = 0; i < ints.length; i++) {
            Object item = list.get(i);
            ints[i] = item instanceof Boolean bool ? (bool ? 1 : 0) : Math.toIntExact((Long) item);
        }
        return ints;
    }

    /** A float32 array: a UBJSON float32 array, or a list of numbers read as float32. */
    private static float[] floats(Object value) {
        if (value instanceof float[] floats) {
            return floats;
        }
        List<?> list = (List<?>) value;
        float[] floats = new float[list.size()];
        for (int i = 0; i < floats.length; i++) {
            Object item = list.get(i);
            floats[i] = item instanceof Float f ? f : (float) (long) (Long) item;
        }
        return floats;
    }
}
