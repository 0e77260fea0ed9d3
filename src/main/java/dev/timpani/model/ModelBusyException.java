package dev.timpani.model;

/** Every scoring worker is busy and the queue in front of them is full (R-ERR-5): 503, try again later. */
public class ModelBusyException extends RuntimeException {

    public ModelBusyException(String message) {
        super(message);
    }
}
