package dev.timpani.spark;

/** The model folder did not load; the message is the server's load error (its 513 text). */
public final class ModelLoadFailedException extends RuntimeException {

    public ModelLoadFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
