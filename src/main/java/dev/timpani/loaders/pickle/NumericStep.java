package dev.timpani.loaders.pickle;

/**
 * One fitted numeric transformer of a pipeline, elementwise on float64 columns ({@code columns[feature][row]}), so
 * bit for bit the library's arithmetic: NumPy applies the same IEEE operation to every cell, in no particular order.
 */
interface NumericStep {

    /** The transformed columns; the input is not changed. */
    double[][] apply(double[][] columns, int rows);

    /** How many columns come out of {@code inputs} columns. */
    default int width(int inputs) {
        return inputs;
    }
}
