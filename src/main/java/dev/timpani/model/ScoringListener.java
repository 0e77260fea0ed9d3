package dev.timpani.model;

/** Told of every scoring, successful or not: how the statistics and meters learn of them without coupling. */
public interface ScoringListener {

    /**
     * @param rows      rows in the request
     * @param nanos     time the model took
     * @param succeeded false when the model failed or refused the data
     */
    void scored(int rows, long nanos, boolean succeeded);

    /**
     * The same, with the protocol the request came in by ({@link Scorer#DRUM} for DRUM's routes, {@code "v2"} for
     * the Open Inference Protocol's); listeners that tell protocols apart override this one.
     */
    default void scored(int rows, long nanos, boolean succeeded, String protocol) {
        scored(rows, nanos, succeeded);
    }
}
