package dev.timpani.api;

/** R-ROUTE-9: the chat routes of a model without a {@code chat} hook; 404 saying so. */
class ChatNotSupportedException extends RuntimeException {

    ChatNotSupportedException(String message) {
        super(message);
    }
}
