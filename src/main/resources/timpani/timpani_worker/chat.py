"""The chat hook's answers (R-HOOK-7, R-ROUTE-9): one completion, or a stream of chunk frames."""
import json

from .errors import BadInput, ModelError, error_answer, hook_failure, is_custom_http_error
from .wire import json_default


def chat(hook, model, body):
    """The chat hook called with the request's JSON: a completion's answer, or a ChatStream of chunks."""
    if not hook:
        raise ModelError("This model has no chat hook")
    try:
        params = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadInput("The chat request is not valid JSON: %s" % (exc,))
    if not isinstance(params, dict):
        raise BadInput("The chat request must be a JSON object, not %s" % type(params).__name__)
    try:
        result = hook(params, model)
    except Exception as exc:
        raise hook_failure(exc, None)
    if is_chat_object(result):
        return {"status": "ok", "stream": False}, chat_json(result)
    try:
        return ChatStream(iter(result))
    except TypeError:
        raise ModelError("chat must return a ChatCompletion (or a dict), or an iterator of chunks when "
                         "streaming, but it returned %s" % type(result))


class ChatStream:
    """A streamed chat answer: the loop writes one `chunk` frame per item, then `end` (or `error`)."""

    def __init__(self, iterator):
        self.iterator = iterator

    def frames(self):
        while True:
            try:
                chunk = next(self.iterator)
            except StopIteration:
                yield {"status": "end"}, b""
                return
            except BaseException as exc:  # noqa: B036 - reported as the stream's last frame
                if isinstance(exc, (BadInput, ModelError)) or is_custom_http_error(exc):
                    yield error_answer(exc)
                else:
                    yield error_answer(hook_failure(exc, None))
                return
            try:
                if not is_chat_object(chunk):
                    raise ModelError("chat's iterator must yield ChatCompletionChunks (or dicts), but it yielded %s"
                                     % type(chunk))
                encoded = chat_json(chunk)
            except ModelError as exc:
                yield error_answer(exc)
                return
            yield {"status": "chunk"}, encoded


def is_chat_object(value):
    """A ChatCompletion or chunk: a mapping, or an OpenAI / pydantic object that can become one."""
    from collections.abc import Mapping

    return isinstance(value, Mapping) or any(
        callable(getattr(value, name, None)) for name in ("to_dict", "model_dump")) or (
        hasattr(value, "dict") and hasattr(value, "__fields__"))


def chat_json(value):
    """One line of JSON: openai's to_dict(), pydantic's model_dump() / dict(), or the mapping itself."""
    from collections.abc import Mapping

    if isinstance(value, Mapping):
        data = dict(value)
    elif callable(getattr(value, "to_dict", None)):
        data = value.to_dict()
    elif callable(getattr(value, "model_dump", None)):
        data = value.model_dump(mode="json", exclude_unset=True, by_alias=True)
    else:
        data = value.dict(exclude_unset=True, by_alias=True)
    try:
        return json.dumps(data, allow_nan=False, default=json_default, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise ModelError("chat's answer cannot be encoded as JSON: %s" % (exc,))

