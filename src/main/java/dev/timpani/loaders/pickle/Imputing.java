package dev.timpani.loaders.pickle;

/**
 * {@code SimpleImputer.transform} with {@code missing_values=np.nan} on a dense array (sklearn/impute/_base.py,
 * 1.2.1 to 1.9.1): every NaN becomes the column's {@code statistics_} (the mean, median, most frequent value or the
 * constant, whichever the strategy computed in fit), and with {@code add_indicator} the {@code MissingIndicator}'s
 * columns follow: 1.0 where the cell was NaN, for the features of {@code indicator_.features_} (those that had
 * missing values in fit), as {@code hstack} of the float and bool arrays gives them.
 *
 * @param statistics {@code statistics_}, none NaN (a feature empty in fit is declined at load)
 * @param indicated  {@code indicator_.features_}, null without {@code add_indicator}
 */
record Imputing(double[] statistics, int[] indicated) implements NumericStep {

    @Override
    public int width(int inputs) {
        return inputs + (indicated == null ? 0 : indicated.length);
    }

    @Override
    public double[][] apply(double[][] columns, int rows) {
        int extra = indicated == null ? 0 : indicated.length;
        double[][] out = new double[columns.length + extra][];
        for (int f = 0; f < columns.length; f++) {
            double[] in = columns[f];
            double[] values = new double[rows];
            for (int row = 0; row < rows; row++) {
                double value = in[row];
                values[row] = value != value ? statistics[f] : value;
            }
            out[f] = values;
        }
        for (int i = 0; i < extra; i++) {
            double[] in = columns[indicated[i]];
            double[] flags = new double[rows];
            for (int row = 0; row < rows; row++) {
                flags[row] = in[row] != in[row] ? 1.0 : 0.0;
            }
            out[columns.length + i] = flags;
        }
        return out;
    }
}
