package dev.timpani.loaders.djl;

/** Native engines' messages often carry a C++ stack trace after the first line; a load error shows only that line. */
final class NativeMessages {

    private NativeMessages() {
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        String stripped = message.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }
}
