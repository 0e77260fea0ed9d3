package dev.timpani.spark;

/** A batch of rows the model rejected or failed on: the model's message, and where the rows are. */
public final class ScoringFailedException extends RuntimeException {

    public ScoringFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
