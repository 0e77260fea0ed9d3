#!/usr/bin/python3
"""Trains the small pickles of src/test/resources/pickles with Debian's scikit-learn 1.2.1 and XGBoost 1.7.4.

Every case is a folder: the artifact as DRUM would find it (model.pkl or model.joblib, nothing else), and beside
it (one level up, so the code dir stays a drop-in folder) input.csv, expected.csv and case.json. expected.csv is
always what the library itself computed: predict() for regressors, predict_proba() (columns = classes_) for
classifiers, on input.csv as read back by pandas.read_csv, exactly as DRUM hands a request to the model.

Run from the repository root:  /usr/bin/python3 src/test/python/make_pickles.py
"""
import json
import pickle
import shutil
import sys
import warnings
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import sklearn
import xgboost
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import PCA
from sklearn.exceptions import ConvergenceWarning
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.ensemble import (ExtraTreesClassifier, ExtraTreesRegressor, GradientBoostingClassifier,
                              GradientBoostingRegressor, HistGradientBoostingClassifier,
                              HistGradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVR
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

OUT = Path("src/test/resources/pickles")
ROWS, FEATURES, INPUT_ROWS = 240, 5, 60
BINARY_LABELS = ["no", "yes"]
MULTI_LABELS = ["high", "low", "mid"]  # classes_ sorts them; the label order of expected.csv follows classes_


def numeric_data(seed, with_missing=False):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(size=(ROWS, FEATURES)) * [1, 10, 0.1, 100, 3],
                         columns=[f"f{i}" for i in range(FEATURES)])
    score = frame.f0 + frame.f1 / 10 - frame.f2 * 5 + np.sin(frame.f3 / 50) + rng.normal(scale=0.3, size=ROWS)
    if with_missing:
        frame = frame.mask(rng.random(frame.shape) < 0.1)
    binary = np.where(score > 0, "yes", "no")
    multi = np.select([score < -0.7, score < 0.7], ["low", "mid"], "high")
    return frame, score.to_numpy(), binary, multi


def mixed_data(seed):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "age": rng.integers(18, 90, ROWS).astype(float),
        "income": rng.normal(50, 15, ROWS).round(2),
        "colour": rng.choice(["red", "green", "blue", "?"], ROWS),
        "size": rng.choice(["S", "M", "L"], ROWS),
    })
    frame.loc[rng.random(ROWS) < 0.1, "income"] = np.nan
    frame.loc[rng.random(ROWS) < 0.1, "colour"] = np.nan
    score = frame.age / 30 - frame.income.fillna(50) / 20 + (frame.colour == "red") - (frame["size"] == "S")
    return frame, score.to_numpy(), np.where(score > 0, "yes", "no")


def mixed_pipeline(estimator):
    numeric = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    categorical = Pipeline([("impute", SimpleImputer(strategy="constant", fill_value="MISSING")),
                            ("onehot", OneHotEncoder(handle_unknown="ignore"))])
    columns = ColumnTransformer([("num", numeric, ["age", "income"]), ("cat", categorical, ["colour", "size"])])
    return Pipeline([("columns", columns), ("model", estimator)])


