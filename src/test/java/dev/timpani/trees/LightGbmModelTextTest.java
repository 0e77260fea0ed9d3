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
    void scoresLinearLeavesAsTreePredict() {
        // Tree 0 made linear: leaf 0 is 1 + 2 * a + 0.5 * b, leaf 1 has no terms (its constant 7); a NaN among a
        // leaf's features answers the leaf's plain value (10).
        String linear = MODEL.replaceFirst("is_linear=0", """
                is_linear=1
                leaf_const=1 7
                num_features=2 0
                leaf_features=0 1  \s
                leaf_coeff=2 0.5  \s""".stripTrailing());
        double[][] columns = {{1, 1, 3, Double.NaN}, {0.5, Double.NaN, 2, 0.5}};
        double[] got = LightGbmModelText.parse(linear).predict(columns, 4)[0];
        // b = 0.5 or NaN is not category 1 or 33: tree 1 answers 0.5
        assertThat(got).containsExactly(1 + 2 * 1.0 + 0.5 * 0.5 + 0.5, 10 + 0.5, 7 + 0.5, 10 + 0.5);
    }

    @Test
    void refusesALinearTreeWithoutItsTerms() {
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replaceFirst("is_linear=0",
                "is_linear=1\nleaf_const=1 7\nnum_features=1 0\nleaf_features=\nleaf_coeff=")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("leaf_features");
    }

    @Test
    void refusesFieldsItDoesNotKnow() {
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replace("label_index=0", "label_index=0\nnew_field=1")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("new_field");
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replaceFirst("shrinkage=1", "shrinkage=1\nleaf_bias=1")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("leaf_bias");
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
                "objective=huber sqrt")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("sqrt");
        assertThatThrownBy(() -> LightGbmModelText.parse(MODEL.replace("objective=regression",
                "objective=cross_entropy_lambda")))
                .isInstanceOf(LightGbmUnsupportedException.class).hasMessageContaining("cross_entropy_lambda");
    }

    @Test
    void appliesSqrtCrossEntropyAndRankingOutputs() {
        double[][] columns = {{3}, {1}};
        double raw = 20.25;
        assertThat(parseWith("regression sqrt").predict(columns, 1)[0][0]).isEqualTo(raw * raw);
        assertThat(parseWith("mape sqrt").predict(new double[][] {{3}, {1}}, 1)[0][0]).isEqualTo(raw * raw);
        assertThat(parseWith("cross_entropy").predict(new double[][] {{3}, {1}}, 1)[0][0])
                .isEqualTo(1.0 / (1.0 + GlibcExp.exp(-raw)));
        LightGbmTrees ranker = parseWith("lambdarank");
        assertThat(ranker.objective().ranking()).isTrue();
        assertThat(ranker.predict(new double[][] {{3}, {1}}, 1)[0][0]).isEqualTo(raw);
        assertThat(parseWith("rank_xendcg").objective().ranking()).isTrue();
    }

    @Test
    void squaresBackWithLightGbmsIntegerSign() {
        String negative = MODEL.replace("objective=regression", "objective=regression sqrt")
                .replace("leaf_value=10 20", "leaf_value=-10 -20").replace("leaf_value=0.25 0.5", "leaf_value=0 0");
        // -20 * -20 signed: -400; a zero sum squares to +0.0 (the int sign 0 times 0.0)
        assertThat(LightGbmModelText.parse(negative).predict(new double[][] {{3}, {1}}, 1)[0][0]).isEqualTo(-400.0);
    }

    @Test
    void scoresTheFirstIterationsAndAveragesOverThem() {
        String forest = MODEL.replace("tree_sizes", "average_output\ntree_sizes");
        LightGbmTrees first = LightGbmModelText.parse(forest).firstIterations(1);
        assertThat(first.iterations()).isEqualTo(1);
        assertThat(first.predict(new double[][] {{3}, {1}}, 1)[0][0]).isEqualTo(20.0);
        LightGbmTrees all = LightGbmModelText.parse(forest);
        assertThat(all.firstIterations(-1)).isSameAs(all);
        assertThat(all.firstIterations(5)).isSameAs(all);
    }

    private static LightGbmTrees parseWith(String objective) {
        return LightGbmModelText.parse(MODEL.replace("objective=regression", "objective=" + objective));
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
