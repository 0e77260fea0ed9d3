package dev.timpani.model;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Frame;
import java.util.List;

/** One structured scoring: the ready model predicts, the contract checks, the time is recorded. */
public final class Scorer {

    private final ModelRegistry registry;
    private final List<ScoringListener> listeners;

    public Scorer(ModelRegistry registry, List<ScoringListener> listeners) {
        this.registry = registry;
        this.listeners = List.copyOf(listeners);
    }

    public Predictions score(Frame frame) {
        LoadedModel loaded = registry.require();
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            Predictions predictions = loaded.contract().check(predict(loaded, frame), frame.rowCount());
            succeeded = true;
            return predictions;
        } finally {
            long nanos = System.nanoTime() - started;
            for (ScoringListener listener : listeners) {
                listener.scored(frame.rowCount(), nanos, succeeded);
            }
        }
    }

    private static RawPredictions predict(LoadedModel loaded, Frame frame) {
        try {
            return loaded.model().predict(frame);
        } catch (BadInputException | ModelFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFailedException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }
}
