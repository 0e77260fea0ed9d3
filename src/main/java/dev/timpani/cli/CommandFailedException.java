package dev.timpani.cli;

/** A command cannot do its job for a reason the user can act on: one line on stderr, exit code 1. */
class CommandFailedException extends RuntimeException {

    CommandFailedException(String message) {
        super(message);
    }
}
