package dev.timpani.loaders.xgboost;

import dev.timpani.model.ModelLoadException;
import java.util.ArrayList;
import java.util.List;

/**
 * The gbtree booster of a legacy binary model as {@code GBTreeModel::Load} (src/gbm/gbtree_model.cc, 1.7.4)
 * reads it: {@code GBTreeModelParam} (160 bytes), the trees, then each tree's output group ({@code tree_info}).
 */
record LegacyGBTree(int numParallelTree, List<LegacyTree> trees, int[] treeInfo, boolean hasNumParallelTree) {

    static LegacyGBTree read(LegacyBinaryInput in, LegacyLearnerParam learner) {
        // num_trees, num_parallel_tree (deprecated_num_roots before 1.6), deprecated_num_feature,
        // pad_32bit, deprecated_num_pbuffer (int64), deprecated_num_output_group, size_leaf_vector,
        // reserved[32].
        int numTrees = in.int32("num_trees");
        int numParallelTree = in.int32("num_parallel_tree");
        in.skip(2 * Integer.BYTES + Long.BYTES + Integer.BYTES, "the booster's deprecated fields");
        int leafVector = in.int32("the booster's size_leaf_vector");
        in.skip(32 * Integer.BYTES, "the booster's reserved fields");
        if (leafVector != 0) {
            throw new ModelLoadException("XGBoost legacy binary model has vector leaves (size_leaf_vector "
                    + leafVector + "), which XGBoost 1.x's binary format does not define");
        }
        if (numTrees == 0) {
            // XGBoost 3 estimates base_score afresh for a booster without trees (LearnerConfiguration::NeedFit).
            throw new ModelLoadException("XGBoost legacy binary model has no trees");
        }
        int count = in.checkedCount(numTrees, "the booster's trees", 1);
        List<LegacyTree> trees = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            LegacyTree tree = LegacyTree.read(in, t);
            tree.checkShape(t, learner.numFeature());
            trees.add(tree);
        }
        int[] treeInfo = new int[count];
        for (int t = 0; t < count; t++) {
            treeInfo[t] = in.int32("tree " + t + "'s output group");
            if (treeInfo[t] < 0 || treeInfo[t] >= learner.outputGroups()) {
                throw new ModelLoadException("Corrupt XGBoost legacy binary model: tree " + t
                        + " feeds output " + treeInfo[t] + " of " + learner.outputGroups());
            }
        }
        return new LegacyGBTree(numParallelTree, List.copyOf(trees), treeInfo, learner.minorVersion() >= 6);
    }

    /** As {@code GBTreeModel::SaveModel} writes it; before 1.6 the slot held num_roots, not num_parallel_tree. */
    void writeJson(JsonBytes json) {
        json.raw("{").key("gbtree_model_param").raw("{");
        if (hasNumParallelTree) {
            json.key("num_parallel_tree").string(Integer.toString(numParallelTree)).raw(",");
        }
        json.key("num_trees").string(Integer.toString(trees.size()))
                .raw(",").key("size_leaf_vector").string("0").raw("},");
        json.key("tree_info").numbers(treeInfo).raw(",").key("trees").raw("[");
        for (int t = 0; t < trees.size(); t++) {
            json.raw(t == 0 ? "" : ",");
            trees.get(t).writeJson(json, t);
        }
        json.raw("]}");
    }
}
