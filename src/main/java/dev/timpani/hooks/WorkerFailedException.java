package dev.timpani.hooks;

import dev.timpani.model.ModelFailedException;

/** A worker died, hung past the request timeout or broke the protocol: the request gets a 500 with this text. */
final class WorkerFailedException extends ModelFailedException {

    WorkerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
