"""Predictions encoded for the JVM (PROTOCOL.md, predict): float64, little-endian, column after column; or, for
the text target types (R-OUT-5), a JSON array of string columns. Also the frame checks and DRUM's label matching."""
import json

from .errors import ModelError

# R-OUT-5: these answer the model's single column as-is (strings), never cast to float.
TEXT_TARGET_TYPES = ("textgeneration", "geopoint", "vectordatabase", "agenticworkflow")


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

