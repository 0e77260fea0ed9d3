"""The kinds of failure an answer carries (PROTOCOL.md, "Errors") and the log (stderr, which the JVM tags)."""
import sys
import traceback


class BadInput(Exception):
    """The client's payload cannot be read: 422."""


class ModelError(Exception):
    """The model or a hook failed, or returned the wrong thing: 500."""


class LoadError(Exception):
    """The model folder cannot be served: the server's 513 state."""


def log(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def hook_failure(exc, message):
    """A hook raised: a user HTTP error keeps its status (R-HOOK-8); anything else is the model's 500."""
    if is_custom_http_error(exc):
        return exc
    log(traceback.format_exc())
    if message is None:
        return ModelError(str(exc) if str(exc) else type(exc).__name__)
    return ModelError("%s Exception: %s" % (message, exc if str(exc) else type(exc).__name__))


def is_custom_http_error(exc):
    return type(exc).__name__ == "CustomHTTPError" and hasattr(exc, "status_code")


def error_answer(exc):
    if isinstance(exc, BadInput):
        return {"status": "error", "kind": "bad_input", "message": str(exc)}, b""
    if isinstance(exc, LoadError):
        return {"status": "error", "kind": "load", "message": str(exc)}, b""
    if isinstance(exc, ModelError):
        return {"status": "error", "kind": "model", "message": str(exc)}, b""
    if is_custom_http_error(exc):
        return {"status": "error", "kind": "user", "message": str(getattr(exc, "message", exc)),
                "http_status": int(exc.status_code)}, b""
    log("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return {"status": "error", "kind": "model",
            "message": "%s: %s" % (type(exc).__name__, exc) if str(exc) else type(exc).__name__}, b""
