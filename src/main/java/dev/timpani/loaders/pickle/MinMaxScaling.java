package dev.timpani.loaders.pickle;

/**
 * {@code MinMaxScaler.transform} (sklearn/preprocessing/_data.py, 1.2.1 to 1.9.1): {@code X *= scale_},
 * {@code X += min_}, then with {@code clip=True} {@code np.clip(X, feature_range[0], feature_range[1])}, whose
 * maximum and minimum keep a NaN and take the bound on a tie ({@code _NPY_MAX} / {@code _NPY_MIN}:
 * {@code isnan(a) ? a : (a > b ? a : b)}).
 *
 * @param low  {@code feature_range[0]}, used only when {@code clip}
 * @param high {@code feature_range[1]}
 */
record MinMaxScaling(double[] scale, double[] min, boolean clip, double low, double high) implements NumericStep {

    @Override
    public double[][] apply(double[][] columns, int rows) {
        double[][] out = new double[columns.length][];
        for (int f = 0; f < columns.length; f++) {
            double[] in = columns[f];
            double[] values = new double[rows];
            for (int row = 0; row < rows; row++) {
                double value = in[row] * scale[f];
                value += min[f];
                if (clip && value == value) {
                    value = value > low ? value : low;
                    value = value < high ? value : high;
                }
                values[row] = value;
            }
            out[f] = values;
        }
        return out;
    }
}
