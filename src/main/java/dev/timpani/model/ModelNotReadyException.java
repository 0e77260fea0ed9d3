package dev.timpani.model;

/** Scoring was asked of a model that is still loading (503) or failed to load (513, the error server). */
public class ModelNotReadyException extends RuntimeException {

    private final boolean loading;

    private ModelNotReadyException(String message, boolean loading) {
        super(message);
        this.loading = loading;
    }

    public static ModelNotReadyException loading() {
        return new ModelNotReadyException("model is loading", true);
    }

    public static ModelNotReadyException failed(String loadError) {
        return new ModelNotReadyException(loadError, false);
    }

    /** True while loading (R-ROUTE-2, Timpani's 503); false after a load failure (R-ERR-4, 513). */
    public boolean isLoading() {
        return loading;
    }
}
