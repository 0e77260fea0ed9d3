"""DRUM's hook pipeline for one loaded model folder (R-HOOK-4, R-HOOK-5, R-HOOK-6, R-HOOK-10): read_input_data
(or pandas), transform, score (or the built-in predictor), post_process, with DRUM's kwargs and checks; the
transform models' requests (R-ROUTE-7, R-OUT-6); score_unstructured (R-UNS); chat (R-HOOK-7)."""
import io

from . import loading
from .chat import chat
from .errors import BadInput, ModelError, hook_failure
from .payloads import read_structured, split_parts
from .predictions import TEXT_TARGET_TYPES, encode_predictions, row_count, standardize, validate_frame


class Served:
    """The model a worker serves: its load request's target type and labels, the hooks found, the model object
    and the built-in predictor (None when a score hook, or no structured scoring, is what serves it)."""

    def __init__(self, meta):
        self.code_dir = meta["code_dir"]
        self.target_type = meta["target_type"]
        self.positive = meta.get("positive_class_label")
        self.negative = meta.get("negative_class_label")
        self.class_labels = meta.get("class_labels")
        self.hooks = {name: None for name in loading.HOOK_NAMES}
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

    def load(self):
        loading.load(self)


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
        return chat(self.hooks["chat"], self.model, body)


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

