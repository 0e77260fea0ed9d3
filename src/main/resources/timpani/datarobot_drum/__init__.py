"""Timpani's stand-in for the parts of DRUM's ``datarobot_drum`` package that user code imports
(R-HOOK-8, R-CFG-9): ``CustomHTTPError`` and ``RuntimeParameters``."""
import json
import os

__all__ = ["CustomHTTPError", "RuntimeParameters"]

_PREFIX = "MLOPS_RUNTIME_PARAM_"


class CustomHTTPError(Exception):
    """Raised by a hook to answer with its own HTTP status and ``{"message": message}``."""

    def __init__(self, message, status_code=400, *args):
        super().__init__(message, status_code, *args)
        self.message = message
        self.status_code = int(status_code)

    def __str__(self):
        return str(self.message)


_file_params = None


def _params_from_file():
    global _file_params
    if _file_params is None:
        _file_params = {}
        path = os.environ.get("TIMPANI_RUNTIME_PARAMS_FILE") or os.environ.get("RUNTIME_PARAMS_FILE")
        if path and os.path.isfile(path):
            try:
                import yaml  # optional: only needed for a runtime params file
                with open(path) as f:
                    loaded = yaml.safe_load(f) or {}
                if isinstance(loaded, dict):
                    _file_params = loaded
            except ImportError:
                pass
    return _file_params


class RuntimeParameters:
    """Runtime parameters: ``MLOPS_RUNTIME_PARAM_<NAME>`` variables holding ``{"type": ..., "payload": ...}``,
    or the YAML file given by ``--runtime-params-file``."""

    @staticmethod
    def has(name):
        return (_PREFIX + name) in os.environ or name in _params_from_file()

    @staticmethod
    def get(name):
        raw = os.environ.get(_PREFIX + name)
        if raw is not None:
            try:
                value = json.loads(raw)
            except ValueError as e:
                raise ValueError("Runtime parameter %s is not valid JSON: %s" % (name, e))
            if isinstance(value, dict) and "payload" in value:
                return value["payload"]
            return value
        params = _params_from_file()
        if name in params:
            value = params[name]
            if isinstance(value, dict) and "payload" in value:
                return value["payload"]
            return value
        raise ValueError("Runtime parameter %s is not set" % name)
