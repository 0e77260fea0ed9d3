package dev.timpani.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The requests waiting for a {@link MicroBatcher} lane, oldest first, and how a lane holder takes a batch of them.
 * A plain lock: taking a batch looks past the head for requests that can join it, which a lock-free queue cannot
 * remove safely, and the lock is held only for list operations (no scoring under it).
 */
final class BatchQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<PendingScoring> waiting = new ArrayDeque<>();
    private int waitingRows;

    void add(PendingScoring pending) {
        lock.lock();
        try {
            waiting.addLast(pending);
            waitingRows += pending.rows();
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Takes a request out that has not been taken into a batch yet (its client went away); false if it was. */
    boolean remove(PendingScoring pending) {
        lock.lock();
        try {
            boolean removed = waiting.remove(pending);
            if (removed) {
                waitingRows -= pending.rows();
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest waiting request, or null. */
    PendingScoring head() {
        lock.lock();
        try {
            return waiting.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The oldest waiting request and, after it, every later one that {@linkplain PendingScoring#joins joins} it,
     * in arrival order, up to {@code maxRows} rows in all; empty if nothing waits. With a window, waits up to that
     * long first for {@code maxRows} rows to be waiting.
     */
    List<PendingScoring> take(int maxRows, long windowNanos) {
        lock.lock();
        try {
            if (windowNanos > 0) {
                awaitRows(maxRows, windowNanos);
            }
            PendingScoring first = waiting.pollFirst();
            if (first == null) {
                return List.of();
            }
            first.markTaken();
            List<PendingScoring> batch = new ArrayList<>();
            batch.add(first);
            int rows = first.rows();
            for (Iterator<PendingScoring> later = waiting.iterator(); later.hasNext() && rows < maxRows; ) {
                PendingScoring candidate = later.next();
                if (rows + candidate.rows() <= maxRows && candidate.joins(first)) {
                    later.remove();
                    candidate.markTaken();
                    batch.add(candidate);
                    rows += candidate.rows();
                }
            }
            waitingRows -= rows;
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void awaitRows(int maxRows, long windowNanos) {
        long deadline = System.nanoTime() + windowNanos;
        try {
            while (waitingRows < maxRows) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                arrived.await(remaining, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            // Stop waiting and score what is there; the interrupt is the caller's to see.
            Thread.currentThread().interrupt();
        }
    }
}
