package dev.timpani.loaders.pickle;

import dev.timpani.model.RawPredictions;

/**
 * The estimator at the end of a pipeline compiled in the JVM ({@link CompiledPipeline}), or a bare estimator: it
 * reads the float64 columns the steps before it gave, refuses what the library's own {@code check_array} refuses,
 * and answers in the library's order of operations. One implementation per estimator family
 * ({@link FinalEstimators} reads them from the unpickled attributes).
 */
interface FinalEstimator {

    /** How many columns it reads: what the preprocessing must give. */
    int features();

    /** {@code x[feature][row]}, as the preprocessing gave it (NaN and infinities included, for it to refuse). */
    RawPredictions predict(double[][] x, int rows);

    /**
     * How the start-up log and {@code /info/} name the engine; the differential proof keys its tolerance on it
     * ({@link ProvenEngine}).
     */
    String evaluator();
}
