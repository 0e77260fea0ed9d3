package dev.timpani.model;

import dev.timpani.data.Payload;

/**
 * A structured model that reads the request's bytes itself (a hook worker, where pandas parses them), so the
 * JVM does not parse what it would only pass on. The routes hand such a model the {@link Payload} instead of
 * a {@link dev.timpani.data.Frame}; {@link PredictionContract} still checks what it returns.
 */
public interface PayloadScoringModel extends ScoringModel {

    PayloadPredictions predict(Payload payload);

    /** What the model returned, with the number of input rows it saw (for the contract's row check). */
    record PayloadPredictions(RawPredictions predictions, int inputRows) {
    }
}
