#!/usr/bin/env python3
"""Modern twins of the corpus' scikit-learn cases, for the Python workers on today's libraries.

The corpus' pickles were written by scikit-learn 1.2.1, which scikit-learn 1.9.1 refuses to unpickle (its trees:
"node array from the pickle has an incompatible dtype"). Each twin is the same kind of model, trained with the
interpreter running this script (a venv of scikit-learn 1.9.1, pandas 3.0.6, numpy 2.4.6) on the corpus case's
input, with the corpus model's own answers as the target (its argmax class for classifiers), so no training data
set is needed. Beside it an ONNX twin: a linear regression made with onnx's helper API, beside a custom.py without
load_model, which the worker's built-in ONNX predictor serves.

Every twin is a folder under src/test/resources/modern-pickles: model/ (the code dir as DRUM would find it),
input.csv (or input.mtx + input.columns), expected.csv (what the library computed on the input as pandas reads it:
predict_proba with columns = classes_, or predict as Predictions) and case.json.

Run from the repository root:
  ~/.cache/timpani-ci/modern-venv/bin/python src/test/python/make_modern_twins.py /path/to/shared/corpus
"""
import json
import pickle
import shutil
import sys
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.io import mmread
from scipy.sparse import csr_matrix
from sklearn.compose import ColumnTransformer
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from lightgbm import LGBMClassifier, LGBMRegressor
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier, RandomForestRegressor
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeRegressor

OUT = Path("src/test/resources/modern-pickles")
CORPUS = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")


def versions():
    return {"sklearn": sklearn.__version__, "pandas": pd.__version__, "numpy": np.__version__,
            "scipy": scipy.__version__, "python": sys.version.split()[0]}


def write_expected(folder, values, columns):
    """repr of each float: the shortest text that reads back as the same double."""
    matrix = np.asarray(values, dtype=np.float64)
    if matrix.ndim == 1:
        matrix = matrix.reshape(-1, 1)
    lines = [",".join(columns)] + [",".join(repr(float(v)) for v in row) for row in matrix]
    (folder / "expected.csv").write_text("\n".join(lines) + "\n")


def start(name, twin_of, target_type, how_made, labels=None, artifact=True):
    folder = OUT / name
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "model").mkdir(parents=True)
    meta = {"twin_of": twin_of, "target_type": target_type, "how_made": how_made, "versions": versions()}
    if labels is not None:
        meta["class_labels"] = [str(label) for label in labels]
    (folder / "case.json").write_text(json.dumps(meta, indent=2) + "\n")
    return folder


def corpus(case):
    folder = CORPUS / case
    expected = pd.read_csv(folder / "expected.csv")
    return folder, expected


def pickled(folder, model):
    with open(folder / "model" / "model.pkl", "wb") as f:
        pickle.dump(model, f)


def compressed_joblib_twin(name):
    """The twin's own model saved with joblib.dump(compress=3) (zlib): the same answers, from a file whose bytes
    name no module until decompressed."""
    twin = OUT / name
    with open(twin / "model" / "model.pkl", "rb") as f:
        model = pickle.load(f)
    meta = json.loads((twin / "case.json").read_text())
    folder = start(name + "_joblib_compressed", meta["twin_of"], meta["target_type"],
                   meta["how_made"] + "; saved with joblib.dump(compress=3)", meta.get("class_labels"))
    joblib.dump(model, folder / "model" / "model.joblib", compress=3)
    shutil.copy(twin / "input.csv", folder / "input.csv")
    write_expected(folder, model.predict_proba(pd.read_csv(folder / "input.csv")), [str(c) for c in model.classes_])


def classifier_twin(name, case, model, how_made):
    source, expected = corpus(case)
    data = pd.read_csv(source / "input.csv")
    target = expected.columns[np.argmax(expected.to_numpy(), axis=1)]
    model.fit(data, target)
    folder = start(name, case, "binary" if len(model.classes_) == 2 else "multiclass", how_made, model.classes_)
    shutil.copy(source / "input.csv", folder / "input.csv")
    pickled(folder, model)
    write_expected(folder, model.predict_proba(pd.read_csv(folder / "input.csv")), [str(c) for c in model.classes_])


