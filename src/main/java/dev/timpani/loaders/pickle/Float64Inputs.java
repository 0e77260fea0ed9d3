package dev.timpani.loaders.pickle;

import dev.timpani.data.BadInputException;

/** What a float64 estimator's {@code check_array} refuses in the matrix it is given. */
final class Float64Inputs {

    private Float64Inputs() {
    }

    /**
     * No NaN (none was imputed) and no infinity (a scaler's overflow included), as the library refuses them;
     * Timpani answers 422 with its words (R-ERR-1).
     */
    static void refuseNotFinite(double[][] x, int rows, String estimator) {
        for (double[] column : x) {
            for (int row = 0; row < rows; row++) {
                double value = column[row];
                if (value != value) {
                    throw new BadInputException("Input X contains NaN.\n" + estimator + " does not accept missing "
                            + "values encoded as NaN natively. (row " + (row + 1) + ")");
                }
                if (Double.isInfinite(value)) {
                    throw new BadInputException("Input X contains infinity or a value too large for "
                            + "dtype('float64'). (row " + (row + 1) + ")");
                }
            }
        }
    }
}
