package dev.timpani.model.params;

import dev.timpani.model.ModelLoadException;

/** The runtime parameters given cannot be used; the message is DRUM's (R-RTP-1). */
public final class RuntimeParameterException extends ModelLoadException {

    RuntimeParameterException(String message) {
        super(message);
    }
}
