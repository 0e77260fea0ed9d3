"""Makes the models PythonEnvIT serves, with the libraries of the venv deploy/python/python-env.sh made, and
writes the libraries' own predictions as the expected answers.

    python make_models.py sklearn OUT     # OUT/model/model.pkl: a scikit-learn pickle (base venv)
    python make_models.py lightgbm OUT    # OUT/model/model.txt: a LightGBM booster (venv + lightgbm)

Each writes OUT/input.csv and OUT/expected.json ({"versions": ..., "predictions": [...]}); the predictions are
computed on input.csv as pandas reads it, as the worker reads a request's csv.
"""
import json
import os
import pickle
import sys

import numpy as np
import pandas as pd


def data(seed):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(size=(200, 5)).round(6), columns=["a", "b", "c", "d", "e"])
    target = 3 * frame["a"] - 2 * frame["b"] * frame["c"] + np.sin(frame["d"]) + rng.normal(scale=0.1, size=200)
    return frame, target


def write(out, model_file_writer, predict, versions):
    frame, target = data(24)
    os.makedirs(os.path.join(out, "model"), exist_ok=True)
    model_file_writer(frame, target, os.path.join(out, "model"))
    frame.head(40).to_csv(os.path.join(out, "input.csv"), index=False)
    rows = pd.read_csv(os.path.join(out, "input.csv"))
    predictions = [float(value) for value in predict(os.path.join(out, "model"), rows)]
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"versions": versions, "predictions": predictions}, f)


def sklearn_model(out):
    import sklearn
    from sklearn.ensemble import RandomForestRegressor

    def fit(frame, target, folder):
        model = RandomForestRegressor(n_estimators=25, max_depth=6, random_state=0).fit(frame, target)
        with open(os.path.join(folder, "model.pkl"), "wb") as f:
            pickle.dump(model, f)

    def predict(folder, rows):
        with open(os.path.join(folder, "model.pkl"), "rb") as f:
            return pickle.load(f).predict(rows)

    write(out, fit, predict, {"scikit-learn": sklearn.__version__})


def lightgbm_model(out):
    import lightgbm

    def fit(frame, target, folder):
        params = {"objective": "regression", "num_leaves": 15, "learning_rate": 0.1, "verbose": -1,
                  "deterministic": True, "num_threads": 1, "seed": 0}
        booster = lightgbm.train(params, lightgbm.Dataset(frame, label=target), num_boost_round=30)
        booster.save_model(os.path.join(folder, "model.txt"))

    def predict(folder, rows):
        return lightgbm.Booster(model_file=os.path.join(folder, "model.txt")).predict(rows)

    write(out, fit, predict, {"lightgbm": lightgbm.__version__})


if __name__ == "__main__":
    {"sklearn": sklearn_model, "lightgbm": lightgbm_model}[sys.argv[1]](sys.argv[2])
