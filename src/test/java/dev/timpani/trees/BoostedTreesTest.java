package dev.timpani.trees;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoostedTreesTest {

    /**
     * Two stumps on feature 0 with the threshold 0.1 (a float64 between float32 values): a value the float32 cast
     * rounds down to {@code <= 0.1} goes left although the double itself is above it, as in scikit-learn.
     */
    private static BoostedTrees stumps() {
        double threshold = 0.1;
        return new BoostedTrees(new int[] {0, 3}, 1, new double[] {0.5},
                new int[] {1, -1, -1, 4, -1, -1}, new int[] {2, -1, -1, 5, -1, -1},
                new int[] {0, 0, 0, 0, 0, 0}, new double[] {threshold, 0, 0, threshold, 0, 0},
                new double[] {0, -1.0, 2.0, 0, 0.25, 0.125});
    }

    @Test
    void startsAtTheInitAndAddsEachStagesScaledLeafInOrder() {
        double[][] raw = stumps().rawPredict(new float[] {0.0f, 1.0f}, 2, 1);

        assertThat(raw[0]).containsExactly(0.5 + -1.0 + 0.25, 0.5 + 2.0 + 0.125);
    }

    @Test
    void comparesTheFloat32CastWithTheDoubleThreshold() {
        float belowInFloat = 0.1f; // 0.100000001490116..., above the double 0.1
        assertThat((double) belowInFloat).isGreaterThan(0.1);
        float below = Math.nextDown(belowInFloat); // 0.0999999940395...

        double[][] raw = stumps().rawPredict(new float[] {belowInFloat, below}, 2, 1);

        assertThat(raw[0]).containsExactly(0.5 + 2.0 + 0.125, 0.5 + -1.0 + 0.25);
    }
}
