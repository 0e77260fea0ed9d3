package dev.timpani.trees;

/**
 * NumPy's sum of a contiguous float64 vector, bit for bit: pairwise summation with eight accumulators
 * (numpy/core/src/umath/loops_utils.h.src, {@code pairwise_sum}), which is not the left-to-right sum once a
 * vector has eight or more values.
 */
public final class NumpySum {

    private static final int BLOCK = 128;

    private NumpySum() {
    }

    public static double of(double[] values, int from, int count) {
        if (count < 8) {
            double sum = -0.0;
            for (int i = 0; i < count; i++) {
                sum += values[from + i];
            }
            return sum;
        }
        if (count <= BLOCK) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = values[from + j];
            }
            int i;
            for (i = 8; i < count - (count % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += values[from + i + j];
                }
            }
            double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < count; i++) {
                sum += values[from + i];
            }
            return sum;
        }
        int half = count / 2;
        half -= half % 8;
        return of(values, from, half) + of(values, from + half, count - half);
    }
}
