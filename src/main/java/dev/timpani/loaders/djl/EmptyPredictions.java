package dev.timpani.loaders.djl;

import dev.timpani.model.ClassLabels;
import dev.timpani.model.LoadContext;
import dev.timpani.model.RawPredictions;

/**
 * The answer to a request without rows, given without calling the engine (a zero-length batch is not something
 * every exported graph accepts): one empty column per class label, or one for a numeric target.
 */
final class EmptyPredictions {

    private EmptyPredictions() {
    }

    static RawPredictions forModel(LoadContext context) {
        int columns = context.targetType().isClassification()
                ? context.classLabels().map(ClassLabels::size).orElse(1)
                : 1;
        return RawPredictions.positional(new double[columns][0]);
    }
}
