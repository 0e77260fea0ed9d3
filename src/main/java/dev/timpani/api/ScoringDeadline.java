package dev.timpani.api;

import dev.timpani.config.TimpaniProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * R-ERR-5 (Timpani): {@code timpani.limits.request-timeout} on in-process scoring. Off (zero) by default: the
 * scoring runs on the request's thread. On: it runs on a pool thread, the request waits at most the timeout and
 * then answers 503; the scoring thread is interrupted (native engines may finish their batch regardless).
 * Hook workers have their own timeout ({@code timpani.workers.request-timeout}).
 */
@Component
class ScoringDeadline implements DisposableBean {

    private final Duration timeout;
    private final ExecutorService executor;

    ScoringDeadline(TimpaniProperties properties) {
        Duration configured = properties.limits().requestTimeout();
        this.timeout = configured == null || configured.isZero() || configured.isNegative() ? null : configured;
        // Threads are bounded by the in-flight limit in front of the scoring routes.
        this.executor = timeout == null ? null : Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "timpani-scoring");
            thread.setDaemon(true);
            return thread;
        });
    }

    <T> T call(Supplier<T> scoring) {
        if (executor == null) {
            return scoring.get();
        }
        // The request id rides along, so the model's log lines still name their request.
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        long start = System.nanoTime();
        Future<T> future = executor.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return scoring.get();
            } finally {
                MDC.clear();
            }
        });
        try {
            T result = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            // A thread switch can let a scoring finish past the deadline before get() looks at the clock;
            // the limit is on the elapsed time, so such a result is late all the same.
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new ScoringTimeoutException(timeout);
            }
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ScoringTimeoutException(timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ScoringTimeoutException(timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
