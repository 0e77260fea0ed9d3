package dev.timpani.model;

/**
 * A loader's "not this one": the artifact is of its kind, but it will not serve this particular file (an
 * estimator it cannot score exactly, a build without a library it needs, a setting that turns it off), so the
 * registry offers the artifact to the next loader of the extension. The message says why, for {@code /info/}
 * and the start-up log.
 */
public class ModelDeclinedException extends RuntimeException {

    public ModelDeclinedException(String reason) {
        super(reason);
    }

    public ModelDeclinedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
