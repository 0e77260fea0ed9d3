#!/usr/bin/python3
"""Trains the small multi-layer perceptrons of src/test/resources/mlp with the scikit-learn that runs it.

MultilayerPerceptronTest reads them: which classes_ order predict_proba's columns follow, what the library refuses
(its own words, in refused_*.txt), and the models the JVM must decline rather than answer (multilabel, two
targets, float32 weights, a Poisson regressor's exp output, scikit-learn 1.7+ only). Each case is a folder:
model/model.pkl, input.csv, expected.csv (the library's predict / predict_proba on input.csv as pandas reads it
back), case.json.

Run from the repository root under each interpreter whose version the test reads:
    /usr/bin/python3 src/test/python/make_mlp_pickles.py
    ~/.cache/timpani-exactness/sklearn-1.9.1/bin/python src/test/python/make_mlp_pickles.py
"""
import json
import pickle
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor

OUT = Path("src/test/resources/mlp") / f"sklearn-{sklearn.__version__}"
ROWS, INPUT_ROWS = 200, 40


def save(name, model, frame, target_type, answers=True):
    case = OUT / name
    shutil.rmtree(case, ignore_errors=True)
    (case / "model").mkdir(parents=True)
    frame.iloc[:INPUT_ROWS].to_csv(case / "input.csv", index=False)
    request = pd.read_csv(case / "input.csv")  # what DRUM hands the model
    if answers:
        if target_type == "regression":
            expected = pd.DataFrame({"Predictions": model.predict(request)})
        else:
            expected = pd.DataFrame(model.predict_proba(request), columns=[str(c) for c in model.classes_])
        expected.to_csv(case / "expected.csv", index=False, float_format="%.17g")
        for probe, value in (("nan", np.nan), ("inf", np.inf)):
            bad = request.iloc[:2].copy()
            bad.iloc[1, 0] = value
            try:
                model.predict(bad)
                raise SystemExit(f"{name}: the library answered a row with {value}")
            except ValueError as refusal:
                (case / f"refused_{probe}.txt").write_text(f"{type(refusal).__name__}: {refusal}\n")
    with open(case / "model" / "model.pkl", "wb") as out:
        pickle.dump(model, out)
    meta = {"target_type": target_type, "estimator": type(model).__module__ + "." + type(model).__name__,
            "sklearn": sklearn.__version__}
    if target_type != "regression":
        meta["class_labels"] = [str(c) for c in model.classes_]
    (case / "case.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"{OUT.name}/{name}")


def main():
    # Small data and few iterations on purpose: the models need only be deterministic, not converged.
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(rng.normal(size=(ROWS, 4)) * [1, 10, 0.1, 100], columns=["a", "b", "c", "d"])
    score = frame.a + frame.b / 10 - frame.c * 5 + frame.d / 100
    small = dict(max_iter=200, random_state=0)
    # Labels given in an order that is not classes_' (sorted by LabelBinarizer): the columns must follow classes_.
    binary = np.where(score > 0, "spam", "eggs")
    save("binary_strings", MLPClassifier(hidden_layer_sizes=(5,), activation="tanh", **small).fit(frame, binary),
         frame, "binary")
    multiclass = np.select([score < -0.7, score < 0.7], [30, 10], 20)
    save("multiclass_ints", MLPClassifier(hidden_layer_sizes=(6, 3), activation="relu", **small)
         .fit(frame, multiclass), frame, "multiclass")
    save("regressor_logistic", MLPRegressor(hidden_layer_sizes=(4,), activation="logistic", **small)
         .fit(frame, score), frame, "regression")
    # Declined: the JVM would have to guess (or DRUM has no shape for the answer).
    labels = np.stack([score > 0, score > 1], axis=1).astype(int)
    save("multilabel", MLPClassifier(hidden_layer_sizes=(3,), **small).fit(frame, labels), frame, "binary",
         answers=False)
    save("two_targets", MLPRegressor(hidden_layer_sizes=(3,), **small).fit(frame, np.stack([score, -score], 1)),
         frame, "regression", answers=False)
    save("float32_weights", MLPRegressor(hidden_layer_sizes=(3,), **small).fit(frame.astype(np.float32), score),
         frame, "regression", answers=False)
    if tuple(int(p) for p in sklearn.__version__.split(".")[:2]) >= (1, 7):
        save("poisson", MLPRegressor(hidden_layer_sizes=(3,), loss="poisson", **small).fit(frame, np.exp(score / 5)),
             frame, "regression", answers=False)


if __name__ == "__main__":
    main()
