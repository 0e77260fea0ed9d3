package dev.timpani.model;

import dev.timpani.config.TimpaniProperties;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The scoring requests being served now, by every protocol (DRUM's POST routes, the Open Inference Protocol's REST
 * and gRPC inference): at most {@code timpani.limits.max-in-flight} of them, and none new once
 * the server drains for shutdown. The permits are the count: idle means every permit is back.
 */
@Component
public class InFlightRequests {

    /** Why a request was not let in. */
    public enum Refusal { NONE, BUSY, DRAINING }

    private final int limit;
    private final Semaphore permits;
    private volatile boolean draining;

    public InFlightRequests(TimpaniProperties properties) {
        this.limit = properties.limits().maxInFlight();
        if (limit < 1) {
            throw new IllegalArgumentException("timpani.limits.max-in-flight must be positive: " + limit);
        }
        this.permits = new Semaphore(limit);
    }

    public int limit() {
        return limit;
    }

    /** Lets a request in unless the limit is reached or the server drains; a request let in must {@link #leave}. */
    public Refusal enter() {
        if (draining) {
            return Refusal.DRAINING;
        }
        if (!permits.tryAcquire()) {
            return Refusal.BUSY;
        }
        if (draining) {
            // Draining began between the check and the permit: the drain may already have counted us out.
            permits.release();
            return Refusal.DRAINING;
        }
        return Refusal.NONE;
    }

    public void leave() {
        permits.release();
    }

    public void beginDrain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Waits until every request let in has left, at most {@code timeout}; true when they have. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (!permits.tryAcquire(limit, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        permits.release(limit);
        return true;
    }
}
