package dev.timpani.oip.grpc;

import dev.timpani.data.BadInputException;
import dev.timpani.model.ModelBusyException;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.ModelNotReadyException;
import dev.timpani.model.UserHttpErrorException;
import dev.timpani.oip.OipException;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures as gRPC statuses, the same cases as REST's {@code V2ErrorHandler}: the client's mistakes
 * {@code INVALID_ARGUMENT} naming the input, an unknown model {@code NOT_FOUND}, not ready or busy
 * {@code UNAVAILABLE}, the model's own failure {@code INTERNAL} with its text.
 */
final class GrpcErrors {

    private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    static Status toStatus(RuntimeException e) {
        if (e instanceof OipException protocol) {
            return ofHttp(protocol.status()).withDescription(protocol.getMessage());
        }
        if (e instanceof BadInputException) {
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage());
        }
        if (e instanceof ModelNotReadyException || e instanceof ModelBusyException) {
            return Status.UNAVAILABLE.withDescription(e.getMessage());
        }
        if (e instanceof UserHttpErrorException user) {
            return ofHttp(user.status()).withDescription(user.getMessage());
        }
        if (e instanceof ModelFailedException) {
            log.warn("Model failed: {}", e.getMessage(), e.getCause());
            return Status.INTERNAL.withDescription(e.getMessage());
        }
        log.error("Unexpected failure on a V2 gRPC call", e);
        return Status.INTERNAL.withDescription(e.getMessage() == null ? "internal error; the server log has it"
                : e.getMessage());
    }

    /** The gRPC code of an HTTP status, as gRPC's own HTTP mapping reads it. */
    static Status ofHttp(int status) {
        return switch (status) {
            case 400, 422 -> Status.INVALID_ARGUMENT;
            case 401 -> Status.UNAUTHENTICATED;
            case 403 -> Status.PERMISSION_DENIED;
            case 404 -> Status.NOT_FOUND;
            case 413, 429 -> Status.RESOURCE_EXHAUSTED;
            case 503 -> Status.UNAVAILABLE;
            default -> status >= 400 && status < 500 ? Status.FAILED_PRECONDITION : Status.INTERNAL;
        };
    }
}