def regressor_twin(name, case, model, how_made):
    source, expected = corpus(case)
    data = pd.read_csv(source / "input.csv")
    model.fit(data, expected["Predictions"].to_numpy())
    folder = start(name, case, "regression", how_made)
    shutil.copy(source / "input.csv", folder / "input.csv")
    pickled(folder, model)
    write_expected(folder, model.predict(pd.read_csv(folder / "input.csv")), ["Predictions"])


def sparse_twin():
    source, expected = corpus("sklearn_sparse_regression")
    matrix = csr_matrix(mmread(str(source / "input.mtx")))
    model = DecisionTreeRegressor(max_depth=10, random_state=0).fit(matrix, expected["Predictions"].to_numpy())
    folder = start("sklearn_sparse_regression", "sklearn_sparse_regression", "regression",
                   "DecisionTreeRegressor(max_depth=10) on the corpus' input.mtx as CSR (text/mtx requests)")
    shutil.copy(source / "input.mtx", folder / "input.mtx")
    shutil.copy(source / "input.columns", folder / "input.columns")
    pickled(folder, model)
    write_expected(folder, model.predict(csr_matrix(mmread(str(folder / "input.mtx")))), ["Predictions"])


def custom_hooks_twin():
    """The corpus' every-hook model, its bundle.joblib retrained; expected = the hooks in DRUM's order."""
    source, expected = corpus("python_custom_all_hooks")
    folder = start("python_custom_all_hooks", "python_custom_all_hooks", "binary",
                   "the corpus' custom.py and settings.json; bundle.joblib's RandomForestClassifier(n_estimators=25, "
                   "max_depth=4, random_state=0) retrained; expected = init, read_input_data, load_model, transform, "
                   "score, post_process called in DRUM's order", ["Iris-setosa", "Iris-versicolor"])
    for file in ("custom.py", "settings.json"):
        shutil.copy(source / "model" / file, folder / "model" / file)
    shutil.copy(source / "input.csv", folder / "input.csv")
    # The corpus' bundle.joblib (scikit-learn 1.2.1) cannot be read here: its columns and fill values, as made.
    columns = ["SepalLengthCm", "SepalWidthCm", "PetalLengthCm", "PetalWidthCm"]
    fill = {"SepalLengthCm": 5.2, "SepalWidthCm": 3.2, "PetalLengthCm": 1.6, "PetalWidthCm": 0.3}
    sys.path.insert(0, str(folder / "model"))
    import custom

    raw = (folder / "input.csv").read_bytes()
    frame = custom.read_input_data(raw)
    features = frame[columns].astype(float).fillna(pd.Series(fill))
    target = expected.columns[np.argmax(expected.to_numpy(), axis=1)]
    clf = RandomForestClassifier(n_estimators=25, max_depth=4, random_state=0).fit(features.to_numpy(), target)
    joblib.dump({"clf": clf, "columns": columns, "fill": fill}, folder / "model" / "bundle.joblib")

    custom.init(code_dir=str(folder / "model"))
    model = custom.load_model(str(folder / "model"))
    out = custom.post_process(custom.score(custom.transform(custom.read_input_data(raw), model), model), model)
    write_expected(folder, out.to_numpy(), [str(c) for c in out.columns])


ONNX_CUSTOM_PY = '''"""A custom.py without load_model beside an .onnx file: DRUM's built-in ONNX predictor loads and scores it."""


def transform(data, model):
    return data.astype("float32")
'''


