"""DRUM's built-in predictors (R-HOOK-3): the lone artifact of a folder without load_model (a pickle, joblib,
torch .pth, Keras .h5 or .onnx file), and the predictor that scores whatever model object there is."""
import sys

from .errors import LoadError, ModelError


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


def dense_or_csr(data):
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
        data = dense_or_csr(data)
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

        return self.model.predict(xgboost.DMatrix(dense_or_csr(data))), None


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


