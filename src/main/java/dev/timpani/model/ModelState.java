package dev.timpani.model;

/** Where the one model of this server stands. */
public sealed interface ModelState {

    record Loading() implements ModelState {
    }

    record Ready(LoadedModel model) implements ModelState {
    }

    /** The error server's state (R-ERR-4): {@code message} is the body every route answers with. */
    record Failed(String message) implements ModelState {
    }
}
