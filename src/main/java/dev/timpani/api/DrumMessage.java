package dev.timpani.api;

/** DRUM's one body shape for status and errors: {@code {"message": ...}}. */
public record DrumMessage(String message) {

    static final DrumMessage OK = new DrumMessage("OK");

    /** DRUM prefixes its own errors with {@code ERROR: }; user errors from hooks are sent as-is (R-HOOK-8). */
    static DrumMessage error(String text) {
        return new DrumMessage(text.startsWith("ERROR: ") ? text : "ERROR: " + text);
    }
}
