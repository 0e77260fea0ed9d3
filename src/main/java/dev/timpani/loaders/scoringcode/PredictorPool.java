package dev.timpani.loaders.scoringcode;

import com.datarobot.prediction.IPredictorInfo;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Instances of one scoring-code model, each used by one request at a time. Neither DataRobot's scoring-code docs
 * nor the {@code datarobot-prediction} API promise that a predictor may be scored from several threads (DRUM's Java
 * predictor scores on a single thread), so instead of sharing one we keep up to {@code size} of them: a new one is
 * made (by the same {@code Predictors.getPredictor} call as the first) only when every existing one is busy, and
 * requests beyond {@code size} wait. Scoring is CPU-bound, so more instances than cores would only cost memory.
 */
final class PredictorPool {

    private final Supplier<IPredictorInfo> factory;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<IPredictorInfo> idle = new ConcurrentLinkedDeque<>();

    PredictorPool(IPredictorInfo first, Supplier<IPredictorInfo> factory, int size) {
        this.factory = factory;
        this.permits = new Semaphore(Math.max(1, size));
        idle.push(first);
    }

    <R> R apply(Function<IPredictorInfo, R> work) {
        permits.acquireUninterruptibly();
        try {
            IPredictorInfo predictor = idle.poll();
            if (predictor == null) {
                predictor = factory.get();
            }
            try {
                return work.apply(predictor);
            } finally {
                // Most recently used first: the instance with warm caches takes the next request.
                idle.push(predictor);
            }
        } finally {
            permits.release();
        }
    }
}
