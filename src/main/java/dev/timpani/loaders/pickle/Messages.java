package dev.timpani.loaders.pickle;

/** The text of a library's exception for a one-line reason: the innermost message that says something. */
final class Messages {

    private Messages() {
    }

    static String of(Throwable failure) {
        Throwable current = failure;
        String message = null;
        while (current != null) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                message = current.getClass().getSimpleName() + ": " + current.getMessage();
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        String stripped = message.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }
}
