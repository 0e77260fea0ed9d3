#!/usr/bin/python3
"""Trains the random boosters of src/test/resources/xgboost-legacy with Debian's XGBoost 1.7.4 and saves each in
XGBoost's legacy binary format, which XGBoost 3 refuses and Timpani translates to JSON (LegacyBinaryModel).

Every case is a folder: model.model (Booster.save_model('model.model'), the legacy binary format), input.csv,
expected.csv and case.json (how it was trained). input.csv holds float32 values written with repr() of the
float64 that holds them exactly (an empty cell is missing, NaN); its rows are random rows, rows moved onto the
model's own split thresholds and one float32 ulp either side of them, and rows with missing cells.
expected.csv is XGBoost 1.7.4's own Booster.predict on those rows after reloading model.model, one column per
output, each float32 written with repr() of its exact float64.

refused/ holds legacy binary models the translation must refuse: other boosters (dart, gblinear), an objective
it is not verified for, and a multi-target regressor.

Run from the repository root:  /usr/bin/python3 src/test/python/make_legacy_xgboost.py
"""
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np
import xgboost

OUT = Path("src/test/resources/xgboost-legacy")
CASES = 32
ROWS = 100
SEED = 20240611

assert xgboost.__version__ == "1.7.4", xgboost.__version__


def objectives(rng):
    """The verified objectives (LegacyBinaryModel.OBJECTIVES) in a random order, the four asked for most often;
    reg:linear is reg:squarederror's old name, which the binary keeps while the objective's config says the new."""
    chosen = (["reg:squarederror", "reg:logistic", "binary:logistic", "multi:softprob"] * 6
              + ["multi:softmax"] * 3 + ["binary:logitraw"] * 3 + ["reg:linear"] * 2)
    assert len(chosen) == CASES
    return list(rng.permutation(chosen))


def training_data(rng, objective, classes):
    n_features = int(rng.integers(2, 9))
    n_rows = int(rng.integers(80, 200))
    scales = 10.0 ** rng.uniform(-6, 6, n_features)
    x = rng.normal(size=(n_rows, n_features)) * scales
    # Some features take few distinct values, so that many rows sit exactly on a threshold.
    for f in range(n_features):
        if rng.random() < 0.3:
            x[:, f] = np.round(x[:, f] / scales[f]) * scales[f]
    signal = x[:, 0] / scales[0] - 0.5 * (x[:, 1] / scales[1]) ** 2 + rng.normal(scale=0.5, size=n_rows)
    missing = rng.random(x.shape) < rng.uniform(0, 0.25)
    x[missing] = np.nan
    x = x.astype(np.float32)
    if objective.startswith("multi:"):
        y = np.digitize(signal, np.quantile(signal, np.linspace(0, 1, classes + 1)[1:-1]))
    elif objective in ("binary:logistic", "binary:logitraw"):
        y = (signal > np.median(signal)).astype(float)
    elif objective == "reg:logistic":
        y = 1 / (1 + np.exp(-signal))
    else:
        y = signal * 10.0 ** rng.uniform(-3, 3) + rng.uniform(-100, 100)
    return x, y


def parameters(rng, objective, classes, y):
    params = {
        "objective": objective,
        "max_depth": int(rng.integers(1, 9)),
        "eta": float(rng.choice([0.05, 0.1, 0.3, 0.7, 1.0])),
        "tree_method": str(rng.choice(["exact", "approx", "hist"])),
        "seed": int(rng.integers(1 << 30)),
        "nthread": 1,
    }
    if objective.startswith("multi:"):
        params["num_class"] = classes
    if rng.random() < (0.8 if params["tree_method"] == "exact" else 0.3):
        # The exact method's pruner turns splits with less gain into leaves and leaves their children in the
        # arrays, marked deleted.
        params["gamma"] = float(rng.choice([0.01, 0.5, 2.0]))
    if rng.random() < 0.3:
        params["subsample"] = float(rng.uniform(0.5, 1))
        params["colsample_bynode"] = float(rng.uniform(0.5, 1))
    if rng.random() < 0.3:
        params["lambda"] = float(rng.uniform(0, 5))
        params["alpha"] = float(rng.uniform(0, 2))
    if rng.random() < 0.2:
        params["min_child_weight"] = float(rng.uniform(0, 5))
    if rng.random() < 0.4:
        if objective in ("reg:logistic", "binary:logistic", "binary:logitraw"):
            params["base_score"] = float(rng.uniform(0.05, 0.95))
        elif not objective.startswith("multi:"):
            params["base_score"] = float(rng.choice(y) + rng.normal())
        else:
            params["base_score"] = float(rng.uniform(0.1, 0.9))
    if objective in ("binary:logistic", "binary:logitraw") and rng.random() < 0.5:
        params["scale_pos_weight"] = float(rng.uniform(0.2, 5))
    if rng.random() < 0.15:
        params["num_parallel_tree"] = int(rng.integers(2, 4))
        params["subsample"] = 0.7
    if params["tree_method"] == "hist" and rng.random() < 0.3:
        params["grow_policy"] = "lossguide"
        params["max_leaves"] = int(rng.integers(2, 16))
    return params


