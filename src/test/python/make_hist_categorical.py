#!/usr/bin/env python3
"""HistGradientBoosting models for HistGradientBoostingPickleTest: one with categorical features, on the values
the generated proof never sends to a categorical column (bench/exactness/generate.py draws integer codes, one
beyond the known ones and -1), answered by the library itself; and a Poisson regressor (a log link).

Run from the repository root with each scikit-learn whose reading of categories differs:
  /usr/bin/python3 src/test/python/make_hist_categorical.py                                  # 1.2.1: raw values
  ~/.cache/timpani-exactness/sklearn-1.9.1/bin/python src/test/python/make_hist_categorical.py  # 1.9.1: OrdinalEncoder

Each writes src/test/resources/hist-gradient-boosting/categorical-<version>/ and poisson-<version>/: model/model.pkl,
input.csv (what the library answers), expected.csv (its predict, on input.csv as pandas reads it, as DRUM hands it)
and case.json; and for each value the library refuses, refused_<n>.csv with the exception's text in refused_<n>.txt.
"""
import json
import math
import pickle
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import HistGradientBoostingRegressor

warnings.filterwarnings("ignore")
ROOT = Path("src/test/resources/hist-gradient-boosting")
ROWS = 3000
# Beyond the six known categories: fractions (1.2 truncates them, 1.4 finds no such category), negatives (missing),
# unknown ones, beyond 255 (1.2 keeps the low byte of a 32-bit conversion), beyond 2^31 and infinities.
EDGES = [0, 1, 2, 3, 4, 5, 2.5, 2.9999, 5.5, -0.0, -0.5, -1, 6, 7, 255, 255.5, 256, 259, 300, 514, 2**31 - 1,
         2**31 - 0.5, 2**31, 2**31 + 3, 2**32 + 3, 2**40 + 3, 1e300, math.inf, -math.inf, math.nan]


def categorical():
    rng = np.random.default_rng(7)
    c = rng.integers(0, 6, ROWS).astype(float)
    d = rng.integers(0, 4, ROWS).astype(float)
    d[rng.random(ROWS) < 0.1] = np.nan  # missing at fit: the OrdinalEncoder's categories_ end with nan
    x = rng.standard_normal(ROWS)
    y = (np.array([0.0, 5, -3, 8, 1, -6])[c.astype(int)] + np.nan_to_num(d, nan=1.5) * 2 + x
         + 0.1 * rng.standard_normal(ROWS))
    frame = pd.DataFrame({"c": c, "x": x, "d": d})
    model = HistGradientBoostingRegressor(categorical_features=["c", "d"], max_iter=8, max_depth=4,
                                          random_state=0).fit(frame, y)
    rows = []
    for value in EDGES:
        rows.append({"c": value, "x": 0.25, "d": 2.0})
        rows.append({"c": 3.0, "x": -0.5, "d": value})
    save(ROOT / f"categorical-{sklearn.__version__}", model, rows)


def poisson():
    """exp of a raw prediction: NumPy's exp, which glibc's differs from in the last bits on some arguments."""
    rng = np.random.default_rng(11)
    frame = pd.DataFrame({"a": rng.standard_normal(ROWS), "b": rng.uniform(-3, 3, ROWS)})
    y = rng.poisson(np.exp(1.5 + frame.a - 0.5 * frame.b))
    model = HistGradientBoostingRegressor(loss="poisson", max_iter=30, random_state=0).fit(frame, y)
    request = pd.DataFrame({"a": rng.standard_normal(400) * 2, "b": rng.uniform(-4, 4, 400)})
    save(ROOT / f"poisson-{sklearn.__version__}", model, request.to_dict("records"))


def save(out, model, rows):
    shutil.rmtree(out, ignore_errors=True)
    (out / "model").mkdir(parents=True)
    with open(out / "model" / "model.pkl", "wb") as artifact:
        pickle.dump(model, artifact)
    answered, refused = [], []
    for row in rows:
        one = pd.DataFrame([row])
        one.to_csv(out / "one.csv", index=False)
        try:
            model.predict(pd.read_csv(out / "one.csv"))
            answered.append(row)
        except ValueError as error:
            refused.append((row, f"{type(error).__name__}: {error}"))
    (out / "one.csv").unlink()
    pd.DataFrame(answered).to_csv(out / "input.csv", index=False, float_format="%.17g")
    request = pd.read_csv(out / "input.csv")
    pd.DataFrame({"Predictions": model.predict(request)}).to_csv(out / "expected.csv", index=False,
                                                                  float_format="%.17g")
    for n, (row, message) in enumerate(refused, 1):
        pd.DataFrame([row]).to_csv(out / f"refused_{n}.csv", index=False, float_format="%.17g")
        (out / f"refused_{n}.txt").write_text(message + "\n")
    meta = {"target_type": "regression", "estimator": type(model).__module__ + "." + type(model).__name__,
            "sklearn": sklearn.__version__, "numpy": np.__version__, "pandas": pd.__version__,
            "answered": len(answered), "refused": len(refused)}
    (out / "case.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(out, meta)


if __name__ == "__main__":
    categorical()
    poisson()
