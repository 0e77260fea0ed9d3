package dev.timpani.model;

/** The model folder cannot be served; the message becomes the error server's 513 body. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
