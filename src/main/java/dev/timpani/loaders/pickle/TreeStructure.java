package dev.timpani.loaders.pickle;

import java.util.List;
import sklearn.tree.Tree;

/**
 * scikit-learn {@code Tree}s laid end to end (sklearn/tree/_tree.pyx's node arrays): each tree's nodes start at its
 * root's index, children become absolute indices, and a leaf has -1 for both children and feature 0. What the trees,
 * forests and gradient boosting share; each fills its own per-node values at {@code roots[t] + n}.
 *
 * @param roots     the index of each tree's first node
 * @param left      left child per node, -1 at a leaf
 * @param right     right child per node, -1 at a leaf
 * @param feature   feature index per split node
 * @param threshold split threshold per node, as stored (float64)
 */
record TreeStructure(int[] roots, int[] left, int[] right, int[] feature, double[] threshold) {

    static TreeStructure of(List<Tree> trees) {
        int nodes = 0;
        for (Tree tree : trees) {
            nodes += tree.getChildrenLeft().length;
        }
        TreeStructure flat = new TreeStructure(new int[trees.size()], new int[nodes], new int[nodes], new int[nodes],
                new double[nodes]);
        int offset = 0;
        for (int t = 0; t < trees.size(); t++) {
            Tree tree = trees.get(t);
            int[] treeLeft = tree.getChildrenLeft();
            int[] treeRight = tree.getChildrenRight();
            int[] treeFeature = tree.getFeature();
            double[] treeThreshold = tree.getThreshold();
            flat.roots[t] = offset;
            for (int n = 0; n < treeLeft.length; n++) {
                boolean leaf = treeLeft[n] < 0;
                flat.left[offset + n] = leaf ? -1 : offset + treeLeft[n];
                flat.right[offset + n] = leaf ? -1 : offset + treeRight[n];
                flat.feature[offset + n] = leaf ? 0 : treeFeature[n];
                flat.threshold[offset + n] = treeThreshold[n];
            }
            offset += treeLeft.length;
        }
        return flat;
    }

    int nodes() {
        return left.length;
    }
}
