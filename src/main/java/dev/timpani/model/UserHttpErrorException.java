package dev.timpani.model;

/**
 * User code raised DRUM's {@code CustomHTTPError(message, status_code)} (R-HOOK-8): the answer is that status
 * with {@code {"message": message}} as given (no {@code ERROR:} prefix) and {@code X-Drum-User-Http-Error: true}.
 */
public class UserHttpErrorException extends RuntimeException {

    private final int status;

    public UserHttpErrorException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
