#!/usr/bin/python3
"""Trains the SVR and PCA-pipeline pickles of src/test/resources/svr-pca with the running scikit-learn.

Run from the repository root under each interpreter whose version the tests read:
    /usr/bin/python3 src/test/python/make_svr_pca.py                                   # 1.2.1
    ~/.cache/timpani-exactness/sklearn-1.9.1/bin/python src/test/python/make_svr_pca.py   # 1.9.1

Each case is a folder laid out like bench/exactness's (model/model.pkl, input.csv, expected.csv, case.json), so
ExactnessProofTest.GeneratedModel reads it: expected.csv is the library's own predict() / predict_proba() on
input.csv as pandas.read_csv reads it back (as DRUM hands a request over); refused_nan.txt is the library's refusal of
a row with a NaN cell ("ExceptionClass: message"). Models the JVM declines (a precomputed kernel, a sparse fit) have
no input.
"""
import json
import pickle
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
import sklearn
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR

OUT = Path("src/test/resources/svr-pca") / f"sklearn-{sklearn.__version__}"
ROWS, FEATURES, INPUT_ROWS = 80, 5, 40
BOUND = 20000  # libsvm's iterations: a linear kernel on unscaled features may otherwise run for minutes


def data(seed):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(size=(ROWS, FEATURES)) * [1, 10, 0.1, 100, 3] + [0, 5, 0, -40, 1],
                         columns=["f0", "f 1", "f2", "f3", "f4"])
    target = frame.f0 + frame["f 1"] / 10 - frame.f2 * 5 + np.sin(frame.f3 / 50) + rng.normal(scale=0.3, size=ROWS)
    return frame, target.to_numpy()


def inputs(frame, seed):
    rng = np.random.default_rng(seed)
    rows = frame.sample(INPUT_ROWS, random_state=seed, replace=True).to_numpy()
    rows = rows * rng.uniform(0.5, 1.5, size=rows.shape)
    rows[0] = 0.0
    rows[1] = -0.0
    rows[2] = rows[2] * 1e6
    return pd.DataFrame(rows, columns=frame.columns)


def save(name, model, frame, target_type, seed=7):
    case = OUT / name
    shutil.rmtree(case, ignore_errors=True)
    (case / "model").mkdir(parents=True)
    with open(case / "model" / "model.pkl", "wb") as f:
        pickle.dump(model, f, protocol=4)
    meta = {"library": "sklearn", "library_version": sklearn.__version__,
            "estimator": type(model).__module__ + "." + type(model).__name__, "target_type": target_type}
    if target_type != "regression":
        meta["class_labels"] = [str(c) for c in model.classes_]
    if frame is not None:
        inputs(frame, seed).to_csv(case / "input.csv", index=False, float_format=lambda v: repr(float(v)))
        read = pd.read_csv(case / "input.csv")
        with open(case / "model" / "model.pkl", "rb") as f:
            fresh = pickle.load(f)
        if target_type == "regression":
            expected = pd.DataFrame({"Predictions": fresh.predict(read)})
        else:
            expected = pd.DataFrame(fresh.predict_proba(read), columns=meta["class_labels"])
        expected.to_csv(case / "expected.csv", index=False, float_format=lambda v: repr(float(v)))
        nan_row = read.head(1).copy()
        nan_row.iloc[0, 2] = np.nan
        try:
            fresh.predict(nan_row)
        except ValueError as refused:
            (case / "refused_nan.txt").write_text(f"{type(refused).__name__}: {refused}\n")
    (case / "case.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"{name:20s} {meta['estimator']}")


def main():
    warnings.filterwarnings("ignore")
    X, y = data(1)
    binary = np.where(y > np.median(y), "yes", "no")
    for kernel, extra in [("linear", {}), ("poly", dict(degree=3, coef0=0.5, gamma=0.01)),
                          ("rbf", dict(gamma="scale")), ("sigmoid", dict(gamma=0.001, coef0=-0.2))]:
        svr = SVR(kernel=kernel, C=3.0, epsilon=0.05, max_iter=BOUND, **extra)
        save(f"svr_{kernel}", svr.fit(X, y), X, "regression")
    save("scaler_svr", Pipeline([("scale", StandardScaler()), ("svr", SVR(C=10.0, max_iter=BOUND))]).fit(X, y), X,
         "regression")
    save("pca_whiten", Pipeline([("scale", StandardScaler(with_mean=False)),
                                 ("pca", PCA(n_components=3, whiten=True)),
                                 ("model", LinearRegression())]).fit(X, y), X, "regression")
    save("pca_first", Pipeline([("pca", PCA(n_components=1)), ("model", Ridge(alpha=0.3))]).fit(X, y), X,
         "regression")
    save("pca_logistic", Pipeline([("scale", StandardScaler()), ("pca", PCA(n_components=2)),
                                   ("model", LogisticRegression())]).fit(X, binary), X, "binary")
    save("pca_svr", Pipeline([("scale", StandardScaler()), ("pca", PCA(n_components=4)),
                              ("svr", SVR(kernel="rbf", C=5.0, max_iter=BOUND))]).fit(X, y), X, "regression")
    gram = X.to_numpy() @ X.to_numpy().T
    save("svr_precomputed", SVR(kernel="precomputed", max_iter=BOUND).fit(gram, y), None, "regression")
    save("svr_sparse", SVR(kernel="rbf", max_iter=BOUND).fit(sp.csr_matrix(X.to_numpy()), y), None, "regression")


if __name__ == "__main__":
    print(f"scikit-learn {sklearn.__version__}", file=sys.stderr)
    main()
