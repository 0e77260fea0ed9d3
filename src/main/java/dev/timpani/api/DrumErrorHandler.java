package dev.timpani.api;

import dev.timpani.data.BadInputException;
import dev.timpani.model.ModelBusyException;
import dev.timpani.model.ModelFailedException;
import dev.timpani.model.ModelNotReadyException;
import dev.timpani.model.UserHttpErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where failures become DRUM's {@code {"message": ...}} bodies (R-ERR). The client's mistakes
 * are 4xx naming the problem; the model's failures are 500 with its own text; no stack trace ever leaves.
 */
@RestControllerAdvice
class DrumErrorHandler {

    static final int MODEL_LOAD_FAILED = 513;

    private static final Logger log = LoggerFactory.getLogger(DrumErrorHandler.class);

    @ExceptionHandler(BadInputException.class)
    ResponseEntity<DrumMessage> badInput(BadInputException e) {
        return answer(HttpStatus.UNPROCESSABLE_CONTENT.value(), DrumMessage.error(e.getMessage()));
    }

    @ExceptionHandler(WrongRouteException.class)
    ResponseEntity<DrumMessage> wrongRoute(WrongRouteException e) {
        return answer(HttpStatus.UNPROCESSABLE_CONTENT.value(), DrumMessage.error(e.getMessage()));
    }

    /** R-ROUTE-9: the chat routes of a model without a chat hook. */
    @ExceptionHandler(ChatNotSupportedException.class)
    ResponseEntity<DrumMessage> chatNotSupported(ChatNotSupportedException e) {
        return answer(HttpStatus.NOT_FOUND.value(), DrumMessage.error(e.getMessage()));
    }

    @ExceptionHandler({PayloadTooLargeException.class, MaxUploadSizeExceededException.class})
    ResponseEntity<DrumMessage> tooLarge(Exception e) {
        String text = e instanceof PayloadTooLargeException ? e.getMessage()
                : "Request body is larger than the limit; raise timpani.max-payload-size to accept it";
        return answer(HttpStatus.CONTENT_TOO_LARGE.value(), DrumMessage.error(text));
    }

    /** R-ERR-2: more rows or columns than timpani.limits.* allow. */
    @ExceptionHandler(FrameTooLargeException.class)
    ResponseEntity<DrumMessage> frameTooLarge(FrameTooLargeException e) {
        return answer(HttpStatus.CONTENT_TOO_LARGE.value(), DrumMessage.error(e.getMessage()));
    }

    /** R-ERR-5 (Timpani): in-process scoring past timpani.limits.request-timeout. */
    @ExceptionHandler(ScoringTimeoutException.class)
    ResponseEntity<DrumMessage> scoringTimeout(ScoringTimeoutException e) {
        log.warn("{}", e.getMessage());
        return answer(HttpStatus.SERVICE_UNAVAILABLE.value(), DrumMessage.error(e.getMessage()));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<DrumMessage> brokenMultipart(MultipartException e) {
        return answer(HttpStatus.UNPROCESSABLE_CONTENT.value(),
                DrumMessage.error("The multipart form data could not be read: " + rootMessage(e)));
    }

    @ExceptionHandler(ModelNotReadyException.class)
    ResponseEntity<DrumMessage> notReady(ModelNotReadyException e) {
        return e.isLoading()
                ? answer(HttpStatus.SERVICE_UNAVAILABLE.value(), new DrumMessage(e.getMessage()))
                : answer(MODEL_LOAD_FAILED, DrumMessage.error(e.getMessage()));
    }

    @ExceptionHandler(ModelFailedException.class)
    ResponseEntity<DrumMessage> modelFailed(ModelFailedException e) {
        log.warn("Model failed: {}", e.getMessage(), e.getCause());
        return answer(HttpStatus.INTERNAL_SERVER_ERROR.value(), DrumMessage.error(e.getMessage()));
    }

    /** R-ERR-5: every worker busy and the queue full. */
    @ExceptionHandler(ModelBusyException.class)
    ResponseEntity<DrumMessage> busy(ModelBusyException e) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE.value(), DrumMessage.error(e.getMessage()));
    }

    /** R-HOOK-8: a hook's CustomHTTPError keeps its status and its message as given. */
    @ExceptionHandler(UserHttpErrorException.class)
    ResponseEntity<DrumMessage> userHttpError(UserHttpErrorException e) {
        return ResponseEntity.status(e.status()).header("X-Drum-User-Http-Error", "true")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(new DrumMessage(e.getMessage()));
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<DrumMessage> notFound(Exception e) {
        return answer(HttpStatus.NOT_FOUND.value(), DrumMessage.error("The requested URL was not found on the server."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<DrumMessage> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED.value(),
                DrumMessage.error("The method " + e.getMethod() + " is not allowed for the requested URL."));
    }

    @ExceptionHandler({HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<DrumMessage> mediaType(Exception e) {
        return answer(HttpStatus.UNPROCESSABLE_CONTENT.value(), DrumMessage.error(e.getMessage()));
    }

    /** Anything else is our bug: log it whole, tell the client only that it happened. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<DrumMessage> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() != null ? root.getMessage() : "internal server error; the server log has it";
        return answer(HttpStatus.INTERNAL_SERVER_ERROR.value(), DrumMessage.error(text));
    }

    private static ResponseEntity<DrumMessage> answer(int status, DrumMessage body) {
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
