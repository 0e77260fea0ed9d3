"""Loading a model folder (R-HOOK-2, R-HOOK-4, R-HOOK-11): custom.py imported and its hooks found, init and
load_model run, or the folder's lone artifact loaded by DRUM's built-in predictors; then the predictor chosen."""
import importlib.util
import os
import sys
import traceback
import warnings

from .errors import LoadError, log
from .predictors import builtin_predictor, load_artifact, require_onnxruntime
from .versions import pickles_of_other_versions, saved_by_other_version

HOOK_NAMES = ("init", "load_model", "read_input_data", "transform", "score", "post_process",
              "score_unstructured", "chat")
PYTHON_ARTIFACTS = (".pkl", ".joblib", ".pth", ".h5", ".onnx")
# DRUM's preamble of its load errors (python_model_adapter.py).
RUNNING_LANG_MSG = "Running environment language: Python."


def load(served):
    """Fills served's hooks, model and predictor, or raises LoadError with DRUM's words."""
    sys.path.insert(0, served.code_dir)
    custom_path = os.path.join(served.code_dir, "custom.py")
    if os.path.isfile(custom_path):
        custom = _import_custom(custom_path)
        for name in HOOK_NAMES:
            hook = getattr(custom, name, None)
            served.hooks[name] = hook if callable(hook) else None
        # Pickles saved from a script reference its classes as __main__.X: let them resolve to custom.py's.
        main = sys.modules["__main__"]
        for name, value in vars(custom).items():
            if not name.startswith("__") and not hasattr(main, name):
                setattr(main, name, value)

    if served.hooks["init"]:
        try:
            served.hooks["init"](code_dir=served.code_dir, **served.label_kwargs())
        except Exception as exc:
            log(traceback.format_exc())
            raise LoadError("'init' hook failed to initialize the model. Exception: %s" % (exc,))

    if served.hooks["load_model"]:
        try:
            served.model = served.hooks["load_model"](served.code_dir)
        except Exception as exc:
            log(traceback.format_exc())
            raise LoadError("'load_model' hook failed to load the model. Exception: %s%s"
                            % (exc, pickles_of_other_versions(served.code_dir)))
        if served.model is None:
            raise LoadError("'load_model' hook failed to load the model. Exception: "
                            "load_model must return a model, but it returned None")
    else:
        served.model = _load_lone_artifact(served.code_dir)

    _choose_predictor(served)


def _import_custom(custom_path):
    try:
        spec = importlib.util.spec_from_file_location("custom", custom_path)
        custom = importlib.util.module_from_spec(spec)
        sys.modules["custom"] = custom
        spec.loader.exec_module(custom)
        return custom
    except Exception as exc:
        log(traceback.format_exc())
        raise LoadError("custom.py could not be imported. Exception: %s: %s" % (type(exc).__name__, exc))


def _choose_predictor(served):
    if served.target_type == "unstructured":
        if not served.hooks["score_unstructured"]:
            raise LoadError("The unstructured target type needs a 'score_unstructured' hook in custom.py")
        served.predictor_name = "PythonHooks"
    elif served.hooks["score"] or served.target_type == "transform":
        served.predictor_name = "PythonHooks"
    elif served.hooks["chat"] and builtin_predictor(served.model) is None:
        # A chat model (R-HOOK-7) needs no structured predictor: /predict/ then says there is none.
        served.predictor_name = "PythonHooks"
    else:
        served.predictor = builtin_predictor(served.model)
        if served.predictor is None:
            raise LoadError("Could not find any framework to handle loaded model and a score hook is not "
                            "provided (model type %s)" % type(served.model).__name__)
        served.predictor_name = served.predictor.name


def _load_lone_artifact(code_dir):
    files = sorted(f for f in os.listdir(code_dir)
                   if os.path.isfile(os.path.join(code_dir, f)) and f.lower().endswith(PYTHON_ARTIFACTS))
    if not files:
        # DRUM's words (python_model_adapter.py; its test_detect_language and test_e2e_no_model_artifact look
        # for them), with the extensions this worker loads.
        raise LoadError("\n\n%s\nCould not find model artifact file in: %s supported by default predictors.\n"
                        "They support filenames with the following extensions %s.\n"
                        "If your artifact is not supported by default predictor, implement custom.load_model() "
                        "hook.\nList of retrieved files are: %s"
                        % (RUNNING_LANG_MSG, code_dir, sorted(PYTHON_ARTIFACTS),
                           " | ".join(sorted(os.listdir(code_dir)))))
    if len(files) > 1:
        raise LoadError("Multiple model artifacts found in %s: %s. Keep exactly one, or load them yourself "
                        "in a load_model hook." % (code_dir, ", ".join(files)))
    path = os.path.join(code_dir, files[0])
    if files[0].lower().endswith(".onnx"):
        require_onnxruntime(files[0])
    # The library's warnings are kept (and logged as before) so that a refusal can name the version that wrote it.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        try:
            return load_artifact(path)
        except Exception as exc:
            log(traceback.format_exc())
            versions = saved_by_other_version(path, caught)
            raise LoadError("Could not load the artifact %s%s. Exception: %s: %s"
                            % (files[0], versions, type(exc).__name__, exc))
        finally:
            for warning in caught:
                log(warnings.formatwarning(warning.message, warning.category, warning.filename, warning.lineno,
                                           warning.line).rstrip("\n"))


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