def split_thresholds(booster):
    """(feature, threshold) of every split, read from 1.7.4's own JSON of the model."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.json"
        booster.save_model(str(path))
        trees = json.loads(path.read_text())["learner"]["gradient_booster"]["model"]["trees"]
    splits = []
    for tree in trees:
        for node, left in enumerate(tree["left_children"]):
            if left != -1:
                splits.append((tree["split_indices"][node], np.float32(tree["split_conditions"][node])))
    return splits, sum(int(tree["tree_param"]["num_deleted"]) for tree in trees)


def scoring_rows(rng, x, splits):
    n_features = x.shape[1]
    rows = x[rng.integers(len(x), size=ROWS)].copy()
    for r in range(20, ROWS):
        # Rows 20..: several cells on a threshold, or one float32 ulp below or above it.
        for _ in range(int(rng.integers(1, n_features + 1))):
            if not splits:
                break
            feature, threshold = splits[rng.integers(len(splits))]
            step = rng.integers(3)
            value = threshold if step == 0 else np.nextafter(threshold, np.float32(-np.inf if step == 1 else np.inf))
            rows[r, feature] = value
    for r in range(80, ROWS):
        rows[r, rng.random(n_features) < 0.4] = np.nan
    rows[ROWS - 1, :] = np.nan
    return rows.astype(np.float32)


def cell(value):
    return "" if np.isnan(value) else repr(float(value))


def write_case(folder, booster, rows, params, rounds, deleted):
    folder.mkdir(parents=True)
    booster.save_model(str(folder / "model.model"))
    reloaded = xgboost.Booster(model_file=str(folder / "model.model"))
    predictions = reloaded.predict(xgboost.DMatrix(rows, missing=np.nan))
    assert predictions.dtype == np.float32
    predictions = predictions.reshape(len(rows), -1)
    n_features = rows.shape[1]
    with open(folder / "input.csv", "w") as out:
        out.write(",".join(f"f{i}" for i in range(n_features)) + "\n")
        for row in rows:
            out.write(",".join(cell(v) for v in row) + "\n")
    with open(folder / "expected.csv", "w") as out:
        out.write(",".join(f"output{i}" for i in range(predictions.shape[1])) + "\n")
        for row in predictions:
            out.write(",".join(repr(float(v)) for v in row) + "\n")
    (folder / "case.json").write_text(json.dumps({
        "xgboost": xgboost.__version__, "rounds": rounds, "params": params, "deleted_nodes": deleted,
        "outputs": int(predictions.shape[1]), "rows": len(rows)}, indent=1, sort_keys=True) + "\n")


def write_refused():
    rng = np.random.default_rng(SEED + 1)
    x = rng.normal(size=(60, 3)).astype(np.float32)
    y = np.abs(x[:, 0]) + rng.random(60)
    folder = OUT / "refused"
    folder.mkdir(parents=True)
    for name, params, label in [
            ("dart", {"booster": "dart", "rate_drop": 0.3, "max_depth": 2}, y),
            ("gblinear", {"booster": "gblinear"}, y),
            ("count_poisson", {"objective": "count:poisson", "max_depth": 2}, np.round(y)),
            ("multi_target", {"tree_method": "hist", "max_depth": 2}, np.stack([y, -y], axis=1))]:
        booster = xgboost.train({"seed": 1, "nthread": 1, **params}, xgboost.DMatrix(x, label=label), 3)
        booster.save_model(str(folder / f"{name}.model"))


def main():
    rng = np.random.default_rng(SEED)
    if OUT.exists():
        shutil.rmtree(OUT)
    for case, objective in enumerate(objectives(rng)):
        objective = str(objective)
        classes = int(rng.integers(3, 5))
        x, y = training_data(rng, objective, classes)
        params = parameters(rng, objective, classes, y)
        rounds = int(rng.integers(1, 41))
        if objective.startswith("multi:") and params["max_depth"] > 4:
            rounds = min(rounds, 15)  # keeps the files small
        booster = xgboost.train(params, xgboost.DMatrix(x, label=y, missing=np.nan), num_boost_round=rounds)
        splits, deleted = split_thresholds(booster)
        rows = scoring_rows(rng, x, splits)
        name = f"{case:02d}_{objective.replace(':', '_')}"
        write_case(OUT / name, booster, rows, params, rounds, deleted)
    write_refused()
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"{CASES} cases, {total / 1e6:.2f} MB in {OUT}")


if __name__ == "__main__":
    main()
