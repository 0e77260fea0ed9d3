"""Timpani's Python hook worker: one long-lived process serving DRUM-style hooks of one model folder.

The JVM writes request frames to this process's stdin and reads answer frames from its stdout; see
PROTOCOL.md next to this file. Everything else (user prints, logging, tracebacks) goes to stderr, which the
JVM logs tagged with the worker id. stdout's file descriptor is moved away before any user code is imported,
so a print() or a C library writing to fd 1 cannot corrupt the protocol.
"""
import os
import sys

# --- 1. Own the protocol's file descriptors before anything else can write to them. ---------------------
_PROTO_IN = os.fdopen(os.dup(0), "rb", buffering=1 << 16)
_PROTO_OUT = os.fdopen(os.dup(1), "wb", buffering=1 << 16)
os.dup2(2, 1)  # fd 1 (C-level stdout) now goes to stderr
_devnull = os.open(os.devnull, os.O_RDONLY)
os.dup2(_devnull, 0)  # user code reading stdin sees EOF, not our frames
os.close(_devnull)
sys.stdout = sys.stderr
sys.stdin = open(os.devnull, "r")

import importlib.util  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import struct  # noqa: E402
import traceback  # noqa: E402

_HEADER = struct.Struct(">II")
PROTOCOL_VERSION = 1

HOOK_NAMES = ("init", "load_model", "read_input_data", "transform", "score", "post_process",
              "score_unstructured", "chat")
PYTHON_ARTIFACTS = (".pkl", ".joblib", ".pth", ".h5", ".onnx")
# DRUM's preamble of its load errors (python_model_adapter.py).
RUNNING_LANG_MSG = "Running environment language: Python."
# R-OUT-5: these answer the model's single column as-is (strings), never cast to float.
TEXT_TARGET_TYPES = ("textgeneration", "geopoint", "vectordatabase", "agenticworkflow")
CSV_MIMETYPES = ("text/csv", "text/plain", "application/csv", "")
ARROW_MIMETYPES = ("application/x-apache-arrow-stream", "application/vnd.apache.arrow.file", "arrow")


class BadInput(Exception):
    """The client's payload cannot be read: 422."""


class ModelError(Exception):
    """The model or a hook failed, or returned the wrong thing: 500."""


class LoadError(Exception):
    """The model folder cannot be served: the server's 513 state."""


# --- 2. Framing. ---------------------------------------------------------------------------------------------

def _read_exact(n):
    data = _PROTO_IN.read(n)
    if data is None or len(data) < n:
        return None
    return data


def read_message():
    head = _read_exact(_HEADER.size)
    if head is None:
        return None
    meta_len, body_len = _HEADER.unpack(head)
    meta = _read_exact(meta_len) if meta_len else b"{}"
    body = _read_exact(body_len) if body_len else b""
    if meta is None or body is None:
        return None
    return json.loads(meta.decode("utf-8")), body


def write_message(meta, body=b""):
    encoded = json.dumps(meta, allow_nan=False, default=_json_default).encode("utf-8")
    _PROTO_OUT.write(_HEADER.pack(len(encoded), len(body)))
    _PROTO_OUT.write(encoded)
    if body:
        _PROTO_OUT.write(body)
    _PROTO_OUT.flush()


