package dev.timpani.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LightGbmModelTextTest {

    /**
     * Two features; tree 0 splits feature 0 numerically (missing type NaN, default left) at 1.5, tree 1 splits
     * feature 1 on categories {1, 33} (two words of bitset); a regression.
     */
    static final String MODEL = """
            tree
            version=v4
            num_class=1
            num_tree_per_iteration=1
            label_index=0
            max_feature_idx=1
            objective=regression
            feature_names=a b
            feature_infos=[0:3] -1:1:33
            tree_sizes=100 100

            Tree=0
            num_leaves=2
            num_cat=0
            split_feature=0
            split_gain=1
            threshold=1.5
            decision_type=10
            left_child=-1
            right_child=-2
            leaf_value=10 20
            leaf_weight=1 1
            leaf_count=1 1
            internal_value=0
            internal_weight=0
            internal_count=2
            is_linear=0
            shrinkage=1


            Tree=1
            num_leaves=2
            num_cat=1
            split_feature=1
            split_gain=1
            threshold=0
            decision_type=1
            left_child=-1
            right_child=-2
            leaf_value=0.25 0.5
            leaf_weight=1 1
            leaf_count=1 1
            internal_value=0
            internal_weight=0
            internal_count=2
            cat_boundaries=0 2
            cat_threshold=2 2
            is_linear=0
            shrinkage=1


            end of trees

            feature_importances:
            a=1
            b=1

            parameters:
            [boosting: gbdt]
            [linear_tree: 0]

            end of parameters

            pandas_categorical:null
            """;

    @Test
    void scoresNumericalAndCategoricalSplitsAsLightGbm() {
        LightGbmTrees trees = LightGbmModelText.parse(MODEL);
        double[][] columns = {
            {1.5, Math.nextUp(1.5), Double.NaN, 1e-36, 3, 3, 3, 3, 3},
            {1, 33, 1.9, -1, Double.NaN, 2, 64, -0.5, 1e10}};
        double[] got = trees.predict(columns, 9)[0];
        // 1.5 <= 1.5 left; the next double right; NaN default left; 1e-36 reads as 0.0; categories 1 and 33 (1.9
        // truncates to 1) left; -1, NaN, 2, 64 (beyond the words), -0.5 (truncates to 0, not in the set), 1e10 right.
        assertThat(got).containsExactly(10.25, 20.25, 10.25, 10.5, 20.5, 20.5, 20.5, 20.5, 20.5);
    }

    @Test
    void refusesAnotherFormatVersion() {
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replace("version=v4", "version=v3")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("format v3");
    }

    @Test
    void refusesLinearTrees() {
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replaceFirst("is_linear=0", "is_linear=1")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("linear trees");
    }

    @Test
    void refusesFieldsItDoesNotKnow() {
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replace("label_index=0", "label_index=0\nnew_field=1")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("new_field");
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replaceFirst("shrinkage=1", "shrinkage=1\nleaf_const=1")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("leaf_const");
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replace("pandas_categorical:null",
                "parser:\n{}\nend of parser\n\npandas_categorical:null")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("parser:");
    }

    @Test
    void refusesPandasCategoriesAndUnknownObjectives() {
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replace("pandas_categorical:null",
                "pandas_categorical:[[\"x\", \"y\"]]")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("pandas categorical");
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replace("objective=regression",
                "objective=regression sqrt")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("sqrt");
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replace("objective=regression",
                "objective=lambdarank")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("lambdarank");
    }

    @Test
    void appliesTheBinarySigmoidAndAveragesAForest() {
        String binary = MODEL.replace("objective=regression", "objective=binary sigmoid:0.5")
                .replace("tree_sizes", "average_output\ntree_sizes");
        double[] got = LightGbmModelText.parse(binary).predict(new double[][] {{0}, {1}}, 1)[0];
        double raw = (10 + 0.25) / 2;
        assertThat(got[0]).isEqualTo(1.0 / (1.0 + GlibcExp.exp(-0.5 * raw)));
    }
}
