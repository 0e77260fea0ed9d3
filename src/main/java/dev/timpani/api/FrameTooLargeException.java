package dev.timpani.api;

/** R-ERR-2: a parsed request over {@code timpani.limits.max-rows} or {@code timpani.limits.max-columns} (413). */
class FrameTooLargeException extends RuntimeException {

    private FrameTooLargeException(String message) {
        super(message);
    }

    static FrameTooLargeException rows(int rows, int limit) {
        return new FrameTooLargeException("Request holds " + rows + " rows, more than the limit of " + limit
                + "; raise timpani.limits.max-rows to accept it");
    }

    static FrameTooLargeException columns(int columns, int limit) {
        return new FrameTooLargeException("Request holds " + columns + " columns, more than the limit of " + limit
                + "; raise timpani.limits.max-columns to accept it");
    }
}