def _json_default(value):
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def log(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


# --- 3. The served model. --------------------------------------------------------------------------------------

class Served:
    def __init__(self, meta):
        self.code_dir = meta["code_dir"]
        self.target_type = meta["target_type"]
        self.positive = meta.get("positive_class_label")
        self.negative = meta.get("negative_class_label")
        self.class_labels = meta.get("class_labels")
        self.hooks = {name: None for name in HOOK_NAMES}
        self.model = None
        self.predictor = None
        self.predictor_name = "PythonHooks"

    @property
    def classification(self):
        return self.target_type in ("binary", "multiclass", "multilabel")

    def label_kwargs(self):
        if self.target_type == "binary":
            return {"positive_class_label": self.positive, "negative_class_label": self.negative}
        if self.target_type in ("multiclass", "multilabel"):
            return {"class_labels": list(self.class_labels or [])}
        return {}

    def request_labels(self):
        if self.target_type == "binary":
            return [self.negative, self.positive]
        if self.classification:
            return list(self.class_labels or [])
        return None

    # -- loading (R-HOOK-2, R-HOOK-4, R-HOOK-11) --

    def load(self):
        sys.path.insert(0, self.code_dir)
        custom_path = os.path.join(self.code_dir, "custom.py")
        if os.path.isfile(custom_path):
            try:
                spec = importlib.util.spec_from_file_location("custom", custom_path)
                custom = importlib.util.module_from_spec(spec)
                sys.modules["custom"] = custom
                spec.loader.exec_module(custom)
            except Exception as exc:
                log(traceback.format_exc())
                raise LoadError("custom.py could not be imported. Exception: %s: %s" % (type(exc).__name__, exc))
            for name in HOOK_NAMES:
                hook = getattr(custom, name, None)
                self.hooks[name] = hook if callable(hook) else None
            # Pickles saved from a script reference its classes as __main__.X: let them resolve to custom.py's.
            main = sys.modules["__main__"]
            for name, value in vars(custom).items():
                if not name.startswith("__") and not hasattr(main, name):
                    setattr(main, name, value)

        if self.hooks["init"]:
            try:
                self.hooks["init"](code_dir=self.code_dir, **self.label_kwargs())
            except Exception as exc:
                log(traceback.format_exc())
                raise LoadError("'init' hook failed to initialize the model. Exception: %s" % (exc,))

        if self.hooks["load_model"]:
            try:
                self.model = self.hooks["load_model"](self.code_dir)
            except Exception as exc:
                log(traceback.format_exc())
                raise LoadError("'load_model' hook failed to load the model. Exception: %s" % (exc,))
            if self.model is None:
                raise LoadError("'load_model' hook failed to load the model. Exception: "
                                "load_model must return a model, but it returned None")
        else:
            self.model = self._load_artifact()

        if self.target_type == "unstructured":
            if not self.hooks["score_unstructured"]:
                raise LoadError("The unstructured target type needs a 'score_unstructured' hook in custom.py")
            self.predictor_name = "PythonHooks"
        elif self.hooks["score"] or self.target_type == "transform":
            self.predictor_name = "PythonHooks"
        elif self.hooks["chat"] and builtin_predictor(self.model) is None:
            # A chat model (R-HOOK-7) needs no structured predictor: /predict/ then says there is none.
            self.predictor_name = "PythonHooks"
        else:
            self.predictor = builtin_predictor(self.model)
            if self.predictor is None:
                raise LoadError("Could not find any framework to handle loaded model and a score hook is not "
                                "provided (model type %s)" % type(self.model).__name__)
            self.predictor_name = self.predictor.name

    def _load_artifact(self):
        files = sorted(f for f in os.listdir(self.code_dir)
                       if os.path.isfile(os.path.join(self.code_dir, f)) and f.lower().endswith(PYTHON_ARTIFACTS))
        if not files:
            # DRUM's words (python_model_adapter.py; its test_detect_language and test_e2e_no_model_artifact look
            # for them), with the extensions this worker loads.
            raise LoadError("\n\n%s\nCould not find model artifact file in: %s supported by default predictors.\n"
                            "They support filenames with the following extensions %s.\n"
                            "If your artifact is not supported by default predictor, implement custom.load_model() "
                            "hook.\nList of retrieved files are: %s"
                            % (RUNNING_LANG_MSG, self.code_dir, sorted(PYTHON_ARTIFACTS),
                               " | ".join(sorted(os.listdir(self.code_dir)))))
        if len(files) > 1:
            raise LoadError("Multiple model artifacts found in %s: %s. Keep exactly one, or load them yourself "
                            "in a load_model hook." % (self.code_dir, ", ".join(files)))
        path = os.path.join(self.code_dir, files[0])
        if files[0].lower().endswith(".onnx"):
            require_onnxruntime(files[0])
        try:
            return load_artifact(path)
        except Exception as exc:
            log(traceback.format_exc())
            raise LoadError("Could not load the artifact %s. Exception: %s: %s" % (files[0], type(exc).__name__, exc))

    # -- structured scoring (R-HOOK-4, R-HOOK-5, R-HOOK-10) --

    def predict(self, meta, body):
        import pandas as pd

        mimetype = (meta.get("mimetype") or "text/csv").lower()
        if self.hooks["read_input_data"]:
            try:
                data = self.hooks["read_input_data"](body)
            except Exception as exc:
                raise hook_failure(exc, "Model 'read_input_data' hook failed to read input data.")
            if not isinstance(data, pd.DataFrame) and not self.hooks["score"]:
                raise ModelError("read_input_data must return a pandas DataFrame when there is no score hook, "
                                 "but it returned %s" % type(data))
        else:
            data = read_structured(body, mimetype, meta.get("colnames"), meta.get("charset"))

        if self.hooks["transform"]:
            try:
                data = self.hooks["transform"](data, self.model)
            except Exception as exc:
                raise hook_failure(exc, "Model 'transform hook' failed to transform dataset.")
            validate_frame(data, "transform")

        input_rows = row_count(data)
        if self.hooks["score"]:
            try:
                result = self.hooks["score"](data, self.model, **self.label_kwargs())
            except Exception as exc:
                raise hook_failure(exc, "Model 'score' hook failed to make predictions.")
            validate_frame(result, "score")
            values, labels = result, [str(c) for c in result.columns]
        elif self.predictor is None:
            raise ModelError("This model has a chat hook but no score hook, so it cannot make structured "
                             "predictions: use /chat/completions")
        else:
            try:
                values, labels = self.predictor.predict(data, self.classification)
            except (BadInput, ModelError):
                raise
            except Exception as exc:
                raise hook_failure(exc, "Failure when making predictions.")

        if self.hooks["post_process"]:
            marshalled = self.marshal(values, labels)
            try:
                result = self.hooks["post_process"](marshalled, self.model)
            except Exception as exc:
                raise hook_failure(exc, "Model 'post_process' hook failed to post-process predictions.")
            if not isinstance(result, pd.DataFrame):
                raise ModelError("Output of post_process hook must be a dataframe, not a %s" % type(result))
            values, labels = result, [str(c) for c in result.columns]

        return encode_predictions(values, labels, input_rows, self.target_type, self.request_labels())

    def marshal(self, values, labels):
        """What DRUM hands post_process: a frame with the request's labels (or Predictions) as columns."""
        import numpy as np
        import pandas as pd

        frame = values if isinstance(values, pd.DataFrame) else None
        text = self.target_type in TEXT_TARGET_TYPES
        matrix = np.asarray(frame.values if frame is not None else values, dtype=object if text else np.float64)
        if matrix.ndim == 1:
            matrix = matrix.reshape(-1, 1)
        if not self.classification:
            return pd.DataFrame(matrix[:, :1], columns=["Predictions"])
        request = self.request_labels()
        if matrix.shape[1] == 1 and len(request) == 2:
            matrix = np.column_stack([1 - matrix[:, 0], matrix[:, 0]])
            return pd.DataFrame(matrix, columns=request)
        if labels is not None and len(labels) == matrix.shape[1]:
            wanted = [standardize(label) for label in request]
            got = [standardize(label) for label in labels]
            if sorted(map(repr, wanted)) == sorted(map(repr, got)):
                matrix = matrix[:, [got.index(w) for w in wanted]]
        return pd.DataFrame(matrix, columns=request[:matrix.shape[1]] if len(request) >= matrix.shape[1] else None)

    # -- transform models (R-ROUTE-7, R-OUT-6) --

    def transform_request(self, meta, body):
        """X (and optionally y) in, transformed X as csv or MatrixMarket out; the parts of the body are cut by
        the lengths in meta["parts"]."""
        import pandas as pd

        parts = split_parts(meta.get("parts") or [{"name": "X", "length": len(body)}], body)
        x_bytes = parts.get("X", b"")
        mimetype = (meta.get("mimetype") or "text/csv").lower()
        if self.hooks["read_input_data"]:
            try:
                data = self.hooks["read_input_data"](x_bytes)
            except Exception as exc:
                raise hook_failure(exc, "Model 'read_input_data' hook failed to read input data.")
        else:
            data = read_structured(x_bytes, mimetype, meta.get("colnames"), meta.get("charset"))
        target = None
        if "y" in parts:
            target = read_structured(parts["y"], (meta.get("y_mimetype") or "text/csv").lower(), None, None)
        if self.hooks["transform"]:
            try:
                import inspect

                arity = len(inspect.signature(self.hooks["transform"]).parameters)
                if arity == 3:
                    output = self.hooks["transform"](data, self.model, target)
                elif arity == 2:
                    output = self.hooks["transform"](data, self.model)
                else:
                    raise ValueError("Transform hook must take 2 or 3 arguments; hook provided takes %d" % arity)
                if isinstance(output, tuple):
                    raise ValueError("Transformation of the target variable is not supported by DRUM.")
            except Exception as exc:
                raise hook_failure(exc, "Model 'transform hook' failed to transform dataset.")
        elif "sklearn" in str(type(self.model)):
            try:
                output = self.model.transform(data)
            except Exception as exc:
                raise hook_failure(exc, "Model 'transform hook' failed to transform dataset.")
        else:
            raise ModelError("Transform hook must be implemented for custom transforms, for non-sklearn transformer.")
        if row_count(output) != row_count(data):
            raise ModelError("Transformation resulted in different number of rows than original data")

        out_parts = []
        answer = {"status": "ok"}
        sparse_matrix = as_sparse(output)
        if sparse_matrix is not None:
            from scipy.io import mmwrite

            buffer = io.BytesIO()
            mmwrite(buffer, sparse_matrix)
            answer["format"] = "sparse"
            out_parts.append(("X.transformed", buffer.getvalue()))
            names = [str(c) for c in output.columns] if isinstance(output, pd.DataFrame) else \
                ["feature_%d" % i for i in range(sparse_matrix.shape[1])]
            out_parts.append(("X.colnames", "\n".join(names).encode("utf-8")))
        else:
            frame = output if isinstance(output, pd.DataFrame) else pd.DataFrame(output)
            answer["format"] = "csv"
            out_parts.append(("X.transformed", to_csv(frame)))
        if target is not None:
            out_parts.append(("y.transformed", to_csv(target)))
        answer["parts"] = [{"name": name, "length": len(data_)} for name, data_ in out_parts]
        return answer, b"".join(data_ for _, data_ in out_parts)

    # -- unstructured scoring (R-HOOK-6, R-UNS) --

    def unstructured(self, meta, body):
        mimetype = meta.get("mimetype") or "text/plain"
        charset = meta.get("charset") or "utf-8"
        textual = mimetype.startswith("text/") or mimetype == "application/json"
        data = body
        if textual:
            try:
                data = body.decode(charset)
            except LookupError:
                raise BadInput("Unknown charset %s" % charset)
            except UnicodeDecodeError as exc:
                raise BadInput("The request body is not valid %s: %s" % (charset, exc))
        kwargs = {"mimetype": mimetype, "charset": charset, "query": meta.get("query") or {},
                  "headers": meta.get("headers") or {}}
        try:
            response = self.hooks["score_unstructured"](self.model, data, **kwargs)
        except Exception as exc:
            raise hook_failure(exc, None)
        single = not isinstance(response, tuple)
        if single:
            response = (response, None)
        if len(response) != 2:
            raise ModelError("In unstructured mode predictions of type tuple must have length = 2, but received "
                             "length = %d" % len(response))
        out, out_kwargs = response
        if not isinstance(out, (bytes, str, type(None))) or not isinstance(out_kwargs, (dict, type(None))):
            if single:
                raise ModelError("In unstructured mode single return value can be of type str/bytes, but "
                                 "received %s" % type(out))
            raise ModelError("In unstructured mode tuple return value must be of type (str/bytes, dict) but "
                             "received (%s, %s)" % (type(out), type(out_kwargs)))
        out_kwargs = out_kwargs or {}
        out_mimetype = out_kwargs.get("mimetype")
        out_charset = out_kwargs.get("charset")
        if isinstance(out, bytes):
            payload = out
            out_mimetype = out_mimetype or "application/octet-stream"
        else:
            out_charset = out_charset or "utf-8"
            try:
                payload = (out or "").encode(out_charset)
            except LookupError:
                raise ModelError("score_unstructured returned an unknown charset %s" % out_charset)
            out_mimetype = out_mimetype or "text/plain"
        return {"status": "ok", "mimetype": out_mimetype, "charset": out_charset}, payload


    # -- chat (R-HOOK-7, R-ROUTE-9) --

    def chat(self, body):
        if not self.hooks["chat"]:
            raise ModelError("This model has no chat hook")
        try:
            params = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise BadInput("The chat request is not valid JSON: %s" % (exc,))
        if not isinstance(params, dict):
            raise BadInput("The chat request must be a JSON object, not %s" % type(params).__name__)
        try:
            result = self.hooks["chat"](params, self.model)
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
    """A streamed chat answer: main() writes one `chunk` frame per item, then `end` (or `error`)."""

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
        return json.dumps(data, allow_nan=False, default=_json_default, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise ModelError("chat's answer cannot be encoded as JSON: %s" % (exc,))


def split_parts(parts, body):
    out, offset = {}, 0
    for part in parts:
        length = int(part["length"])
        out[part["name"]] = body[offset:offset + length]
        offset += length
    return out


def as_sparse(output):
    """A scipy sparse matrix, or a frame of sparse columns, as a COO matrix; None for dense output."""
    import pandas as pd

    if isinstance(output, pd.DataFrame):
        if output.shape[1] > 0 and all(isinstance(dtype, pd.SparseDtype) for dtype in output.dtypes):
            return output.sparse.to_coo()
        return None
    try:
        from scipy.sparse import issparse
    except ImportError:
        return None
    return output.tocoo() if issparse(output) else None


def to_csv(frame):
    """R-OUT-6: csv without index, lines ended by CRLF."""
    try:
        text = frame.to_csv(index=False, lineterminator="\r\n")
    except TypeError:  # pandas < 1.5
        text = frame.to_csv(index=False, line_terminator="\r\n")
    return text.encode("utf-8")


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


def validate_frame(value, hook):
    import pandas as pd

    if not isinstance(value, pd.DataFrame):
        raise ModelError("%s must return a dataframe, but received %s" % (hook, type(value)))
    if len(value.shape) != 2:
        raise ModelError("%s must return a dataframe of dim 2, but received one with dims %s" % (hook, value.shape))


def row_count(data):
    try:
        return int(data.shape[0])
    except Exception:
        try:
            return len(data)
        except Exception:
            return -1


def standardize(label):
    """DRUM's label standardising (R-OUT-11): a float if it parses, a strtobool as 0/1, else lower case."""
    text = str(label).strip()
    try:
        return float(text)
    except ValueError:
        pass
    lower = text.lower()
    if lower in ("y", "yes", "t", "true", "on"):
        return 1.0
    if lower in ("n", "no", "f", "false", "off"):
        return 0.0
    return lower


# --- 4. Reading structured payloads as DRUM does (R-IN). -------------------------------------------------------

class _StrictErrors(str):
    """``encoding_errors="strict"`` for ``pd.read_csv``, without pandas' leak of it.

    pandas' C reader (``TextReader.__cinit__`` in ``_libs/parsers.pyx``, as in Debian's pandas 1.5.3) encodes
    ``encoding_errors`` to bytes and ``Py_INCREF``s them with no matching release: 39 bytes lost per ``read_csv``, so
    a worker serving 500 requests/s grows by some 2 GB a day. Handing it the same bytes every time leaves only a
    reference count going up. Equal to "strict", so pandas' own checks and TextIOWrapper see the default.
    """

    _ENCODED = b"strict"

    def encode(self, encoding="utf-8", errors="strict"):
        return self._ENCODED


_READ_CSV_OPTIONS = None


def read_csv(body):
    """pandas.read_csv of a request's bytes, as DRUM calls it (defaults only)."""
    global _READ_CSV_OPTIONS
    import pandas as pd

    if _READ_CSV_OPTIONS is None:
        import inspect

        has_option = "encoding_errors" in inspect.signature(pd.read_csv).parameters
        _READ_CSV_OPTIONS = {"encoding_errors": _StrictErrors("strict")} if has_option else {}
    return pd.read_csv(io.BytesIO(body), **_READ_CSV_OPTIONS)


def read_structured(body, mimetype, colnames, charset):
    import pandas as pd

    if mimetype in CSV_MIMETYPES:
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadInput("Supplied CSV input file encoding must be UTF-8.")
        try:
            return read_csv(body)
        except Exception as exc:
            raise BadInput("Pandas failed to read input binary data %s" % (exc,))
    if mimetype == "text/mtx":
        from scipy.io import mmread
        from scipy.sparse import csr_matrix

        try:
            matrix = csr_matrix(mmread(io.BytesIO(body)))
        except Exception as exc:
            raise BadInput("The MatrixMarket payload could not be read: %s" % (exc,))
        columns = list(colnames) if colnames else None
        if columns is not None and len(columns) != matrix.shape[1]:
            raise BadInput("X.colnames names %d columns but the matrix has %d" % (len(columns), matrix.shape[1]))
        return pd.DataFrame.sparse.from_spmatrix(matrix, columns=columns)
    if mimetype in ARROW_MIMETYPES:
        try:
            import pyarrow
        except ImportError:
            raise BadInput(unsupported_format(mimetype))
        try:
            reader = pyarrow.ipc.open_stream(body) if mimetype.endswith("stream") else pyarrow.ipc.open_file(body)
            return reader.read_all().to_pandas()
        except Exception as exc:
            if mimetype == "arrow":
                try:
                    return pyarrow.ipc.open_stream(body).read_all().to_pandas()
                except Exception:
                    pass
            raise BadInput("The Arrow payload could not be read: %s" % (exc,))
    raise BadInput(unsupported_format(mimetype))


def unsupported_format(mimetype):
    return ("payload format `%s` is not supported by predictor/transformer. Make DRUM support the format or "
            "implement `read_input_data` hook to read the data. " % mimetype)


# --- 5. Built-in predictors (R-HOOK-3). --------------------------------------------------------------------------

def require_onnxruntime(artifact):
    """An .onnx file beside a custom.py without load_model is DRUM's ONNX predictor's to load, in this worker; say
    exactly what is missing when onnxruntime is not there, and the ways out."""
    try:
        import onnxruntime  # noqa: F401
    except ImportError as exc:
        raise LoadError(
            "Could not load the artifact %s: custom.py has no load_model hook, so the .onnx file is loaded by the "
            "Python worker's built-in ONNX predictor, which needs the 'onnxruntime' module, and the worker's "
            "interpreter (%s) cannot import it (%s). Install onnxruntime for that interpreter (or point "
            "timpani.workers.python at one that has it), load the model yourself in a load_model hook, or remove "
            "custom.py to have Timpani serve %s in the JVM with its own ONNX Runtime."
            % (artifact, sys.executable, exc, artifact))


def load_artifact(path):
    lower = path.lower()
    if lower.endswith(".onnx"):
        import onnxruntime

        return onnxruntime.InferenceSession(path)
    if lower.endswith(".pth"):
        import torch

        try:
            return torch.load(path, map_location="cpu", weights_only=False)
        except TypeError:
            return torch.load(path, map_location="cpu")
    if lower.endswith(".h5"):
        # As DRUM's keras_predictor.py: without compile, which needs nothing to predict and which Keras 3 cannot do
        # for a legacy .h5 saved with a string loss ("Could not deserialize 'keras.metrics.mse' ...").
        from tensorflow.keras.models import load_model

        return load_model(path, compile=False)
    if lower.endswith(".joblib"):
        import joblib

        return joblib.load(path)
    import pickle

    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:
        import joblib

        return joblib.load(path)


def _module_of(model):
    return type(model).__module__ or ""


def builtin_predictor(model):
    module = _module_of(model)
    if module.startswith("xgboost") and type(model).__name__ == "Booster":
        return BoosterPredictor(model)
    if module.startswith("torch") or _is_torch_module(model):
        return TorchPredictor(model)
    if module.startswith(("keras", "tensorflow")):
        return KerasPredictor(model)
    if module.startswith("onnxruntime") and hasattr(model, "get_inputs"):
        return OnnxPredictor(model)
    if hasattr(model, "predict"):
        return SklearnPredictor("XGBoostPredictor" if module.startswith("xgboost") else "SKLearnPredictor", model)
    return None


def _is_torch_module(model):
    torch = sys.modules.get("torch")  # a torch model was unpickled by torch, so torch is imported already
    return torch is not None and isinstance(model, torch.nn.Module)


def _dense_or_csr(data):
    """Sparse frames (from text/mtx) reach estimators as a CSR matrix, as DRUM hands them over."""
    import pandas as pd

    if isinstance(data, pd.DataFrame) and data.shape[1] > 0 and all(
            isinstance(dtype, pd.SparseDtype) for dtype in data.dtypes):
        from scipy.sparse import csr_matrix

        return csr_matrix(data.sparse.to_coo())
    return data


class SklearnPredictor:
    def __init__(self, name, model):
        self.name = name
        self.model = model

    def predict(self, data, classification):
        data = _dense_or_csr(data)
        if classification:
            if not hasattr(self.model, "predict_proba"):
                raise ModelError("The %s model has no predict_proba, so it cannot serve a classification target"
                                 % type(self.model).__name__)
            proba = self.model.predict_proba(data)
            classes = getattr(self.model, "classes_", None)
            labels = [_label_text(c) for c in classes] if classes is not None else None
            return proba, labels
        return self.model.predict(data), None


def _label_text(value):
    if hasattr(value, "item"):
        value = value.item()
    return str(value)


class BoosterPredictor:
    name = "XGBoostPredictor"

    def __init__(self, model):
        self.model = model

    def predict(self, data, classification):
        import xgboost

        return self.model.predict(xgboost.DMatrix(_dense_or_csr(data))), None


class TorchPredictor:
    name = "PyTorchPredictor"

    def __init__(self, model):
        self.model = model

    def predict(self, data, classification):
        import numpy as np
        import torch

        matrix = np.asarray(data.values if hasattr(data, "values") else data, dtype=np.float32)
        with torch.no_grad():
            out = self.model(torch.from_numpy(matrix))
        return out.detach().cpu().numpy().astype(np.float64), None


class KerasPredictor:
    name = "KerasPredictor"

    def __init__(self, model):
        self.model = model

    def predict(self, data, classification):
        import numpy as np

        matrix = np.asarray(data.values if hasattr(data, "values") else data, dtype=np.float32)
        # verbose=0: no progress bar per request in the server's log.
        return np.asarray(self.model.predict(matrix, verbose=0), dtype=np.float64), None


class OnnxPredictor:
    """DRUM's ONNX predictor: the frame as float32 into the first input; the only output, or for classification
    the first output whose name has 'prob' in it (a zipmap's list of {label: p} dicts becomes a matrix)."""
    name = "ONNXPredictor"

    def __init__(self, model):
        self.model = model

    def predict(self, data, classification):
        import numpy as np
        import pandas as pd

        matrix = np.asarray(data.values if hasattr(data, "values") else data, dtype=np.float32)
        outputs = self.model.run(None, {self.model.get_inputs()[0].name: matrix})
        if not outputs:
            raise ModelError("ONNX model should return at least 1 output.")
        chosen = outputs[0]
        if len(outputs) > 1 and classification:
            for output, meta in zip(outputs, self.model.get_outputs()):
                if "prob" in meta.name:
                    chosen = pd.DataFrame(output).values if isinstance(output, list) else output
                    break
        return np.asarray(chosen, dtype=np.float64), None


# --- 6. Encoding predictions: float64 columns, little-endian, column after column; or text as JSON. -----------

def encode_predictions(values, labels, input_rows, target_type, request_labels):
    import numpy as np
    import pandas as pd

    extra = None
    if isinstance(values, pd.DataFrame):
        columns = [str(c) for c in values.columns]
        chosen = prediction_columns(columns, target_type, request_labels)
        if chosen is not None:
            rest = [i for i in range(len(columns)) if i not in chosen]
            extra = {"names": [columns[i] for i in rest],
                     "columns": [json_column(values.iloc[:, i]) for i in rest]}
            values = values.iloc[:, chosen]
            labels = [columns[i] for i in chosen]
        else:
            labels = columns
        frame_values = values.values
    else:
        frame_values = values
    if target_type in TEXT_TARGET_TYPES:
        answer = encode_text_predictions(frame_values, labels, input_rows, extra)
        if answer is not None:
            return answer
    try:
        matrix = np.asarray(frame_values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ModelError("Predictions must be numbers: %s" % (exc,))
    if matrix.ndim == 1:
        matrix = matrix.reshape(-1, 1)
    elif matrix.ndim != 2:
        raise ModelError("Predictions must have 1 or 2 dimensions, but have shape %s" % (matrix.shape,))
    rows, cols = matrix.shape
    body = np.ascontiguousarray(matrix.T, dtype="<f8").tobytes()
    meta = {"status": "ok", "rows": rows, "cols": cols, "input_rows": input_rows,
            "labels": labels if labels is not None and len(labels) == cols else None, "extra": extra}
    return meta, body


def encode_text_predictions(values, labels, input_rows, extra):
    """R-OUT-5: a text target type's columns as the model gave them, as a JSON array of columns of strings (None
    for a missing value). A model that answered numbers only (a drop-in regressor) takes the float64 path."""
    import numpy as np

    matrix = np.asarray(values)
    if matrix.dtype.kind in "biuf":
        return None
    if matrix.ndim == 1:
        matrix = matrix.reshape(-1, 1)
    elif matrix.ndim != 2:
        raise ModelError("Predictions must have 1 or 2 dimensions, but have shape %s" % (matrix.shape,))
    rows, cols = matrix.shape
    columns = [[text_value(value) for value in matrix[:, c].tolist()] for c in range(cols)]
    # A lone surrogate (from a surrogateescape'd byte) cannot be UTF-8: it becomes "?" rather than failing the answer.
    body = json.dumps(columns, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")
    meta = {"status": "ok", "rows": rows, "cols": cols, "input_rows": input_rows, "text": True,
            "labels": labels if labels is not None and len(labels) == cols else None, "extra": extra}
    return meta, body


def text_value(value):
    """One prediction as text: strings as they are, None / NaN / pd.NA / NaT as None, anything else as str()."""
    import pandas as pd

    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if not hasattr(value, "__len__"):  # pd.isna of a list (vector database documents) is a list
        try:
            if pd.isna(value):
                return None
        except (TypeError, ValueError):
            pass
    return str(value)


def prediction_columns(columns, target_type, request_labels):
    """R-OUT-4: which columns are the predictions when the frame has more than those."""
    if target_type in ("binary", "multiclass", "multilabel"):
        if not request_labels or len(columns) <= len(request_labels):
            return None
        standardized = [standardize(c) for c in columns]
        chosen = []
        for label in request_labels:
            wanted = standardize(label)
            if wanted not in standardized:
                return None
            chosen.append(standardized.index(wanted))
        return chosen
    if len(columns) > 1 and "Predictions" in columns:
        return [columns.index("Predictions")]
    return None


def json_column(series):
    import numpy as np

    out = []
    for value in series.tolist():
        if value is None:
            out.append(None)
        elif isinstance(value, float):
            out.append(None if (np.isnan(value) or np.isinf(value)) else value)
        elif isinstance(value, (bool, int, str)):
            out.append(value)
        else:
            out.append(str(value))
    return out


# --- 7. The loop. -----------------------------------------------------------------------------------------------

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


def missing_requirement(code_dir, exc):
    """A load that failed on a module the workers' Python lacks, in a folder with a requirements.txt: the folder
    was mounted into an image its requirements were never installed in. Say which module and how to bake them in,
    not only the worker's ModuleNotFoundError. None for any other failure, whose message stays DRUM's."""
    if not os.path.isfile(os.path.join(code_dir, "requirements.txt")):
        return None
    cause = exc
    while cause is not None and not isinstance(cause, ModuleNotFoundError):
        cause = cause.__cause__ or cause.__context__
    if cause is None or not cause.name:
        return None
    return LoadError(
        "The model needs the Python module '%s', which the workers' Python (%s) does not have; the model folder's "
        "requirements.txt says what to install. Bake it into the image: docker build --build-arg WITH_PYTHON=true "
        "--build-arg MODEL_DIR=<the model folder>, or a model image FROM the Timpani image that runs "
        "/opt/timpani/python/python-env.sh /opt/timpani/venv /opt/code (README, \"Build the image\"); on Kubernetes "
        "the Helm chart can install it at start-up instead (python.installRequirements.enabled=true). (%s)"
        % (cause.name, sys.executable, exc))


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


if __name__ == "__main__":
    main()
