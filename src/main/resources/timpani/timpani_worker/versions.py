"""For a pickle the worker's Python could not load: which scikit-learn wrote it and which one is installed, so that
the load error says why (a scikit-learn 1.2 forest is refused by 1.9: "node array from the pickle has an
incompatible dtype") and what to do, beside the library's own text."""
import re
import sys

# An estimator's state holds "_sklearn_version" then its value (BaseEstimator.__getstate__ in sklearn/base.py):
# in the pickle stream the key's string, a memo opcode or two, then the version's string. Read from the bytes,
# not by unpickling (which is what failed), so it works in joblib files whose numpy arrays sit between opcodes.
_PICKLED_VERSION = re.compile(rb"_sklearn_version.{1,8}?([0-9]+\.[0-9]+(?:\.[0-9]+)?(?:\.?(?:dev|rc|post)[0-9]+)?)",
                              re.DOTALL)


def saved_by_other_version(path, caught_warnings):
    """': it was saved by scikit-learn A and the workers' Python (...) has scikit-learn B, ...' when the two differ;
    '' when either is unknown or they are the same (the failure is then not a version's)."""
    saved = _warned_version(caught_warnings) or _pickled_version(path)
    sklearn = sys.modules.get("sklearn")
    installed = getattr(sklearn, "__version__", None)
    if not saved or not installed or saved == installed:
        return ""
    return (": it was saved by scikit-learn %s (its _sklearn_version) and the workers' Python (%s) has scikit-learn "
            "%s, which cannot read it. Save the model again with scikit-learn %s, or point timpani.workers.python "
            "at a Python with scikit-learn %s" % (saved, sys.executable, installed, installed, saved))


def pickles_of_other_versions(code_dir):
    """For a load_model hook that failed: ' (bundle.joblib was saved by scikit-learn A; the workers' Python (...) has
    scikit-learn B)' for the folder's pickles that record another version than the installed one, '' otherwise."""
    import os

    installed = getattr(sys.modules.get("sklearn"), "__version__", None)
    if not installed:
        return ""
    others = []
    for name in sorted(os.listdir(code_dir)):
        if name.lower().endswith((".pkl", ".pickle", ".joblib")):
            saved = _pickled_version(os.path.join(code_dir, name))
            if saved and saved != installed:
                others.append("%s was saved by scikit-learn %s" % (name, saved))
    if not others:
        return ""
    return " (%s; the workers' Python (%s) has scikit-learn %s)" % ("; ".join(others), sys.executable, installed)


def _warned_version(caught_warnings):
    """scikit-learn >= 1.3 warns InconsistentVersionWarning, with both versions, for each estimator it unpickles."""
    for warning in caught_warnings:
        original = getattr(warning.message, "original_sklearn_version", None)
        if original:
            return str(original)
    return None


def _pickled_version(path):
    try:
        with open(path, "rb") as f:
            match = _PICKLED_VERSION.search(f.read())
    except OSError:
        return None
    return match.group(1).decode("ascii") if match else None
