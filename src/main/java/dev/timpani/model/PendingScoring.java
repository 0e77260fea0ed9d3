package dev.timpani.model;

import dev.timpani.data.Frame;
import java.util.concurrent.locks.LockSupport;

/**
 * One request waiting in the {@link MicroBatcher}: its frame, the thread that waits for it, and, once a lane has
 * scored it, its outcome. The waiting thread parks; it is unparked when the outcome is set, or when it is at the
 * head of the queue and a lane may have come free.
 */
final class PendingScoring {

    private final ScoringModel model;
    private final Frame frame;
    private final Thread owner;
    private volatile boolean taken;
    private volatile Outcome outcome;

    PendingScoring(ScoringModel model, Frame frame, Thread owner) {
        this.model = model;
        this.frame = frame;
        this.owner = owner;
    }

    ScoringModel model() {
        return model;
    }

    Frame frame() {
        return frame;
    }

    int rows() {
        return frame.rowCount();
    }

    /** Whether this request's rows may be scored in one frame with the other's. */
    boolean joins(PendingScoring other) {
        return model == other.model && frame.sameColumnsAs(other.frame);
    }

    /** Called by the queue, under its lock, when a lane holder takes this request into a batch. */
    void markTaken() {
        taken = true;
    }

    /** Whether a lane holder has taken it: its outcome will come without the owner's help. */
    boolean isTaken() {
        return taken;
    }

    boolean isDone() {
        return outcome != null;
    }

    void succeed(RawPredictions predictions) {
        complete(new Outcome.Scored(predictions));
    }

    void fail(Throwable failure) {
        complete(new Outcome.Failed(failure));
    }

    /** The batch failed as a whole: the request scores its own frame, so it gets its own answer or error. */
    void scoreAlone() {
        complete(Outcome.ALONE);
    }

    private void complete(Outcome result) {
        outcome = result;
        LockSupport.unpark(owner);
    }

    /** Tells the owner to look again (a lane may be free); harmless if it is not parked. */
    void wake() {
        LockSupport.unpark(owner);
    }

    /** Parks the owner until {@link #wake}, completion, an interrupt or a spurious return; callers loop. */
    void park() {
        LockSupport.park(this);
    }

    /** The outcome on the owner's thread: the predictions, the failure thrown, or a scoring of its own frame. */
    RawPredictions result() {
        Outcome done = outcome;
        if (done instanceof Outcome.Scored scored) {
            return scored.predictions();
        }
        if (done instanceof Outcome.Failed failed) {
            Throwable failure = failed.failure();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
        if (done == Outcome.ALONE) {
            return model.predict(frame);
        }
        throw new IllegalStateException("not scored yet");
    }

    private sealed interface Outcome {

        Outcome ALONE = new Alone();

        record Scored(RawPredictions predictions) implements Outcome {
        }

        record Failed(Throwable failure) implements Outcome {
        }

        record Alone() implements Outcome {
        }
    }
}
