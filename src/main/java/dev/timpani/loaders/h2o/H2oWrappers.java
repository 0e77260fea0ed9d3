package dev.timpani.loaders.h2o;

import hex.genmodel.GenModel;
import hex.genmodel.easy.EasyPredictModelWrapper;

/**
 * Hands each scoring thread an EasyPredictModelWrapper it may use.
 *
 * <p>Why one shared wrapper is enough for most models: the wrapper is read-only after construction (its fields are
 * final; each predict call allocates its own row and prediction arrays), and H2O documents its MOJOs and POJOs as
 * thread-safe. The exception h2o-genmodel itself names is a model that keeps per-score state (GAM): such a model
 * answers {@link GenModel#internal_threadSafeInstance()} with a copy instead of itself, and then every thread gets
 * its own copy and wrapper.
 */
final class H2oWrappers {

    private final EasyPredictModelWrapper shared;
    private final ThreadLocal<EasyPredictModelWrapper> perThread;

    @SuppressWarnings("deprecation") // the only way h2o-genmodel offers to copy a model that is not thread-safe
    H2oWrappers(GenModel model) {
        GenModel probe = model.internal_threadSafeInstance();
        if (probe == model) {
            this.shared = wrap(model);
            this.perThread = null;
        } else {
            this.shared = null;
            this.perThread = ThreadLocal.withInitial(() -> wrap(model.internal_threadSafeInstance()));
        }
    }

    EasyPredictModelWrapper get() {
        return shared != null ? shared : perThread.get();
    }

    /** Scores the way H2O does for data it did not train on: unseen levels and non-numbers become missing. */
    private static EasyPredictModelWrapper wrap(GenModel model) {
        return new EasyPredictModelWrapper(new EasyPredictModelWrapper.Config()
                .setModel(model)
                .setConvertUnknownCategoricalLevelsToNa(true)
                .setConvertInvalidNumbersToNa(true));
    }
}
