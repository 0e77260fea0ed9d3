package dev.timpani.loaders.pickle;

/**
 * {@code StandardScaler.transform} on a dense array (sklearn/preprocessing/_data.py, 1.2.1, 1.6.1 and 1.9.1 alike):
 * {@code X -= mean_} when {@code with_mean}, then {@code X /= scale_} when {@code with_std}; {@code scale_} as
 * stored (fit already turned a zero variance into 1). NaN passes through ({@code force_all_finite="allow-nan"}).
 *
 * @param mean  {@code mean_}, null when {@code with_mean=False}
 * @param scale {@code scale_}, null when {@code with_std=False}
 */
record StandardScaling(double[] mean, double[] scale) implements NumericStep {

    @Override
    public double[][] apply(double[][] columns, int rows) {
        double[][] out = new double[columns.length][];
        for (int f = 0; f < columns.length; f++) {
            double[] in = columns[f];
            double[] values = new double[rows];
            for (int row = 0; row < rows; row++) {
                double value = in[row];
                if (mean != null) {
                    value -= mean[f];
                }
                if (scale != null) {
                    value /= scale[f];
                }
                values[row] = value;
            }
            out[f] = values;
        }
        return out;
    }
}