def save(name, model, frame, target_type, *, fmt="pickle", by_position=False, expect="jvm", note=""):
    """Writes one case. by_position: fitted on a NumPy array, so the model knows no column names."""
    case = OUT / name
    shutil.rmtree(case, ignore_errors=True)
    (case / "model").mkdir(parents=True)
    frame.iloc[:INPUT_ROWS].to_csv(case / "input.csv", index=False)
    request = pd.read_csv(case / "input.csv")  # what DRUM hands the model
    X = request.to_numpy() if by_position else request
    if target_type == "regression":
        expected = pd.DataFrame({"Predictions": model.predict(X)})
    else:
        expected = pd.DataFrame(model.predict_proba(X), columns=[str(c) for c in model.classes_])
    expected.to_csv(case / "expected.csv", index=False, float_format="%.17g")
    if fmt == "pickle":
        with open(case / "model" / "model.pkl", "wb") as out:
            pickle.dump(model, out)
    elif fmt == "joblib":
        joblib.dump(model, case / "model" / "model.joblib")
    elif fmt == "joblib-compressed":
        joblib.dump(model, case / "model" / "model.joblib", compress=3)
    meta = {"target_type": target_type, "expect": expect, "format": fmt, "by_position": by_position,
            "estimator": type(model).__module__ + "." + type(model).__name__, "note": note}
    if target_type != "regression":
        meta["class_labels"] = [str(c) for c in model.classes_]
    (case / "case.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"{name:45s} {expect:6s} {fmt}")


def main():
    # Small data and few iterations on purpose: the models need only be deterministic, not converged.
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    print(f"scikit-learn {sklearn.__version__}, XGBoost {xgboost.__version__}", file=sys.stderr)
    X, y, binary, multi = numeric_data(1)
    Xm, ym, binary_m, multi_m = numeric_data(2, with_missing=True)
    M, ymix, binary_mix = mixed_data(3)
    small = dict(random_state=0)

    # Tree ensembles: classifier and regressor, few shallow trees.
    save("decision_tree_regressor", DecisionTreeRegressor(max_depth=5, **small).fit(X, y), X, "regression")
    save("decision_tree_classifier", DecisionTreeClassifier(max_depth=4, **small).fit(X, multi), X, "multiclass")
    save("random_forest_regressor", RandomForestRegressor(n_estimators=8, max_depth=5, **small).fit(X, y), X,
         "regression")
    save("random_forest_classifier", RandomForestClassifier(n_estimators=8, max_depth=4, **small).fit(X, multi), X,
         "multiclass")
    save("random_forest_binary", RandomForestClassifier(n_estimators=6, max_depth=4, **small).fit(X, binary), X,
         "binary")
    save("extra_trees_regressor", ExtraTreesRegressor(n_estimators=6, max_depth=5, **small).fit(X, y), X,
         "regression")
    save("extra_trees_classifier", ExtraTreesClassifier(n_estimators=6, max_depth=4, **small).fit(X, binary), X,
         "binary")
    save("gradient_boosting_regressor",
         GradientBoostingRegressor(n_estimators=10, max_depth=3, **small).fit(X, y), X, "regression")
    save("gradient_boosting_binary",
         GradientBoostingClassifier(n_estimators=10, max_depth=2, **small).fit(X, binary), X, "binary")
    save("gradient_boosting_multiclass",
         GradientBoostingClassifier(n_estimators=8, max_depth=2, **small).fit(X, multi), X, "multiclass")
    save("hist_gradient_boosting_regressor_missing",
         HistGradientBoostingRegressor(max_iter=10, max_depth=3, **small).fit(Xm, ym), Xm, "regression")
    save("hist_gradient_boosting_binary_missing",
         HistGradientBoostingClassifier(max_iter=10, max_depth=3, **small).fit(Xm, binary_m), Xm, "binary")
    save("hist_gradient_boosting_multiclass_missing",
         HistGradientBoostingClassifier(max_iter=6, max_depth=3, **small).fit(Xm, multi_m), Xm, "multiclass")

    # Array-fitted: no feature_names_in_, so request columns bind by position.
    save("random_forest_regressor_array",
         RandomForestRegressor(n_estimators=5, max_depth=4, **small).fit(X.to_numpy(), y), X, "regression",
         by_position=True)
    save("logistic_regression_array", LogisticRegression().fit(X.to_numpy(), binary), X, "binary",
         by_position=True)

    # joblib, plain and compressed.
    save("random_forest_regressor_joblib", RandomForestRegressor(n_estimators=5, max_depth=4, **small).fit(X, y), X,
         "regression", fmt="joblib")
    save("decision_tree_classifier_joblib_compressed",
         DecisionTreeClassifier(max_depth=4, **small).fit(X, binary), X, "binary", fmt="joblib-compressed")
    save("ridge_joblib", Ridge(alpha=0.5).fit(X, y), X, "regression", fmt="joblib")
    save("logistic_regression_joblib_compressed", LogisticRegression().fit(X, multi), X, "multiclass",
         fmt="joblib-compressed")

    # Other families through JPMML-SkLearn.
    save("linear_regression", LinearRegression().fit(X, y), X, "regression")
    save("ridge", Ridge(alpha=0.5).fit(X, y), X, "regression")
    save("logistic_regression_binary", LogisticRegression(C=0.5).fit(X, binary), X, "binary")
    save("logistic_regression_multiclass", LogisticRegression(C=0.5).fit(X, multi), X, "multiclass")
    save("gaussian_nb", GaussianNB().fit(X, multi), X, "multiclass")
    save("linear_discriminant_analysis", LinearDiscriminantAnalysis().fit(X, multi), X, "multiclass")
    save("mlp_regressor", MLPRegressor(hidden_layer_sizes=(6,), max_iter=300, **small).fit(X, y), X, "regression")
    save("mlp_classifier", MLPClassifier(hidden_layer_sizes=(6,), max_iter=300, **small).fit(X, binary), X, "binary")
    save("svr", SVR(C=1.0).fit(X, y), X, "regression")
    save("pca_pipeline", Pipeline([("scale", StandardScaler()), ("pca", PCA(n_components=3)),
                                   ("model", LinearRegression())]).fit(X, y), X, "regression")
    save("standard_scaler_logistic_pipeline",
         Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())]).fit(X, binary), X, "binary")
    save("mixed_types_pipeline_binary", mixed_pipeline(LogisticRegression(C=0.3)).fit(M, binary_mix), M, "binary")
    save("mixed_types_pipeline_regression", mixed_pipeline(Ridge(alpha=1.0)).fit(M, ymix), M, "regression")

    # Not proven exact: served by the Python workers.
    save("kneighbors_distance", KNeighborsClassifier(n_neighbors=5, weights="distance").fit(X, binary), X, "binary",
         expect="python", note="KNeighbors is not on the allow-list")

    # XGBoost's scikit-learn wrappers and a bare Booster; classes must be 0..K-1 in XGBoost 1.7.
    Xx, _, _, _ = numeric_data(4, with_missing=True)
    yx = y + np.nan_to_num(Xx.f0.to_numpy())
    classes2 = (yx > 0).astype(int)
    classes3 = np.digitize(yx, [-0.7, 0.7])
    xgb_small = dict(n_estimators=12, max_depth=3, learning_rate=0.3, random_state=0, n_jobs=1)
    save("xgb_regressor", xgboost.XGBRegressor(**xgb_small).fit(Xx, yx), Xx, "regression")
    save("xgb_classifier_binary", xgboost.XGBClassifier(**xgb_small).fit(Xx, classes2), Xx, "binary")
    save("xgb_classifier_multiclass", xgboost.XGBClassifier(**xgb_small).fit(Xx, classes3), Xx, "multiclass")
    save("xgb_regressor_array", xgboost.XGBRegressor(**xgb_small).fit(Xx.to_numpy(), yx), Xx, "regression",
         by_position=True)
    save("xgb_classifier_binary_joblib", xgboost.XGBClassifier(**xgb_small).fit(Xx, classes2), Xx, "binary",
         fmt="joblib")
    save("xgb_regressor_logistic_base_score",
         xgboost.XGBRegressor(objective="reg:logistic", base_score=0.3, **xgb_small).fit(Xx, (yx > 0) * 1.0), Xx,
         "regression")
    booster = xgboost.train({"objective": "reg:squarederror", "max_depth": 3, "nthread": 1},
                            xgboost.DMatrix(Xx, label=yx), num_boost_round=8)
    save_booster("xgb_booster", booster, Xx)


def save_booster(name, booster, frame):
    """A bare xgboost.Booster has no predict(X): DRUM's predictor scores it on a DMatrix of the request."""
    case = OUT / name
    shutil.rmtree(case, ignore_errors=True)
    (case / "model").mkdir(parents=True)
    frame.iloc[:INPUT_ROWS].to_csv(case / "input.csv", index=False)
    request = pd.read_csv(case / "input.csv")
    pd.DataFrame({"Predictions": booster.predict(xgboost.DMatrix(request))}).to_csv(
        case / "expected.csv", index=False, float_format="%.17g")
    with open(case / "model" / "model.pkl", "wb") as out:
        pickle.dump(booster, out)
    meta = {"target_type": "regression", "expect": "jvm", "format": "pickle", "by_position": False,
            "estimator": "xgboost.core.Booster", "note": ""}
    (case / "case.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"{name:45s} jvm    pickle")


if __name__ == "__main__":
    main()
