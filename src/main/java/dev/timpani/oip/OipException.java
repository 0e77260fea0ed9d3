package dev.timpani.oip;

/**
 * A V2 request the server answers with an error: the HTTP status (REST) or its gRPC equivalent, and the text of the
 * protocol's {@code {"error": ...}} body.
 */
public final class OipException extends RuntimeException {

    private final int status;

    public OipException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static OipException badRequest(String message) {
        return new OipException(400, message);
    }

    public static OipException notFound(String message) {
        return new OipException(404, message);
    }
}
