"""The worker's request loop: one request at a time, each answered by one frame (a streamed chat by several)."""
import os

from . import PROTOCOL_VERSION
from .chat import ChatStream
from .errors import LoadError, ModelError, error_answer
from .hooks import Served
from .loading import missing_requirement
from .wire import read_message, write_message

SERVED = None


def handle(meta, body):
    global SERVED
    op = meta.get("op")
    if op == "load":
        served = Served(meta)
        try:
            served.load()
        except LoadError as exc:
            raise missing_requirement(served.code_dir, exc) or exc
        SERVED = served
        return {"status": "ok", "predictor": SERVED.predictor_name, "pid": os.getpid(),
                "protocol": PROTOCOL_VERSION,
                "hooks": [name for name, hook in SERVED.hooks.items() if hook is not None]}, b""
    if op == "ping":
        return {"status": "ok"}, b""
    if SERVED is None:
        raise ModelError("The worker has no model loaded")
    if op == "predict":
        return SERVED.predict(meta, body)
    if op == "unstructured":
        return SERVED.unstructured(meta, body)
    if op == "transform":
        return SERVED.transform_request(meta, body)
    if op == "chat":
        return SERVED.chat(body)
    raise ModelError("Unknown operation %r" % (op,))


def send(answer):
    try:
        write_message(*answer)
    except (TypeError, ValueError) as exc:
        write_message({"status": "error", "kind": "model", "message": "Cannot encode the answer: %s" % exc})


def main():
    while True:
        message = read_message()
        if message is None:
            return
        meta, body = message
        try:
            answer = handle(meta, body)
        except BaseException as exc:  # noqa: B036 - a hook's sys.exit() must not end the worker silently
            answer = error_answer(exc)
        if isinstance(answer, ChatStream):
            for frame in answer.frames():
                send(frame)
        else:
            send(answer)
