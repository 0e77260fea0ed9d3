#!/usr/bin/env python3
"""Drop-in pickle folders made by today's libraries, for bench/pickle-vs-peer.sh (issue 22's speed table).

Run with a venv of the versions to compare (scikit-learn 1.9.1, LightGBM 4.7.0, pandas 3.0.6 from the local
index; xgboost from Debian's Python for the XGBoost cases): writes one folder per model under OUT, each holding
case.yaml (target type and labels, as the shared corpus' cases do), model/model.pkl and input.csv (300 rows), so
that the same folder is served by Timpani and by DRUM.

    python bench/modern-pickles.py OUT [name ...]
"""
import os
import pickle
import sys

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, load_diabetes


def regression():
    data = load_diabetes(as_frame=True)
    return data.frame.drop(columns="target"), data.target


def binary():
    data = load_breast_cancer(as_frame=True)
    # Short column names without spaces: both servers read them back from the csv as they are.
    X = data.frame.drop(columns="target")
    X.columns = [c.replace(" ", "_") for c in X.columns]
    y = np.where(data.target == 1, "benign", "malignant")
    return X, y


def lightgbm_regression():
    import lightgbm as lgb
    X, y = regression()
    return X, lgb.LGBMRegressor(n_estimators=100, num_leaves=31, verbose=-1).fit(X, y), "regression"


def lightgbm_binary():
    import lightgbm as lgb
    X, y = binary()
    return X, lgb.LGBMClassifier(n_estimators=100, num_leaves=31, verbose=-1).fit(X, y), "binary"


def hgb_binary():
    from sklearn.ensemble import HistGradientBoostingClassifier
    X, y = binary()
    return X, HistGradientBoostingClassifier(max_iter=100, random_state=0).fit(X, y), "binary"


def hgb_regression():
    from sklearn.ensemble import HistGradientBoostingRegressor
    X, y = regression()
    return X, HistGradientBoostingRegressor(max_iter=100, random_state=0).fit(X, y), "regression"


def forest_regression():
    from sklearn.ensemble import RandomForestRegressor
    X, y = regression()
    return X, RandomForestRegressor(n_estimators=100, max_depth=10, random_state=0).fit(X, y), "regression"


def mlp_binary():
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    X, y = binary()
    model = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(32, 16), max_iter=300, random_state=0))
    return X, model.fit(X, y), "binary"


def svr_regression():
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVR
    X, y = regression()
    return X, make_pipeline(StandardScaler(), SVR(C=10.0)).fit(X, y), "regression"


def gaussian_nb_binary():
    from sklearn.naive_bayes import GaussianNB
    X, y = binary()
    return X, GaussianNB().fit(X, y), "binary"


def lda_binary():
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    X, y = binary()
    return X, LinearDiscriminantAnalysis().fit(X, y), "binary"


def xgboost_binary():
    import xgboost as xgb
    X, y = binary()
    labels = (y == "malignant").astype(int)
    model = xgb.XGBClassifier(n_estimators=100, max_depth=6, tree_method="hist").fit(X, labels)
    return X, model, "binary"


MODELS = {f.__name__: f for f in (lightgbm_regression, lightgbm_binary, hgb_binary, hgb_regression,
                                  forest_regression, mlp_binary, svr_regression, gaussian_nb_binary, lda_binary,
                                  xgboost_binary)}


def main(out, names):
    for name in names or [n for n in MODELS if n != "xgboost_binary"]:
        X, model, target_type = MODELS[name]()
        folder = os.path.join(out, name)
        os.makedirs(os.path.join(folder, "model"), exist_ok=True)
        with open(os.path.join(folder, "model", "model.pkl"), "wb") as f:
            pickle.dump(model, f)
        X.sample(n=300, replace=len(X) < 300, random_state=0).to_csv(os.path.join(folder, "input.csv"), index=False)
        with open(os.path.join(folder, "case.yaml"), "w") as f:
            f.write(f"case: {name}\ntarget_type: {target_type}\n")
            if target_type == "binary":
                classes = [str(c) for c in model.classes_]
                f.write(f"negative_class_label: '{classes[0]}'\npositive_class_label: '{classes[1]}'\n")
        if name == "xgboost_binary":
            # The same booster as XGBoost's own JSON: Timpani's native XGBoost path, against DRUM's pickle.
            native = os.path.join(out, "xgboost_native_binary")
            os.makedirs(os.path.join(native, "model"), exist_ok=True)
            model.get_booster().save_model(os.path.join(native, "model", "model.json"))
            for file in ("input.csv", "case.yaml"):
                with open(os.path.join(folder, file)) as src, open(os.path.join(native, file), "w") as dst:
                    dst.write(src.read())
            print(native)
        print(folder)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
