package dev.timpani.api;

/** R-ERR-2: the body is over {@code timpani.max-payload-size}. */
class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long limitBytes) {
        super("Request body is larger than the limit of " + limitBytes
                + " bytes; raise timpani.max-payload-size to accept it");
    }
}
