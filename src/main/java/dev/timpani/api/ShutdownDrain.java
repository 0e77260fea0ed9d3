package dev.timpani.api;

import dev.timpani.model.InFlightRequests;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown, first step: from SIGTERM on, new scoring requests are answered 503 while the ones in flight
 * finish; then the web server's own graceful shutdown (the next phase) closes the port. Without this step Tomcat
 * stops accepting at once and a client that has not yet seen the pod leave its Service gets connection refused.
 * Hook workers are closed later still, when the context destroys its beans.
 */
@Component
class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final InFlightRequests inFlight;
    private final Duration timeout;
    private volatile boolean running;

    ShutdownDrain(InFlightRequests inFlight,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        this.inFlight = inFlight;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        drain();
    }

    @Override
    public void stop(Runnable callback) {
        Thread drainer = new Thread(() -> {
            try {
                drain();
            } finally {
                callback.run();
            }
        }, "timpani-drain");
        drainer.setDaemon(true);
        drainer.start();
    }

    private void drain() {
        inFlight.beginDrain();
        running = false;
        log.info("Draining: new scoring requests get 503 while those in flight finish (at most {})", timeout);
        try {
            if (inFlight.awaitIdle(timeout)) {
                log.info("Drained: no scoring request in flight");
            } else {
                log.warn("Scoring requests still in flight after {}; shutting down regardless", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Just before the web server's graceful shutdown: SmartLifecycles stop in descending phase order. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