def onnx_twin():
    """A LinearRegression as an ONNX graph (MatMul + Add, float32) from onnx's helper API."""
    import onnx
    import onnxruntime
    from onnx import TensorProto, helper, numpy_helper

    source, expected = corpus("sklearn_regression")
    data = pd.read_csv(source / "input.csv")
    linear = LinearRegression().fit(data, expected["Predictions"].to_numpy())
    weights = linear.coef_.astype(np.float32).reshape(-1, 1)
    bias = np.array([linear.intercept_], dtype=np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["input", "weights"], ["product"]),
         helper.make_node("Add", ["product", "bias"], ["variable"])],
        "linear_regression",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [None, data.shape[1]])],
        [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])],
        [numpy_helper.from_array(weights, "weights"), numpy_helper.from_array(bias, "bias")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    folder = start("onnx_custom_regression", "sklearn_regression", "regression",
                   "LinearRegression fitted on the corpus input, as an ONNX MatMul + Add graph (float32) made "
                   "with onnx's helper API; custom.py has transform only, so the worker's ONNX predictor serves it; "
                   "expected = onnxruntime's answer")
    folder_versions = json.loads((folder / "case.json").read_text())
    folder_versions["versions"].update({"onnx": onnx.__version__, "onnxruntime": onnxruntime.__version__})
    (folder / "case.json").write_text(json.dumps(folder_versions, indent=2) + "\n")
    onnx.save(model, str(folder / "model" / "linear.onnx"))
    (folder / "model" / "custom.py").write_text(ONNX_CUSTOM_PY)
    shutil.copy(source / "input.csv", folder / "input.csv")
    session = onnxruntime.InferenceSession(str(folder / "model" / "linear.onnx"))
    frame = pd.read_csv(folder / "input.csv").astype("float32")
    out = session.run(None, {"input": np.asarray(frame.values, dtype=np.float32)})[0]
    write_expected(folder, out.astype(np.float64), ["Predictions"])


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    classifier_twin("sklearn_binary", "sklearn_binary",
                    Pipeline([("scale", StandardScaler()), ("logistic", LogisticRegression(C=0.5))]),
                    "Pipeline(StandardScaler, LogisticRegression(C=0.5))")
    classifier_twin("sklearn_multiclass", "sklearn_multiclass",
                    RandomForestClassifier(n_estimators=30, max_depth=6, random_state=0),
                    "RandomForestClassifier(n_estimators=30, max_depth=6, random_state=0)")
    regressor_twin("sklearn_regression", "sklearn_regression",
                   RandomForestRegressor(n_estimators=40, max_depth=8, random_state=0),
                   "RandomForestRegressor(n_estimators=40, max_depth=8, random_state=0)")
    source = pd.read_csv(CORPUS / "sklearn_pipeline_mixed_types" / "input.csv")
    numeric = [c for c in source.columns if pd.api.types.is_numeric_dtype(source[c])]
    categorical = [c for c in source.columns if c not in numeric]
    classifier_twin("sklearn_pipeline_mixed_types", "sklearn_pipeline_mixed_types", Pipeline([
        ("columns", ColumnTransformer([
            ("numeric", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]),
             numeric),
            ("categorical", Pipeline([("impute", SimpleImputer(strategy="constant", fill_value="MISSING")),
                                      ("onehot", OneHotEncoder(handle_unknown="ignore"))]), categorical)])),
        ("logistic", LogisticRegression(C=0.3, max_iter=1000))]),
        "Pipeline(ColumnTransformer[numeric: SimpleImputer(median)+StandardScaler; categorical: "
        "SimpleImputer(constant 'MISSING')+OneHotEncoder(handle_unknown='ignore')], LogisticRegression(C=0.3)); "
        "pandas 3 reads the categorical columns as its str dtype")
    compressed_joblib_twin("sklearn_pipeline_mixed_types")
    # Today's libraries the JVM compiles (the families of bench/exactness), for every entry point's tests.
    classifier_twin("lightgbm_binary", "sklearn_binary",
                    LGBMClassifier(n_estimators=20, num_leaves=7, min_child_samples=5, n_jobs=1, verbose=-1,
                                   random_state=0),
                    "LGBMClassifier(n_estimators=20, num_leaves=7, min_child_samples=5)")
    classifier_twin("lightgbm_multiclass", "sklearn_multiclass",
                    LGBMClassifier(n_estimators=15, num_leaves=5, min_child_samples=5, n_jobs=1, verbose=-1,
                                   random_state=0),
                    "LGBMClassifier(n_estimators=15, num_leaves=5, min_child_samples=5)")
    regressor_twin("lightgbm_regression", "sklearn_regression",
                   LGBMRegressor(n_estimators=30, num_leaves=15, n_jobs=1, verbose=-1, random_state=0),
                   "LGBMRegressor(n_estimators=30, num_leaves=15)")
    classifier_twin("gradient_boosting_multiclass", "sklearn_multiclass",
                    GradientBoostingClassifier(n_estimators=20, max_depth=3, random_state=0),
                    "GradientBoostingClassifier(n_estimators=20, max_depth=3, random_state=0)")
    classifier_twin("gaussian_nb_multiclass", "sklearn_multiclass", GaussianNB(), "GaussianNB()")
    classifier_twin("lda_binary", "sklearn_binary", LinearDiscriminantAnalysis(), "LinearDiscriminantAnalysis()")
    sparse_twin()
    custom_hooks_twin()
    onnx_twin()


if __name__ == "__main__":
    main()
