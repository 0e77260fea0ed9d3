package dev.timpani.model;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Frame;

/** One structured scoring: the ready model predicts, the contract checks, the time is recorded. */
public final class Scorer {

    private final ModelRegistry registry;
    private final ScoringStats stats;

    public Scorer(ModelRegistry registry, ScoringStats stats) {
        this.registry = registry;
        this.stats = stats;
    }

    public Predictions score(Frame frame) {
        LoadedModel loaded = registry.require();
        long started = System.nanoTime();
        RawPredictions raw;
        try {
            raw = loaded.model().predict(frame);
        } catch (BadInputException | ModelFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFailedException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            stats.record(System.nanoTime() - started);
        }
        return loaded.contract().check(raw, frame.rowCount());
    }
}
