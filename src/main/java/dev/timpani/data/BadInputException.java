package dev.timpani.data;

/**
 * The client sent something we cannot score: the message names what and where, and is shown to the client
 * as DRUM's {@code {"message": "ERROR: ..."}} with status 422.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
