package dev.timpani.loaders.xgboost;

import dev.timpani.model.ModelLoadException;

/**
 * One regression tree of a legacy binary model, its fields exactly as stored ({@code RegTree::Load},
 * src/tree/tree_model.cc, XGBoost 1.7.4; the layout has not changed since 1.0).
 *
 * @param numFeature      {@code TreeParam::num_feature} (uint32 bits)
 * @param numDeleted      nodes a pruner deleted, still in the arrays ({@code TreeParam::num_deleted})
 * @param parents         {@code Node::parent_}: the parent's index, the top bit set for a left child; -1 at the root
 * @param leftChildren    {@code Node::cleft_}, -1 at a leaf
 * @param rightChildren   {@code Node::cright_}
 * @param splitIndices    {@code Node::sindex_}: the feature index, the top bit set when a missing value goes left
 * @param splitConditions {@code Node::info_}: the threshold of a split, the value of a leaf (a union)
 */
record LegacyTree(long numFeature, int numDeleted, int[] parents, int[] leftChildren, int[] rightChildren,
                  int[] splitIndices, float[] splitConditions, float[] lossChanges, float[] sumHessians,
                  float[] baseWeights) {

    /** {@code sizeof(RegTree::Node)}: parent_, cleft_, cright_, sindex_ and info_, 4 bytes each. */
    private static final int NODE_BYTES = 20;
    /** {@code sizeof(RTreeNodeStat)}: loss_chg, sum_hess, base_weight and leaf_child_cnt. */
    private static final int STAT_BYTES = 16;
    /** {@code RegTree::kDeletedNodeMarker}. */
    private static final int DELETED = 0xFFFFFFFF;
    private static final int LOW_31_BITS = 0x7FFFFFFF;

    static LegacyTree read(LegacyBinaryInput in, int index) {
        String tree = "tree " + index;
        // TreeParam (148 bytes): deprecated_num_roots, num_nodes, num_deleted, deprecated_max_depth,
        // num_feature, size_leaf_vector, reserved[31].
        int roots = in.int32(tree + "'s num_roots");
        int nodeCount = in.int32(tree + "'s num_nodes");
        int numDeleted = in.int32(tree + "'s num_deleted");
        in.int32(tree + "'s max_depth"); // a training statistic XGBoost 1.7 neither reads nor writes to JSON
        long numFeature = Integer.toUnsignedLong(in.int32(tree + "'s num_feature"));
        int leafVector = in.int32(tree + "'s size_leaf_vector");
        in.skip(31 * Integer.BYTES, tree + "'s reserved fields");
        if (roots != 1) {
            // XGBoost 1.x's trees have one root; its own JSON has no field for more.
            throw new ModelLoadException("XGBoost legacy binary model: " + tree + " has " + roots
                    + " roots; only single-root trees can be translated");
        }
        if (leafVector != 0) {
            throw new ModelLoadException("XGBoost legacy binary model: " + tree + " has vector leaves "
                    + "(size_leaf_vector " + leafVector + "), which XGBoost 1.x's binary format does not define");
        }
        if (nodeCount < 1) {
            throw new ModelLoadException("Corrupt XGBoost legacy binary model: " + tree + " has " + nodeCount
                    + " nodes");
        }
        int nodes = in.checkedCount(nodeCount, tree + "'s nodes", NODE_BYTES + STAT_BYTES);
        int[] parents = new int[nodes];
        int[] lefts = new int[nodes];
        int[] rights = new int[nodes];
        int[] splitIndices = new int[nodes];
        float[] conditions = new float[nodes];
        for (int n = 0; n < nodes; n++) {
            String node = tree + "'s node " + n;
            parents[n] = in.int32(node);
            lefts[n] = in.int32(node);
            rights[n] = in.int32(node);
            splitIndices[n] = in.int32(node);
            conditions[n] = in.float32(node);
        }
        float[] lossChanges = new float[nodes];
        float[] sumHessians = new float[nodes];
        float[] baseWeights = new float[nodes];
        for (int n = 0; n < nodes; n++) {
            String stat = tree + "'s node statistics " + n;
            lossChanges[n] = in.float32(stat);
            sumHessians[n] = in.float32(stat);
            baseWeights[n] = in.float32(stat);
            in.int32(stat); // leaf_child_cnt: a training count XGBoost 1.7's JSON does not keep either
        }
        LegacyTree read = new LegacyTree(numFeature, numDeleted, parents, lefts, rights, splitIndices, conditions,
                lossChanges, sumHessians, baseWeights);
        read.checkDeletedCount(tree);
        return read;
    }

    /**
     * XGBoost follows child indices and reads the split feature without bounds checks, so a corrupt file must
     * fail here rather than in native code.
     */
    void checkShape(int index, long modelFeatures) {
        int nodes = parents.length;
        for (int n = 0; n < nodes; n++) {
            if ((n > 0 && splitIndices[n] == DELETED) || leftChildren[n] == -1) {
                continue;
            }
            long feature = splitIndices[n] & LOW_31_BITS;
            if (leftChildren[n] < 1 || leftChildren[n] >= nodes || rightChildren[n] < 1 || rightChildren[n] >= nodes
                    || feature >= modelFeatures) {
                throw new ModelLoadException("Corrupt XGBoost legacy binary model: tree " + index + "'s node " + n
                        + " splits feature " + feature + " of " + modelFeatures + " into nodes " + leftChildren[n]
                        + " and " + rightChildren[n] + " of " + nodes);
            }
        }
    }

    /** RegTree::Load checks the same (CHECK_EQ(deleted_nodes_.size(), param.num_deleted)). */
    private void checkDeletedCount(String tree) {
        int deleted = 0;
        for (int n = 1; n < splitIndices.length; n++) {
            if (splitIndices[n] == DELETED) {
                deleted++;
            }
        }
        if (deleted != numDeleted) {
            throw new ModelLoadException("Corrupt XGBoost legacy binary model: " + tree + " says " + numDeleted
                    + " deleted nodes but marks " + deleted);
        }
    }

    /**
     * The tree as XGBoost 1.7.4's {@code RegTree::SaveModel} writes it: the split index and the default
     * direction are {@code sindex_}'s low 31 bits and top bit, a parent is {@code parent_}'s low 31 bits (so the
     * root's is 2147483647), and {@code info_} is the split condition of a split and the value of a leaf alike.
     * The binary format cannot hold categorical splits ({@code RegTree::Save} refuses them), so every split is
     * numerical and the category lists are empty.
     */
    void writeJson(JsonBytes json, int id) {
        int nodes = parents.length;
        int[] parentIndices = new int[nodes];
        int[] featureIndices = new int[nodes];
        int[] defaultLeft = new int[nodes];
        for (int n = 0; n < nodes; n++) {
            parentIndices[n] = parents[n] & LOW_31_BITS;
            featureIndices[n] = splitIndices[n] & LOW_31_BITS;
            defaultLeft[n] = splitIndices[n] >>> 31;
        }
        json.raw("{").key("base_weights").numbers(baseWeights)
                .raw(",").key("categories").raw("[]")
                .raw(",").key("categories_nodes").raw("[]")
                .raw(",").key("categories_segments").raw("[]")
                .raw(",").key("categories_sizes").raw("[]")
                .raw(",").key("default_left").numbers(defaultLeft)
                .raw(",").key("id").number(id)
                .raw(",").key("left_children").numbers(leftChildren)
                .raw(",").key("loss_changes").numbers(lossChanges)
                .raw(",").key("parents").numbers(parentIndices)
                .raw(",").key("right_children").numbers(rightChildren)
                .raw(",").key("split_conditions").numbers(splitConditions)
                .raw(",").key("split_indices").numbers(featureIndices)
                .raw(",").key("split_type").numbers(new int[nodes])
                .raw(",").key("sum_hessian").numbers(sumHessians)
                .raw(",").key("tree_param").raw("{")
                .key("num_deleted").string(Integer.toString(numDeleted))
                .raw(",").key("num_feature").string(Long.toString(numFeature))
                .raw(",").key("num_nodes").string(Integer.toString(nodes))
                .raw(",").key("size_leaf_vector").string("0")
                .raw("}}");
    }
}
