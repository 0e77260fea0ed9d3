"""Timpani's stand-in for the parts of DRUM's ``datarobot_drum`` package that user code imports
(R-HOOK-8, R-CFG-9): ``CustomHTTPError`` and ``RuntimeParameters``."""
import json
import os

__all__ = ["CustomHTTPError", "RuntimeParameters"]

_PREFIX = "MLOPS_RUNTIME_PARAM_"
# Timpani checks every parameter at load, in Java, with DRUM's rules (R-RTP-1); the ones that failed come here
# as {"NAME": {"exception": "...", "message": "..."}} and raise when read, as DRUM's RuntimeParameters.get does.
_FAILURES = "TIMPANI_RUNTIME_PARAM_FAILURES"


class CustomHTTPError(Exception):
    """Raised by a hook to answer with its own HTTP status and ``{"message": message}``."""

    def __init__(self, message, status_code=400, *args):
        super().__init__(message, status_code, *args)
        self.message = message
        self.status_code = int(status_code)

    def __str__(self):
        return str(self.message)


class RuntimeParameterException(Exception):
    pass


class InvalidJsonException(RuntimeParameterException):
    pass


class InvalidRuntimeParam(RuntimeParameterException):
    pass


_EXCEPTIONS = {"InvalidJsonException": InvalidJsonException, "InvalidRuntimeParam": InvalidRuntimeParam}


class RuntimeParameters:
    """Runtime parameters: the ``MLOPS_RUNTIME_PARAM_<NAME>`` variables holding ``{"type": ..., "payload": ...}``
    (those of ``--runtime-params-file`` included: Timpani sets them from the file, as DRUM does)."""

    @staticmethod
    def has(name):
        return (_PREFIX + name) in os.environ

    @staticmethod
    def get(name):
        raw = os.environ.get(_PREFIX + name)
        if raw is None:
            raise ValueError("Runtime parameter '%s' does not exist!" % name)
        failure = json.loads(os.environ.get(_FAILURES) or "{}").get(name)
        if failure:
            raise _EXCEPTIONS.get(failure["exception"], RuntimeParameterException)(failure["message"])
        return json.loads(raw)["payload"]
