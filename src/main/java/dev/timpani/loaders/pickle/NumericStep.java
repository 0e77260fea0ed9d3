package dev.timpani.loaders.pickle;

/**
 * One fitted numeric transformer of a pipeline on float64 columns ({@code columns[feature][row]}). The scalers and
 * imputers are elementwise, so bit for bit the library's arithmetic: NumPy applies the same IEEE operation to every
 * cell, in no particular order. A projection ({@link PcaProjection}) sums products through BLAS, and says so
 * ({@link #exact}).
 */
interface NumericStep {

    /** The transformed columns; the input is not changed. */
    double[][] apply(double[][] columns, int rows);

    /**
     * Whether it is the library's arithmetic bit for bit; a pipeline with a step that is not is named a float64
     * evaluator, held to the proof's relative bound ({@code ExactnessProofTest.tolerance}).
     */
    default boolean exact() {
        return true;
    }

    /** How many columns come out of {@code inputs} columns. */
    default int width(int inputs) {
        return inputs;
    }
}
