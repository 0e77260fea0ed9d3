package dev.timpani.model;

import dev.timpani.config.TimpaniProperties;
import dev.timpani.data.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Adaptive micro-batching (issue 7): concurrent small requests to a model that {@linkplain
 * ScoringModel#batchesFaster scores a batch faster than its rows one by one} are scored as one frame, and each
 * request gets back exactly its own rows' predictions, in order.
 *
 * <p>Batching while busy, with no idle wait: a request joins the queue, then tries to take one of a few scoring
 * lanes. A lane holder takes the oldest request and every later one with the same columns, up to a row limit,
 * scores them in one call and hands each its rows. A request that finds every lane taken parks until a holder
 * has scored it, or until it is the oldest and a lane came free. So a lone request is scored at once, on its own
 * thread, and batches grow only as fast as requests arrive while the engine is busy.
 *
 * <p>Errors stay with their request: when a joined batch fails (one request's bad value, named by a row number
 * of the joined frame, or the model's failure), every request in it scores its own frame again, alone.
 */
public final class MicroBatcher {

    private final boolean enabled;
    private final int maxRows;
    private final long windowNanos;
    private final Semaphore lanes;
    private final BatchQueue queue = new BatchQueue();

    public MicroBatcher(TimpaniProperties.Batching settings) {
        this.enabled = settings.enabled();
        this.maxRows = settings.maxRows();
        this.windowNanos = settings.window().toNanos();
        this.lanes = new Semaphore(settings.effectiveLanes());
    }

    /** A batcher that scores every request on its own, as if batching did not exist. */
    public static MicroBatcher off() {
        return new MicroBatcher(new TimpaniProperties.Batching(false, 1, 1, Duration.ZERO));
    }

    /** The model's predictions for the frame: scored alone, or as part of a batch and cut back out of it. */
    public RawPredictions predict(ScoringModel model, Frame frame) {
        // An empty frame has no per-call cost to share, and a large one already shares it among its rows.
        if (!enabled || !model.batchesFaster() || frame.rowCount() == 0 || frame.rowCount() >= maxRows) {
            return model.predict(frame);
        }
        PendingScoring mine = new PendingScoring(model, frame, Thread.currentThread());
        queue.add(mine);
        boolean interrupted = false;
        while (!mine.isDone()) {
            if (!mine.isTaken() && lanes.tryAcquire()) {
                try {
                    scoreNextBatch();
                } finally {
                    lanes.release();
                    // Release, then look: a request that found every lane taken just before this release is
                    // parked until someone tells it a lane is free.
                    wakeHead();
                }
            } else {
                mine.park();
                if (Thread.interrupted()) {
                    if (queue.remove(mine)) {
                        Thread.currentThread().interrupt();
                        throw new ModelFailedException("The request was interrupted while it waited to be scored");
                    }
                    // Already in a batch being scored: its answer is moments away. The interrupt is kept for the
                    // caller, not left set, or every later park would return at once.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return mine.result();
    }

    /** Lanes no request holds right now; for tests. */
    int freeLanes() {
        return lanes.availablePermits();
    }

    /** Requests waiting to be taken into a batch; for tests. */
    int waitingRequests() {
        return queue.size();
    }

    private void scoreNextBatch() {
        List<PendingScoring> batch = queue.take(maxRows, windowNanos);
        if (batch.isEmpty()) {
            return;
        }
        // Requests that did not fit in this batch may find another lane free.
        wakeHead();
        score(batch);
    }

    private void wakeHead() {
        PendingScoring head = queue.head();
        if (head != null) {
            head.wake();
        }
    }

    /** Completes every request of the batch, whatever happens: nobody may wait for an answer that never comes. */
    private static void score(List<PendingScoring> batch) {
        try {
            if (batch.size() == 1) {
                scoreOne(batch.get(0));
            } else {
                scoreTogether(batch);
            }
        } catch (Throwable unexpected) {
            for (PendingScoring pending : batch) {
                if (!pending.isDone()) {
                    pending.fail(unexpected);
                }
            }
        }
    }

    private static void scoreOne(PendingScoring only) {
        RawPredictions predictions;
        try {
            predictions = only.model().predict(only.frame());
        } catch (RuntimeException failed) {
            only.fail(failed);
            return;
        }
        only.succeed(predictions);
    }

    private static void scoreTogether(List<PendingScoring> batch) {
        List<Frame> frames = new ArrayList<>(batch.size());
        for (PendingScoring pending : batch) {
            frames.add(pending.frame());
        }
        Frame joined = Frame.concat(frames);
        RawPredictions predictions;
        try {
            predictions = batch.get(0).model().predict(joined);
        } catch (RuntimeException failed) {
            // The error names a row of the joined frame and may be one request's fault: each request scores its
            // own frame instead, so it gets its own answer or its own error with its own row numbers.
            batch.forEach(PendingScoring::scoreAlone);
            return;
        }
        if (!predictions.hasRows(joined.rowCount())) {
            // Not one prediction per row: the rows cannot be told apart, so each request learns alone what the
            // model makes of its frame (and PredictionContract says what is wrong with it).
            batch.forEach(PendingScoring::scoreAlone);
            return;
        }
        int from = 0;
        for (PendingScoring pending : batch) {
            pending.succeed(predictions.rows(from, from + pending.rows()));
            from += pending.rows();
        }
    }
}
