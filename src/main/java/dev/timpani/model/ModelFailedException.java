package dev.timpani.model;

/**
 * The model failed, or broke the output contract (R-OUT-16, R-ERR-3): a 500 carrying the model's own text.
 */
public class ModelFailedException extends RuntimeException {

    public ModelFailedException(String message) {
        super(message);
    }

    public ModelFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
