package dev.timpani.oip.rest;

import dev.timpani.data.BadInputException;
import dev.timpani.model.ModelBusyException;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.ModelNotReadyException;
import dev.timpani.model.UserHttpErrorException;
import dev.timpani.oip.OipException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every V2 failure as the protocol's {@code {"error": "..."}} body, ahead of DRUM's handler (which answers
 * {@code {"message": ...}}) for the V2 controller only. The client's mistakes are 400 (the model's
 * {@link BadInputException} too: the protocol has no 422); the model's failures 500 with its own text.
 */
@RestControllerAdvice(assignableTypes = V2Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class V2ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(V2ErrorHandler.class);

    @ExceptionHandler(OipException.class)
    ResponseEntity<Map<String, String>> protocol(OipException e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(BadInputException.class)
    ResponseEntity<Map<String, String>> badInput(BadInputException e) {
        return error(400, e.getMessage());
    }

    @ExceptionHandler(ModelNotReadyException.class)
    ResponseEntity<Map<String, String>> notReady(ModelNotReadyException e) {
        return error(503, e.getMessage());
    }

    @ExceptionHandler(ModelBusyException.class)
    ResponseEntity<Map<String, String>> busy(ModelBusyException e) {
        return error(503, e.getMessage());
    }

    @ExceptionHandler(UserHttpErrorException.class)
    ResponseEntity<Map<String, String>> userHttpError(UserHttpErrorException e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(ModelFailedException.class)
    ResponseEntity<Map<String, String>> modelFailed(ModelFailedException e) {
        log.warn("Model failed: {}", e.getMessage(), e.getCause());
        return error(500, e.getMessage());
    }

    /** Anything else is our bug: logged whole; the client gets its message only. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        log.error("Unexpected failure on a V2 route", e);
        return error(500, e.getMessage() == null ? "internal server error; the server log has it" : e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(int status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
    }
}
