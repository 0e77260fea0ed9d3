package dev.timpani.model;

import dev.timpani.data.BadInputException;
import dev.timpani.data.Frame;
import dev.timpani.data.Payload;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One scoring: the ready model predicts (through the {@link MicroBatcher}, which may join the frame with other
 * requests'), the contract checks (structured models), and every {@link ScoringListener} hears how long it took
 * and whether it succeeded.
 */
public final class Scorer {

    /** The protocol tag of DRUM's own routes. */
    public static final String DRUM = "drum";

    private final ModelRegistry registry;
    private final List<ScoringListener> listeners;
    private final MicroBatcher batcher;

    public Scorer(ModelRegistry registry, List<ScoringListener> listeners, MicroBatcher batcher) {
        this.registry = registry;
        this.listeners = List.copyOf(listeners);
        this.batcher = batcher;
    }

    /** The time heard by the listeners includes any wait for a batch: it is what the request spent scoring. */
    public Predictions score(Frame frame) {
        return score(frame, DRUM);
    }

    /** As {@link #score(Frame)}, for a request that came by another protocol, which the listeners hear of. */
    public Predictions score(Frame frame, String protocol) {
        LoadedModel loaded = registry.require();
        return timedRows(new int[] {frame.rowCount()}, protocol, () ->
                loaded.contract().check(modelCall(() -> batcher.predict(loaded.model(), frame)), frame.rowCount()));
    }

    /** Scores the request's bytes on a model that reads them itself ({@link PayloadScoringModel}). */
    public Predictions score(Payload payload) {
        LoadedModel loaded = registry.require();
        if (!(loaded.model() instanceof PayloadScoringModel model)) {
            throw new IllegalStateException(loaded.framework() + " models are scored from a parsed frame");
        }
        int[] rows = {0};
        return timedRows(rows, DRUM, () -> {
            PayloadScoringModel.PayloadPredictions result = modelCall(() -> model.predict(payload));
            RawPredictions raw = result.predictions();
            rows[0] = result.inputRows() < 0 ? raw.rowCount() : result.inputRows();
            return loaded.contract().check(raw, rows[0]);
        });
    }

    /** R-UNS: bytes to the unstructured model, bytes back; no contract beyond the hook's own. */
    public UnstructuredModel.Response scoreUnstructured(UnstructuredModel model, UnstructuredModel.Request request) {
        return timed(1, () -> modelCall(() -> model.score(request)));
    }

    /** R-ROUTE-7: a transform model's features in, transformed features out. */
    public TransformModel.Result transform(TransformModel model, Payload x, Optional<Payload> y) {
        return timed(1, () -> modelCall(() -> model.transform(x, y)));
    }

    /**
     * R-ROUTE-9: the chat request's JSON to the model. For a streamed answer the time is until the model
     * started answering; the chunks follow on the caller's thread.
     */
    public ChatModel.ChatResponse chat(ChatModel model, byte[] requestJson) {
        return timed(1, () -> modelCall(() -> model.chat(requestJson)));
    }

    private <T> T timed(int rows, Supplier<T> scoring) {
        return timedRows(new int[] {rows}, DRUM, scoring);
    }

    /** {@code rows[0]} may be learnt during the scoring (payload models count their own rows). */
    private <T> T timedRows(int[] rows, String protocol, Supplier<T> scoring) {
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            T result = scoring.get();
            succeeded = true;
            return result;
        } finally {
            long nanos = System.nanoTime() - started;
            for (ScoringListener listener : listeners) {
                listener.scored(rows[0], nanos, succeeded, protocol);
            }
        }
    }

    /** The model's own exceptions become its failure (500), except those that already say who is at fault. */
    private static <T> T modelCall(Supplier<T> call) {
        try {
            return call.get();
        } catch (BadInputException | ModelFailedException | ModelBusyException | UserHttpErrorException
                | ModelNotReadyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFailedException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }
}
