package dev.timpani.trees;

/**
 * A LightGBM model text this package does not score exactly: another format version, a field it does not know,
 * linear trees, an objective whose output transform it does not reproduce. The caller declines the model (the
 * Python workers serve it); it is never scored with the field dropped.
 */
public class LightGbmUnsupportedException extends RuntimeException {

    public LightGbmUnsupportedException(String message) {
        super(message);
    }
}
