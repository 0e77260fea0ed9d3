package dev.timpani.trees;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timpani.trees.XGBoostTrees.Link;
import org.junit.jupiter.api.Test;

/** The engine's rules on hand-made trees; the differential proof checks them against XGBoost itself. */
class XGBoostTreesTest {

    /** One stump on feature 0 at 1.5 (missing goes right), leaves -1 and +2. */
    private static XGBoostTrees stump(Link link, float base) {
        return new XGBoostTrees(new int[] {0}, new int[] {0}, new float[] {base}, new int[] {1, -1, -1},
                new int[] {0, 0, 0}, new float[] {1.5f, -1f, 2f}, new int[] {1, 0, 0}, link);
    }

    @Test
    void aValueEqualToTheSplitConditionGoesRightAndNaNTakesTheDefault() {
        float[] rows = {Math.nextDown(1.5f), 1.5f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        double[][] out = stump(Link.IDENTITY, 0.5f).predict(rows, rows.length, 1);
        assertThat(out[0]).containsExactly(-0.5, 2.5, 2.5, -0.5, 2.5);
    }

    @Test
    void treesAddToTheBaseMarginInFloat32InTreeOrder() {
        // 1e8f + 1f + 1f stays 1e8f in float32, one tree at a time; a double sum would not.
        XGBoostTrees trees = new XGBoostTrees(new int[] {0, 1}, new int[] {0, 0}, new float[] {1e8f},
                new int[] {-1, -1}, new int[2], new float[] {4f, 4f}, new int[2], Link.IDENTITY);
        assertThat(trees.predict(new float[] {0f}, 1, 1)[0][0]).isEqualTo((double) (1e8f + 4f + 4f));
        assertThat(trees.predict(new float[] {0f}, 1, 1)[0][0]).isEqualTo(1e8);
    }

    @Test
    void sigmoidAndSoftmaxAreFloat32() {
        assertThat(XGBoostTrees.sigmoid(0f)).isEqualTo(0.5f);
        assertThat(XGBoostTrees.sigmoid(-1000f)).isEqualTo(1.0f / (GlibcFloatMath.expf(88.7f) + 1.0f));
        float[] margins = {1f, 2f, 3f};
        XGBoostTrees.softmax(margins, 0, 3);
        assertThat(margins[0] + margins[1] + margins[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(margins[2]).isGreaterThan(margins[1]).isGreaterThan(margins[0]);
    }

    @Test
    void softmaxObjectiveAnswersTheFirstLargestClass() {
        XGBoostTrees trees = new XGBoostTrees(new int[] {0, 1, 2}, new int[] {0, 1, 2}, new float[] {0f, 0f, 0f},
                new int[] {-1, -1, -1}, new int[3], new float[] {1f, 3f, 3f}, new int[3], Link.ARGMAX);
        assertThat(trees.outputs()).isEqualTo(1);
        assertThat(trees.predict(new float[] {0f}, 1, 1)[0][0]).isEqualTo(1.0);
    }
}
