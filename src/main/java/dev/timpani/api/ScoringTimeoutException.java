package dev.timpani.api;

import java.time.Duration;

/** R-ERR-5 (Timpani): in-process scoring ran past {@code timpani.limits.request-timeout} (503). */
class ScoringTimeoutException extends RuntimeException {

    ScoringTimeoutException(Duration timeout) {
        super("Scoring took longer than the limit of " + text(timeout)
                + "; raise timpani.limits.request-timeout to allow it");
    }

    private static String text(Duration timeout) {
        return timeout.toMillis() > 0 ? timeout.toMillis() + " ms" : timeout.toNanos() + " ns";
    }
}
