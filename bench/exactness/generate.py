#!/usr/bin/env python3
"""Generates random models with the real libraries and records the libraries' own answers.

    python generate.py --out DIR --per-family N [--seed S] [--families f1,f2] [--list]

For every family that the running Python's libraries have (scikit-learn always; XGBoost and
LightGBM when importable) it trains N random models and writes each one to
DIR/<library>-<version>/<family>/<NNN>/ (see README.md for the files). Deterministic for a
given seed: model NNN of a family draws everything from SeedSequence([seed, crc32(family), NNN]).
"""
import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_v, "1")  # 2 shared cores: stay single-threaded

import argparse
import csv
import json
import math
import pickle
import platform
import re
import shutil
import sys
import time
import traceback
import warnings
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import joblib
import sklearn

warnings.filterwarnings("ignore")

try:
    import scipy
except ImportError:  # pragma: no cover
    scipy = None
try:
    import xgboost as xgb
    xgb.set_config(verbosity=0)
except Exception:
    xgb = None
try:
    import lightgbm as lgb
except Exception:
    lgb = None


def vtuple(s):
    return tuple(int(x) for x in re.findall(r"\d+", s)[:3])


SKV = vtuple(sklearn.__version__)

MODEL_BUDGET = 90_000      # bytes for the serialized model, so a folder stays < FOLDER_LIMIT
FOLDER_LIMIT = 200_000
EXTRA_COLUMN = "Grade 2014"

NAME_POOL = ["age", "income", "score", "Grade 2013", "height cm", "weight_kg", "Net Income (USD)",
             "temp.max", "x", "y", "zip code", "rate%", "f0", "colA", "delta-t", "count", "ÜberWert",
             "ratio", "Total", "pressure", "lat", "lon", "n_items", "Speed (km/h)", "v2"]
STR_VOCAB = ["red", "green", "blue", "black", "white", "grey", "Big Apple", "São Paulo", "north", "south"]
SPECIAL_VALUES = [1e30, -1e30, 1e-30, -1e-30, 0.0, -0.0, 5e-324, -5e-324, 1e-45,
                  3.4028234663852886e38, -3.4028234663852886e38, 2.2250738585072014e-308,
                  1.401298464324817e-45, 1.1754943508222875e-38]
HUGE_VALUES = [1e39, -1e39, 1.7976931348623157e308, -1e300]
INF_VALUES = [math.inf, -math.inf]


# ----------------------------------------------------------------------------------------------
# random helpers

def ri(rng, lo, hi):
    return int(rng.integers(lo, hi + 1))


def lu(rng, lo, hi):
    return float(10 ** rng.uniform(math.log10(lo), math.log10(hi)))


def pick(rng, seq, p=None):
    if p is not None:
        p = np.asarray(p, dtype=float)
        p = p / p.sum()
    return seq[int(rng.choice(len(seq), p=p))]


def chance(rng, p):
    return bool(rng.random() < p)


def jsonable(v):
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        f = float(v)
        return f if math.isfinite(f) else repr(f)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, np.ndarray):
        return jsonable(v.tolist())
    if v is None or isinstance(v, (str, int, bool)):
        return v
    return repr(v)


def exc_text(e):
    """'Class: str(e)'; XGBoost's timestamps and native stack traces are cut (not deterministic)."""
    s = str(e)
    if "Stack trace:" in s:
        s = s.split("Stack trace:")[0].rstrip()
    s = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", s)
    return f"{type(e).__name__}: {s}"


class TooBig(Exception):
    pass


# ----------------------------------------------------------------------------------------------
# data

def make_specs(rng, n_num, n_cat, n_str, scale_range):
    specs = []
    lo, hi = scale_range
    for _ in range(n_num):
        kind = pick(rng, ["num", "int", "few", "const", "rounded"], [0.55, 0.14, 0.14, 0.07, 0.10])
        scale = lu(rng, lo, hi)
        off = pick(rng, ["zero", "neg", "pos", "far"], [0.4, 0.25, 0.2, 0.15])
        offset = {"zero": 0.0, "neg": -scale * rng.uniform(0, 5), "pos": scale * rng.uniform(0, 5),
                  "far": -lu(rng, lo, hi)}[off]
        s = {"kind": kind, "scale": scale, "offset": float(offset),
             "dist": pick(rng, ["normal", "uniform", "lognormal"], [0.5, 0.3, 0.2])}
        if kind == "int":
            s.update(lo=ri(rng, -50, 50), span=ri(rng, 1, 20))
        elif kind == "few":
            s["values"] = sorted(float(offset + scale * z) for z in rng.standard_normal(ri(rng, 2, 6)))
        elif kind == "const":
            s["value"] = pick(rng, [0.0, float(offset + scale * rng.standard_normal())])
        specs.append(s)
    for _ in range(n_cat):
        specs.append({"kind": "cat", "card": ri(rng, 2, 10)})
    for _ in range(n_str):
        k = ri(rng, 2, 6)
        specs.append({"kind": "str", "values": [STR_VOCAB[i] for i in rng.choice(len(STR_VOCAB), k, replace=False)]})
    order = rng.permutation(len(specs))
    return [specs[i] for i in order]


def draw(spec, rng, n):
    k = spec["kind"]
    if k == "num":
        z = {"normal": lambda: rng.standard_normal(n), "uniform": lambda: rng.uniform(-1, 1, n),
             "lognormal": lambda: rng.lognormal(0, 1, n)}[spec["dist"]]()
        return spec["offset"] + spec["scale"] * z
    if k == "rounded":
        return spec["offset"] + spec["scale"] * np.round(rng.standard_normal(n), 1)
    if k == "int":
        return (spec["lo"] + rng.integers(0, spec["span"] + 1, n)).astype(np.float64)
    if k == "few":
        return rng.choice(np.array(spec["values"]), n)
    if k == "const":
        return np.full(n, spec["value"], dtype=np.float64)
    if k == "cat":
        return rng.integers(0, spec["card"], n).astype(np.float64)
    if k == "str":
        return np.array([spec["values"][i] for i in rng.integers(0, len(spec["values"]), n)], dtype=object)
    raise ValueError(k)


def concat_rows(*sets):
    sets = [s for s in sets if s is not None and len(s[0])]
    return [np.concatenate([s[j] for s in sets]) for j in range(len(sets[0]))]


def take_rows(cols, idx):
    return [c[idx] for c in cols]


def n_rows(cols):
    return len(cols[0]) if cols else 0


class Dataset:
    def __init__(self, rng, *, n_num, n_cat=0, n_str=0, scale_range=(1e-9, 1e9), n_train=None,
                 fitted_on=None):
        self.specs = make_specs(rng, n_num, n_cat, n_str, scale_range)
        p = len(self.specs)
        self.fitted_on = fitted_on or pick(rng, ["dataframe", "array"])
        if self.fitted_on == "dataframe":
            self.names = [NAME_POOL[i] for i in rng.choice(len(NAME_POOL), p, replace=False)]
        else:
            self.names = [f"x{i + 1}" for i in range(p)]
        self.n_train = n_train or ri(rng, 30, 400)
        self.clean = [draw(s, rng, self.n_train) for s in self.specs]
        self.scale_range = scale_range
        self.missing_rate = 0.0
        self.with_nan = self.clean
        self.used = self.clean  # what fit actually got (with or without NaN)
        self.notes = {}  # what happened in fit (NaN refused, budget shrinks): kept out of the params
        # What predict is handed (make_X's kind): the kind fit got, but for the families whose answer depends on
        # the batch's memory layout (see predicted_as_drum).
        self.predicted_on = self.fitted_on

    @property
    def kinds(self):
        return [s["kind"] for s in self.specs]

    @property
    def has_str(self):
        return "str" in self.kinds

    def idx(self, *kinds):
        return [j for j, s in enumerate(self.specs) if s["kind"] in kinds]

    def add_missing(self, rng, rate):
        """Training copy with NaN cells in numeric columns (at most `rate` per column)."""
        if rate <= 0:
            return
        cols = [c.copy() for c in self.clean]
        numeric = self.idx("num", "int", "few", "const", "rounded", "cat")
        hit = False
        for j in numeric:
            if chance(rng, 0.6):
                m = rng.random(self.n_train) < rng.uniform(0, rate)
                cols[j][m] = np.nan
                hit = hit or bool(m.any())
        if not hit and numeric:
            j = numeric[int(rng.integers(len(numeric)))]
            cols[j][int(rng.integers(self.n_train))] = np.nan
        self.missing_rate = float(rate)
        self.with_nan = cols

    def fresh(self, rng, n):
        return [draw(s, rng, n) for s in self.specs]

    def X(self, cols, names=None, fitted_on=None):
        return make_X(cols, names or self.names, fitted_on or self.predicted_on)

    def predicted_as_drum(self):
        """From here on predict gets what DRUM hands a bare estimator, a DataFrame as pd.read_csv makes it, whatever
        fit got (an array-fitted model only warns about the feature names). For GaussianNB and
        LinearDiscriminantAnalysis only: their answers depend on X's memory layout (NumPy's sum along axis 1,
        BLAS's dgemv_n / dgemv_t for a DataFrame's Fortran-ordered / an array's C-ordered batch), so their expected
        values must come from DRUM's layout. Every other family keeps predicting on what it was fitted on, so the
        corpus generated before this change (22,700 models) stays valid; the rng draws are unchanged for all."""
        self.predicted_on = "dataframe"


def make_X(cols, names, fitted_on):
    if fitted_on == "dataframe":
        return pd.DataFrame({n: c for n, c in zip(names, cols)}, columns=list(names))
    if any(c.dtype == object for c in cols):
        X = np.empty((len(cols[0]), len(cols)), dtype=object)
        for j, c in enumerate(cols):
            X[:, j] = c
        return X
    return np.ascontiguousarray(np.column_stack(cols).astype(np.float64))


def latent(rng, ds, cols):
    n = len(cols[0])
    z = np.zeros(n)
    for c, s in zip(cols, ds.specs):
        if s["kind"] == "str":
            eff = {v: rng.standard_normal() for v in s["values"]}
            f = np.array([eff[v] for v in c])
        else:
            r = pd.Series(c).rank(pct=True).to_numpy(dtype=np.float64, copy=True)
            r[np.isnan(r)] = 0.5
            f = r - 0.5
            g = pick(rng, ["lin", "step", "sq", "sin"])
            f = {"lin": f, "step": (f > rng.uniform(-0.4, 0.4)).astype(float),
                 "sq": 4 * f * f, "sin": np.sin(6 * f)}[g]
        z += rng.standard_normal() * f
    z += rng.uniform(0, 0.5) * rng.standard_normal(n)
    sd = z.std()
    return (z - z.mean()) / (sd if sd > 0 else 1.0)


def reg_target(rng, ds, positive=False, unit=False):
    z = latent(rng, ds, ds.clean)
    if unit:
        return 1.0 / (1.0 + np.exp(-2 * z))
    scale = lu(rng, 1e-3, 1e6)
    if positive:
        return scale * np.exp(z)
    return pick(rng, [0.0, scale * rng.standard_normal() * 3]) + scale * z


def label_set(rng, k, ints_only=False):
    style = "int0" if ints_only else pick(rng, ["int0", "int1", "intr", "str"], [0.3, 0.15, 0.15, 0.4])
    if style == "int0":
        return list(range(k))
    if style == "int1":
        return list(range(1, k + 1))
    if style == "intr":
        return sorted(int(v) for v in rng.choice(np.arange(-5, 30), k, replace=False))
    if k == 2:
        return pick(rng, [["no", "yes"], ["neg", "pos"], ["b", "a"]])
    return pick(rng, [["a", "b", "c", "d", "e"][:k], ["red", "green", "blue", "cyan", "magenta"][:k],
                      ["setosa", "versicolor", "virginica", "x", "y"][:k]])


def clf_target(rng, ds, k, labels):
    z = latent(rng, ds, ds.clean)
    w = rng.uniform(0.3, 1.0, k)
    cuts = np.quantile(z, np.cumsum(w / w.sum())[:-1])
    cls = np.searchsorted(cuts, z)
    flip = rng.random(len(z)) < rng.uniform(0, 0.15)
    cls[flip] = rng.integers(0, k, int(flip.sum()))
    cls[: 2 * k] = np.tile(np.arange(k), 2)  # every class present at least twice
    return np.array(labels)[cls]


# ----------------------------------------------------------------------------------------------
# what a family builder returns

class Built:
    def __init__(self, *, ds, model, params, target_type, class_labels, predictor, estimator, output,
                 artifact="pickle", pairs=None, booster=None):
        self.ds, self.model, self.params = ds, model, params
        self.target_type, self.class_labels = target_type, class_labels
        self.predictor = predictor      # model -> (X -> (header, 2-D array))
        self.predict = predictor(model)  # rebound to the reloaded artifact before anything is recorded
        self.estimator = estimator
        self.output = output            # predict | predict_proba | booster.predict
        self.artifact = artifact        # pickle | xgb-json | xgb-ubj | xgb-binary
        self.pairs = pairs or []        # [(feature index, threshold, base training row or None)]
        self.booster = booster


def full_class(o):
    return f"{type(o).__module__}.{type(o).__qualname__}"


def sk_predictor(model, clf):
    if clf:
        return lambda X: ([str(c) for c in model.classes_], np.asarray(model.predict_proba(X)))
    return lambda X: (["Predictions"], np.asarray(model.predict(X)).reshape(len(X), -1))


def pickled_size(model):
    return len(pickle.dumps(model, protocol=4))


def fit_in_budget(ds, make, y, params, shrink, fit_kw=None, size=pickled_size):
    """Fits make(params) on the NaN copy when there is one (falling back to clean data when the
    library refuses NaN in fit), then shrinks params until the serialized model fits the budget."""
    use_nan = ds.missing_rate > 0
    for _ in range(10):
        est = make(params)
        X = ds.X(ds.with_nan if use_nan else ds.clean, fitted_on=ds.fitted_on)
        try:
            est.fit(X, y, **(fit_kw or {}))
        except Exception as e:
            if use_nan:
                ds.notes["train_nan_refused"] = exc_text(e).split("\n")[0]
                use_nan = False
                continue
            raise
        s = size(est)
        if s <= MODEL_BUDGET:
            ds.notes["train_missing_rate"] = ds.missing_rate if use_nan else 0.0
            ds.used = ds.with_nan if use_nan else ds.clean
            return est
        if not shrink(params, s):
            raise TooBig(f"{s} bytes")
        ds.notes["budget_shrinks"] = ds.notes.get("budget_shrinks", 0) + 1
    raise TooBig("too many shrinks")


def shrinker(n_key=None, depth_key=None, depth_none=6):
    def f(p, size):
        if n_key and p.get(n_key, 1) > 1:
            p[n_key] = max(1, int(p[n_key] * MODEL_BUDGET / size * 0.8))
            return True
        if depth_key:
            d = p.get(depth_key)
            if d is None or d <= 0:
                p[depth_key] = depth_none
                return True
            if d > 1:
                p[depth_key] = max(1, d - 2)
                return True
        return False
    return f


# ----------------------------------------------------------------------------------------------
# threshold extraction

def sk_tree_pairs(rng, trees, ds, k):
    if not trees:
        return []
    cand = [(ti, int(nd)) for ti, t in enumerate(trees) for nd in np.nonzero(t.tree_.feature >= 0)[0]]
    if not cand:
        return []
    X32 = np.ascontiguousarray(np.column_stack(ds.used).astype(np.float32))
    chosen = rng.choice(len(cand), min(len(cand), 3 * k), replace=False)
    paths, out, seen = {}, [], set()
    for ci in chosen:
        ti, nd = cand[int(ci)]
        t = trees[ti].tree_
        f, thr = int(t.feature[nd]), float(t.threshold[nd])
        if (f, thr) in seen or not math.isfinite(thr):
            continue
        seen.add((f, thr))
        if ti not in paths:
            try:
                paths[ti] = t.decision_path(X32).tocsc()
            except Exception:
                paths[ti] = None
        base = None
        if paths[ti] is not None:
            rows = paths[ti][:, nd].nonzero()[0]
            if len(rows):
                base = int(rng.choice(rows))
        out.append((f, thr, base))
        if len(out) >= k:
            break
    return out


def sample_pairs(rng, pairs, k):
    uniq = sorted({(int(f), float(t)) for f, t in pairs if math.isfinite(float(t))})
    if not uniq:
        return []
    idx = rng.choice(len(uniq), min(k, len(uniq)), replace=False)
    return [(uniq[i][0], uniq[i][1], None) for i in sorted(idx)]


def hgb_pairs(rng, model, ds, k):
    p = len(ds.specs)
    fmap = list(range(p))
    pre = getattr(model, "_preprocessor", None)
    if pre is not None:  # scikit-learn >= 1.4 puts categorical columns first
        fmap = []
        for name, _t, cols in pre.transformers_:
            if name == "remainder":
                continue
            cols = np.asarray(cols)
            fmap.extend(np.nonzero(cols)[0].tolist() if cols.dtype == bool else cols.tolist())
    pairs = []
    for per_iter in model._predictors:
        for pred in per_iter:
            nd = pred.nodes
            m = (nd["is_leaf"] == 0) & (nd["is_categorical"] == 0)
            pairs += [(fmap[int(f)], float(t)) for f, t in zip(nd["feature_idx"][m], nd["num_threshold"][m])]
    return sample_pairs(rng, pairs, k)


def xgb_pairs(rng, booster, k):
    j = json.loads(bytes(booster.save_raw(raw_format="json")))
    gb = j["learner"]["gradient_booster"]
    trees = (gb["gbtree"] if "gbtree" in gb else gb)["model"]["trees"]
    pairs = []
    for t in trees:
        st = t.get("split_type", [0] * len(t["left_children"]))
        for i, left in enumerate(t["left_children"]):
            if left != -1 and st[i] == 0:
                pairs.append((t["split_indices"][i], float(np.float32(t["split_conditions"][i]))))
    return sample_pairs(rng, pairs, k)


def lgb_pairs(rng, booster, k):
    pairs = []

    def walk(n):
        if "split_feature" in n:
            if n.get("decision_type") == "<=":
                pairs.append((n["split_feature"], float(n["threshold"])))
            walk(n["left_child"])
            walk(n["right_child"])
    for t in booster.dump_model()["tree_info"]:
        walk(t["tree_structure"])
    return sample_pairs(rng, pairs, k)


# ----------------------------------------------------------------------------------------------
# scikit-learn parameter draws

def p_tree(rng, clf, ds, positive_ok=True):
    crit = (pick(rng, ["gini", "entropy", "log_loss"]) if clf else
            pick(rng, ["squared_error", "friedman_mse", "absolute_error", "poisson"] if positive_ok
                 else ["squared_error", "friedman_mse", "absolute_error"], [0.4, 0.25, 0.2, 0.15][: 4 if positive_ok else 3]))
    p = dict(criterion=crit,
             max_depth=pick(rng, [None, ri(rng, 1, 12)], [0.3, 0.7]),
             min_samples_split=pick(rng, [2, ri(rng, 2, 20), round(rng.uniform(0.01, 0.2), 4)], [0.5, 0.3, 0.2]),
             min_samples_leaf=pick(rng, [1, ri(rng, 1, 20), round(rng.uniform(0.005, 0.1), 4)], [0.5, 0.35, 0.15]),
             max_features=pick(rng, [None, "sqrt", "log2", ri(rng, 1, len(ds.specs)), round(rng.uniform(0.3, 1.0), 3)]),
             max_leaf_nodes=pick(rng, [None, ri(rng, 2, 64)], [0.6, 0.4]),
             random_state=ri(rng, 0, 2**31 - 1))
    if chance(rng, 0.15):
        p["min_impurity_decrease"] = lu(rng, 1e-6, 1e-2) if clf else 0.0
    if chance(rng, 0.1):
        p["ccp_alpha"] = lu(rng, 1e-5, 1e-2) if clf else 0.0
    if clf and chance(rng, 0.25):
        p["class_weight"] = "balanced"
    return p


def clf_setup(rng, ds, ints_only=False, k=None):
    k = k or pick(rng, [2, 2, 3, 4, 5])
    labels = label_set(rng, k, ints_only)
    y = clf_target(rng, ds, k, labels)
    return y, ("binary" if k == 2 else "multiclass")


def n_features(rng, lo=1, hi=10):
    return ri(rng, lo, hi)


def maybe_missing(rng, ds, p=0.5):
    if chance(rng, p):
        ds.add_missing(rng, rng.uniform(0.01, 0.3))


def sk_done(ds, model, params, clf, y_type, pairs, output=None):
    return Built(ds=ds, model=model, params=params, target_type=y_type,
                 class_labels=[str(c) for c in model.classes_] if clf else None,
                 predictor=lambda m: sk_predictor(m, clf), estimator=full_class(model),
                 output=output or ("predict_proba" if clf else "predict"), pairs=pairs)


def b_decision_tree(clf):
    def build(ctx):
        from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
        rng = ctx.rng
        ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
        pos = chance(rng, 0.2)
        if clf:
            y, tt = clf_setup(rng, ds)
        else:
            y, tt = reg_target(rng, ds, positive=pos), "regression"
        p = p_tree(rng, clf, ds, positive_ok=pos)
        p["splitter"] = pick(rng, ["best", "random"], [0.75, 0.25])
        maybe_missing(rng, ds)
        cls = DecisionTreeClassifier if clf else DecisionTreeRegressor
        m = fit_in_budget(ds, lambda q: cls(**q), y, p, shrinker(depth_key="max_depth"))
        return sk_done(ds, m, p, clf, tt, sk_tree_pairs(rng, [m], ds, ri(rng, 8, 24)))
    return build


def b_forest(clf, extra):
    def build(ctx):
        from sklearn.ensemble import (ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier,
                                      RandomForestRegressor)
        rng = ctx.rng
        ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
        pos = chance(rng, 0.15)
        if clf:
            y, tt = clf_setup(rng, ds)
        else:
            y, tt = reg_target(rng, ds, positive=pos), "regression"
        p = p_tree(rng, clf, ds, positive_ok=pos)
        if p["criterion"] == "absolute_error":
            p["criterion"] = "squared_error"  # slow with many trees; covered by the single tree
        p["n_estimators"] = ri(rng, 1, 60)
        p["bootstrap"] = chance(rng, 0.3 if extra else 0.8)
        if p["bootstrap"] and chance(rng, 0.3):
            p["max_samples"] = round(rng.uniform(0.2, 1.0), 3)
        if clf and chance(rng, 0.15):
            p["class_weight"] = pick(rng, ["balanced", "balanced_subsample"])
        p["n_jobs"] = 1
        # pre-shrink: a forest of big trees would exceed the budget anyway
        k = len(set(y.tolist())) if clf else 1
        leaves = ds.n_train / (p["min_samples_leaf"] if isinstance(p["min_samples_leaf"], int) else max(1, p["min_samples_leaf"] * ds.n_train))
        if p["max_depth"]:
            leaves = min(leaves, 2 ** p["max_depth"])
        if p["max_leaf_nodes"]:
            leaves = min(leaves, p["max_leaf_nodes"])
        per_tree = (2 * leaves) * (64 + 8 * k) * (0.7 if p["bootstrap"] else 1.0)
        p["n_estimators"] = max(1, min(p["n_estimators"], int(MODEL_BUDGET * 0.9 / per_tree)))
        maybe_missing(rng, ds)
        cls = {(True, False): RandomForestClassifier, (False, False): RandomForestRegressor,
               (True, True): ExtraTreesClassifier, (False, True): ExtraTreesRegressor}[(clf, extra)]
        m = fit_in_budget(ds, lambda q: cls(**q), y, p, shrinker("n_estimators", "max_depth"))
        return sk_done(ds, m, p, clf, tt, sk_tree_pairs(rng, list(m.estimators_), ds, ri(rng, 8, 24)))
    return build


def b_gbm(clf):
    def build(ctx):
        from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor
        rng = ctx.rng
        ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
        if clf:
            y, tt = clf_setup(rng, ds)
            loss = pick(rng, ["log_loss", "exponential"]) if tt == "binary" else "log_loss"
        else:
            y, tt = reg_target(rng, ds), "regression"
            loss = pick(rng, ["squared_error", "absolute_error", "huber", "quantile"], [0.5, 0.2, 0.15, 0.15])
        p = dict(loss=loss, learning_rate=lu(rng, 0.01, 1.0), n_estimators=ri(rng, 1, 60),
                 subsample=pick(rng, [1.0, round(rng.uniform(0.3, 1.0), 3)], [0.6, 0.4]),
                 criterion=pick(rng, ["friedman_mse", "squared_error"]),
                 max_depth=pick(rng, [ri(rng, 1, 12), None], [0.85, 0.15]),
                 min_samples_leaf=pick(rng, [1, ri(rng, 1, 20)]),
                 max_features=pick(rng, [None, "sqrt", "log2", round(rng.uniform(0.3, 1.0), 3)], [0.6, 0.1, 0.1, 0.2]),
                 max_leaf_nodes=pick(rng, [None, ri(rng, 2, 32)], [0.7, 0.3]),
                 random_state=ri(rng, 0, 2**31 - 1))
        if p["max_depth"] is None and p["max_leaf_nodes"] is None:
            p["max_leaf_nodes"] = ri(rng, 2, 32)
        if loss in ("huber", "quantile"):
            p["alpha"] = round(rng.uniform(0.05, 0.95), 3)
        if chance(rng, 0.1):
            p["init"] = "zero"
        if chance(rng, 0.1):
            p.update(n_iter_no_change=ri(rng, 2, 8), validation_fraction=round(rng.uniform(0.1, 0.3), 3))
        k = len(set(y.tolist())) if tt == "multiclass" else 1
        leaves = min(ds.n_train / p["min_samples_leaf"], 2 ** (p["max_depth"] or 12), p["max_leaf_nodes"] or 1e9)
        p["n_estimators"] = max(1, min(p["n_estimators"], int(MODEL_BUDGET * 0.9 / (2 * leaves * 80 * k))))
        maybe_missing(rng, ds, 0.3)
        cls = GradientBoostingClassifier if clf else GradientBoostingRegressor
        m = fit_in_budget(ds, lambda q: cls(**q), y, p, shrinker("n_estimators", "max_depth"))
        return sk_done(ds, m, p, clf, tt, sk_tree_pairs(rng, list(m.estimators_.ravel()), ds, ri(rng, 8, 24)))
    return build


def b_hgb(clf):
    def build(ctx):
        from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
        rng = ctx.rng
        n = n_features(rng)
        n_cat = ri(rng, 0, min(3, n - 1)) if n > 1 and chance(rng, 0.4) else 0
        ds = Dataset(rng, n_num=n - n_cat, n_cat=n_cat, scale_range=ctx.scale_range)
        if clf:
            y, tt = clf_setup(rng, ds)
            loss = "log_loss"
        else:
            losses = ["squared_error", "absolute_error", "poisson", "quantile"] + (["gamma"] if SKV >= (1, 3) else [])
            loss = pick(rng, losses)
            y, tt = reg_target(rng, ds, positive=loss in ("poisson", "gamma")), "regression"
        max_bins = pick(rng, [255, ri(rng, 2, 255)])
        for s in ds.specs:  # categories must fit in the bins
            if s["kind"] == "cat" and s["card"] > max_bins:
                s["card"] = max_bins
        for j in ds.idx("cat"):
            ds.clean[j] = np.minimum(ds.clean[j], ds.specs[j]["card"] - 1)
        ds.with_nan = ds.used = ds.clean
        p = dict(loss=loss, learning_rate=lu(rng, 0.01, 1.0), max_iter=ri(rng, 1, 60),
                 max_leaf_nodes=pick(rng, [31, None, ri(rng, 2, 63)]),
                 max_depth=pick(rng, [None, ri(rng, 1, 12)]),
                 min_samples_leaf=pick(rng, [20, ri(rng, 1, 40)]),
                 l2_regularization=pick(rng, [0.0, lu(rng, 1e-3, 10)]),
                 max_bins=max_bins, early_stopping=False, random_state=ri(rng, 0, 2**31 - 1))
        if p["max_leaf_nodes"] is None and p["max_depth"] is None:
            p["max_depth"] = ri(rng, 1, 12)
        if loss == "quantile":
            p["quantile"] = round(rng.uniform(0.05, 0.95), 3)
        cats = ds.idx("cat")
        if cats:
            p["categorical_features"] = cats
        if chance(rng, 0.1):
            p.update(early_stopping=True, validation_fraction=round(rng.uniform(0.15, 0.3), 3),
                     n_iter_no_change=ri(rng, 2, 8))
        if clf and SKV >= (1, 2) and chance(rng, 0.2):
            p["class_weight"] = "balanced"
        if SKV >= (1, 4) and chance(rng, 0.2):
            p["max_features"] = round(rng.uniform(0.3, 1.0), 3)
        if (not clf or tt == "binary") and chance(rng, 0.15):
            p["monotonic_cst"] = [0 if s["kind"] == "cat" else int(rng.integers(-1, 2)) for s in ds.specs]
        maybe_missing(rng, ds, 0.6)  # HGB always accepts NaN
        cls = HistGradientBoostingClassifier if clf else HistGradientBoostingRegressor
        m = fit_in_budget(ds, lambda q: cls(**q), y, p, shrinker("max_iter", "max_depth"))
        return sk_done(ds, m, p, clf, tt, hgb_pairs(rng, m, ds, ri(rng, 8, 24)))
    return build


def b_linear(kind):
    def build(ctx):
        from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge
        rng = ctx.rng
        ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
        y = reg_target(rng, ds, positive=kind in ("PoissonRegressor", "GammaRegressor"))
        if kind == "LinearRegression":
            p = dict(fit_intercept=chance(rng, 0.85), positive=chance(rng, 0.2))
            make = lambda q: LinearRegression(**q)
        elif kind in ("Lasso", "ElasticNet"):
            p = p_sparse_linear(rng, kind)
            make = (lambda q: Lasso(**q)) if kind == "Lasso" else (lambda q: ElasticNet(**q))
        elif kind == "Ridge":
            p = dict(alpha=lu(rng, 1e-4, 1e3), fit_intercept=chance(rng, 0.85),
                     solver=pick(rng, ["auto", "svd", "cholesky", "lsqr", "sparse_cg"]))
            make = lambda q: Ridge(**q)
        else:
            p = p_other_linear(rng, kind)
            make = other_linear(kind)
        maybe_missing(rng, ds, 0.15)
        m = fit_in_budget(ds, make, y, p, shrinker())
        return sk_done(ds, m, p, False, "regression", [])
    return build


def other_linear(kind):
    """The other linear regressors whose predict is X @ coef_ + intercept_ (or its exp, for the log-link GLMs)."""
    from sklearn import linear_model, svm
    cls = getattr(svm if kind == "LinearSVR" else linear_model, kind)
    return lambda q: cls(**q)


def p_other_linear(rng, kind):
    p = dict(fit_intercept=chance(rng, 0.85))
    if kind == "SGDRegressor":
        p.update(loss=pick(rng, ["squared_error", "huber", "epsilon_insensitive"]),
                 penalty=pick(rng, ["l2", "l1", "elasticnet", None]), alpha=lu(rng, 1e-6, 1e-1),
                 max_iter=ri(rng, 5, 1000), tol=pick(rng, [1e-3, None]), random_state=ri(rng, 0, 2**31 - 1))
    elif kind in ("BayesianRidge", "ARDRegression"):
        p.update(alpha_1=lu(rng, 1e-7, 1e-5), lambda_1=lu(rng, 1e-7, 1e-5))
    elif kind == "HuberRegressor":
        p.update(epsilon=round(rng.uniform(1.0, 3.0), 3), alpha=lu(rng, 1e-6, 1e-1), max_iter=ri(rng, 50, 500))
    elif kind == "LinearSVR":
        p.update(C=lu(rng, 1e-3, 1e2), epsilon=pick(rng, [0.0, lu(rng, 1e-3, 1.0)]), max_iter=ri(rng, 100, 2000),
                 random_state=ri(rng, 0, 2**31 - 1))
    elif kind in ("PoissonRegressor", "GammaRegressor"):
        p.update(alpha=lu(rng, 1e-4, 10.0), max_iter=ri(rng, 50, 300))
    elif kind == "RidgeCV":
        p.update(alphas=sorted(float(lu(rng, 1e-4, 1e3)) for _ in range(ri(rng, 1, 5))))
    elif kind in ("LassoCV", "ElasticNetCV"):
        p.update(cv=3, max_iter=ri(rng, 100, 1000), random_state=ri(rng, 0, 2**31 - 1))
        p["alphas" if SKV >= (1, 7) else "n_alphas"] = ri(rng, 3, 20)
    return p


def p_sparse_linear(rng, kind):
    p = dict(alpha=lu(rng, 1e-4, 1e2), fit_intercept=chance(rng, 0.85), max_iter=ri(rng, 100, 2000),
             positive=chance(rng, 0.15), selection=pick(rng, ["cyclic", "random"]), random_state=ri(rng, 0, 2**31 - 1))
    if kind == "ElasticNet":
        p["l1_ratio"] = pick(rng, [0.5, round(rng.uniform(0.0, 1.0), 3)])
    return p


LINEAR_FINALS = ["LinearRegression", "Ridge", "Lasso", "ElasticNet", "LogisticRegression"]


def linear_final(rng, name, binary):
    """A linear final estimator of a pipeline and its drawn parameters."""
    from sklearn import linear_model
    if name == "LogisticRegression":
        p = p_logreg(rng, binary)
    elif name == "Ridge":
        p = dict(alpha=lu(rng, 1e-4, 1e3), fit_intercept=chance(rng, 0.85))
    elif name in ("Lasso", "ElasticNet"):
        p = p_sparse_linear(rng, name)
    else:
        p = dict(fit_intercept=chance(rng, 0.85))
    return getattr(linear_model, name), p


def p_logreg(rng, binary):
    solver = pick(rng, ["lbfgs", "newton-cg", "liblinear", "saga"], [0.5, 0.2, 0.2 if binary else 0.0, 0.1])
    p = dict(solver=solver, C=lu(rng, 1e-3, 1e3), fit_intercept=chance(rng, 0.85),
             max_iter=ri(rng, 30, 300), random_state=ri(rng, 0, 2**31 - 1))
    if solver in ("liblinear", "saga") and chance(rng, 0.3):
        p["penalty"] = "l1"
    if chance(rng, 0.2):
        p["class_weight"] = "balanced"
    if not binary and SKV < (1, 5) and solver != "liblinear":
        p["multi_class"] = pick(rng, ["multinomial", "ovr", "auto"], [0.6, 0.2, 0.2])
    return p


def b_logreg(ctx):
    from sklearn.linear_model import LogisticRegression
    rng = ctx.rng
    ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
    y, tt = clf_setup(rng, ds)
    p = p_logreg(rng, tt == "binary")
    maybe_missing(rng, ds, 0.15)
    m = fit_in_budget(ds, lambda q: LogisticRegression(**q), y, p, shrinker())
    return sk_done(ds, m, p, True, tt, [])


def b_sgd_classifier(ctx):
    """SGDClassifier with the log loss: the only one of its losses that has predict_proba's logistic form."""
    from sklearn.linear_model import SGDClassifier
    rng = ctx.rng
    ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
    y, tt = clf_setup(rng, ds)
    p = dict(loss="log_loss", penalty=pick(rng, ["l2", "l1", "elasticnet", None]), alpha=lu(rng, 1e-6, 1e-1),
             max_iter=ri(rng, 5, 1000), fit_intercept=chance(rng, 0.85), random_state=ri(rng, 0, 2**31 - 1))
    if chance(rng, 0.2):
        p["class_weight"] = "balanced"
    maybe_missing(rng, ds, 0.15)
    m = fit_in_budget(ds, lambda q: SGDClassifier(**q), y, p, shrinker())
    return sk_done(ds, m, p, True, tt, [])


def b_gnb(ctx):
    from sklearn.naive_bayes import GaussianNB
    rng = ctx.rng
    ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
    y, tt = clf_setup(rng, ds)
    p = dict(var_smoothing=pick(rng, [1e-9, lu(rng, 1e-12, 1e-3)]))
    maybe_missing(rng, ds, 0.15)
    m = fit_in_budget(ds, lambda q: GaussianNB(**q), y, p, shrinker())
    ds.predicted_as_drum()
    return sk_done(ds, m, p, True, tt, [])


def b_lda(ctx):
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    rng = ctx.rng
    ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
    y, tt = clf_setup(rng, ds)
    solver = pick(rng, ["svd", "lsqr", "eigen"], [0.5, 0.3, 0.2])
    p = dict(solver=solver)
    if solver != "svd" and chance(rng, 0.6):
        p["shrinkage"] = pick(rng, ["auto", round(rng.uniform(0.0, 1.0), 3)])
    maybe_missing(rng, ds, 0.15)
    m = fit_in_budget(ds, lambda q: LinearDiscriminantAnalysis(**q), y, p, shrinker())
    ds.predicted_as_drum()
    return sk_done(ds, m, p, True, tt, [])


def p_mlp(rng):
    layers = tuple(ri(rng, 1, 16) for _ in range(ri(rng, 1, 2)))
    return dict(hidden_layer_sizes=layers, activation=pick(rng, ["relu", "tanh", "logistic", "identity"]),
                solver=pick(rng, ["adam", "lbfgs", "sgd"], [0.5, 0.35, 0.15]), alpha=lu(rng, 1e-6, 1.0),
                learning_rate_init=lu(rng, 1e-4, 1e-1), max_iter=ri(rng, 20, 150),
                random_state=ri(rng, 0, 2**31 - 1))


def b_mlp(clf):
    def build(ctx):
        from sklearn.neural_network import MLPClassifier, MLPRegressor
        rng = ctx.rng
        ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
        if clf:
            y, tt = clf_setup(rng, ds)
        else:
            y, tt = reg_target(rng, ds), "regression"
        p = p_mlp(rng)
        maybe_missing(rng, ds, 0.15)
        cls = MLPClassifier if clf else MLPRegressor
        m = fit_in_budget(ds, lambda q: cls(**q), y, p, shrinker())
        return sk_done(ds, m, p, clf, tt, [])
    return build


def p_svr(rng):
    kernel = pick(rng, ["rbf", "linear", "poly", "sigmoid"], [0.45, 0.25, 0.15, 0.15])
    p = dict(kernel=kernel, C=lu(rng, 1e-2, 1e3), epsilon=pick(rng, [0.1, lu(rng, 1e-4, 1.0)]),
             gamma=pick(rng, ["scale", "auto", lu(rng, 1e-4, 10)]), max_iter=ri(rng, 1000, 20000),
             shrinking=chance(rng, 0.8))
    if kernel == "poly":
        p["degree"] = ri(rng, 1, 4)
    if kernel in ("poly", "sigmoid"):
        p["coef0"] = pick(rng, [0.0, round(rng.uniform(-1, 1), 3)])
    return p


def b_svr(ctx):
    from sklearn.svm import SVR
    rng = ctx.rng
    ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
    y = reg_target(rng, ds)
    p = p_svr(rng)
    maybe_missing(rng, ds, 0.15)
    m = fit_in_budget(ds, lambda q: SVR(**q), y, p, shrinker())
    return sk_done(ds, m, p, False, "regression", [])


def step_names(pipe):
    def name(o):
        if hasattr(o, "steps"):
            return [name(s) for _, s in o.steps]
        if hasattr(o, "transformers"):
            return {t[0]: name(t[1]) if not isinstance(t[1], str) else t[1] for t in o.transformers}
        return type(o).__name__
    return name(pipe)


def b_pipe_scaler_logreg(ctx):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    rng = ctx.rng
    ds = Dataset(rng, n_num=n_features(rng))
    y, tt = clf_setup(rng, ds)
    p = dict(scaler=dict(with_mean=chance(rng, 0.85), with_std=chance(rng, 0.85)), logreg=p_logreg(rng, tt == "binary"))
    maybe_missing(rng, ds, 0.15)
    make = lambda q: Pipeline([("scaler", StandardScaler(**q["scaler"])), ("logreg", LogisticRegression(**q["logreg"]))])
    m = fit_in_budget(ds, make, y, p, shrinker())
    p["steps"] = step_names(m)
    return sk_done(ds, m, p, True, tt, [])


def b_pipe_pca(ctx):
    from sklearn.decomposition import PCA
    from sklearn.linear_model import LinearRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    rng = ctx.rng
    n = n_features(rng)
    ds = Dataset(rng, n_num=n)
    y = reg_target(rng, ds)
    nc = pick(rng, [None, ri(rng, 1, n), round(rng.uniform(0.5, 0.99), 3)])
    solver = pick(rng, ["auto", "full", "randomized"] + (["arpack"] if isinstance(nc, int) and nc < n else []))
    p = dict(scaler=dict(with_mean=chance(rng, 0.9), with_std=chance(rng, 0.85)),
             pca=dict(n_components=nc, whiten=chance(rng, 0.3), svd_solver=solver, random_state=ri(rng, 0, 2**31 - 1)),
             linreg=dict(fit_intercept=chance(rng, 0.9)))
    if isinstance(nc, float):
        p["pca"]["svd_solver"] = "full"
    make = lambda q: Pipeline([("scaler", StandardScaler(**q["scaler"])), ("pca", PCA(**q["pca"])),
                               ("linreg", LinearRegression(**q["linreg"]))])
    maybe_missing(rng, ds, 0.15)
    m = fit_in_budget(ds, make, y, p, shrinker())
    p["steps"] = step_names(m)
    return sk_done(ds, m, p, False, "regression", [])


def b_pipe_minmax(ctx):
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import MinMaxScaler
    rng = ctx.rng
    ds = Dataset(rng, n_num=n_features(rng))
    final = pick(rng, LINEAR_FINALS)
    clf = final == "LogisticRegression"
    if clf:
        y, tt = clf_setup(rng, ds)
    else:
        y, tt = reg_target(rng, ds), "regression"
    final_cls, fp = linear_final(rng, final, tt == "binary")
    lo = pick(rng, [0.0, -1.0, round(rng.uniform(-5, 0), 3)])
    p = dict(final=final, final_params=fp, imputer=None,
             minmax=dict(feature_range=(lo, lo + pick(rng, [1.0, round(rng.uniform(0.1, 10), 3)])),
                         clip=chance(rng, 0.4)))
    if chance(rng, 0.5):
        p["imputer"] = dict(strategy=pick(rng, ["mean", "median", "most_frequent", "constant"]),
                            add_indicator=chance(rng, 0.3))
        if p["imputer"]["strategy"] == "constant":
            p["imputer"]["fill_value"] = pick(rng, [0.0, -1.0, 1e6])

    def make(q):
        steps = [("imputer", SimpleImputer(**q["imputer"]))] if q["imputer"] else []
        return Pipeline(steps + [("minmax", MinMaxScaler(**q["minmax"])), ("model", final_cls(**q["final_params"]))])
    if p["imputer"]:
        maybe_missing(rng, ds, 0.6)
    m = fit_in_budget(ds, make, y, p, shrinker())
    p["steps"] = step_names(m)
    return sk_done(ds, m, p, clf, tt, [])


def b_pipe_onehot(ctx):
    """ColumnTransformer pipelines ending in a linear model, drawing the OneHotEncoder's unknown and infrequent
    handling and drop (handle_unknown error / ignore / infrequent_if_exist, min_frequency / max_categories)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    rng = ctx.rng
    n_str = ri(rng, 1, 3)
    ds = Dataset(rng, n_num=ri(rng, 1, 10 - n_str), n_str=n_str)
    final = pick(rng, LINEAR_FINALS)
    clf = final == "LogisticRegression"
    if clf:
        y, tt = clf_setup(rng, ds)
    else:
        y, tt = reg_target(rng, ds), "regression"
    final_cls, fp = linear_final(rng, final, tt == "binary")
    nums, strs = ds.idx("num", "int", "few", "const", "rounded"), ds.idx("str")
    rest = None
    if len(nums) > 1 and chance(rng, 0.3):
        left = nums.pop(int(rng.integers(len(nums))))
        rest = pick(rng, ["drop", "passthrough"])
        rest_col = left
    sel = (lambda js: [ds.names[j] for j in js]) if ds.fitted_on == "dataframe" else (lambda js: list(js))
    dense = chance(rng, 0.5)
    ohe = dict(handle_unknown=pick(rng, ["error", "ignore", "infrequent_if_exist"]), sparse_output=not dense)
    if chance(rng, 0.4):
        ohe["drop"] = pick(rng, ["first", "if_binary"])
    infrequent = pick(rng, [None, "min_frequency", "max_categories"], [0.4, 0.4, 0.2])
    if infrequent == "min_frequency":
        ohe["min_frequency"] = pick(rng, [ri(rng, 2, 60), round(rng.uniform(0.05, 0.3), 3)])
    elif infrequent == "max_categories":
        ohe["max_categories"] = ri(rng, 2, 4)
    imp = dict(strategy=pick(rng, ["mean", "median", "most_frequent", "constant"]), add_indicator=chance(rng, 0.25))
    if imp["strategy"] == "constant":
        imp["fill_value"] = pick(rng, [0.0, -1.0, 1e6])
    p = dict(final=final, final_params=fp, imputer=imp, scaler=dict(with_mean=chance(rng, 0.85)),
             onehot=ohe, remainder=rest or "drop", sparse_threshold=0.0 if dense else 0.3,
             numeric_columns=sel(nums), string_columns=sel(strs))
    if rest:
        p["remainder_column"] = ds.names[rest_col]

    # The usual categorical branch: a SimpleImputer on the strings (missing in training) before the encoder.
    if chance(rng, 0.4):
        p["text_imputer"] = pick(rng, [dict(strategy="constant", fill_value="MISSING"), dict(strategy="most_frequent")])

    def make(q):
        encoder = OneHotEncoder(**q["onehot"])
        if q.get("text_imputer"):
            encoder = Pipeline([("imputer", SimpleImputer(**q["text_imputer"])), ("onehot", encoder)])
        ct = ColumnTransformer([
            ("num", Pipeline([("imputer", SimpleImputer(**q["imputer"])), ("scaler", StandardScaler(**q["scaler"]))]), sel(nums)),
            ("str", encoder, sel(strs))],
            remainder=q["remainder"], sparse_threshold=q["sparse_threshold"])
        return Pipeline([("columns", ct), ("model", final_cls(**q["final_params"]))])
    maybe_missing(rng, ds, 0.6)
    if p.get("text_imputer"):
        cols = list(ds.with_nan)
        for j in strs:
            c = cols[j].copy()
            c[rng.random(ds.n_train) < rng.uniform(0.05, 0.3)] = np.nan
            cols[j] = c
        ds.with_nan = cols
        ds.missing_rate = ds.missing_rate or 0.1
    m = fit_in_budget(ds, make, y, p, shrinker())
    p["steps"] = step_names(m)
    return sk_done(ds, m, p, clf, tt, [])


CT_FINALS = ["DecisionTreeClassifier", "DecisionTreeRegressor", "RandomForestClassifier", "RandomForestRegressor",
             "ExtraTreesRegressor", "GradientBoostingClassifier", "GradientBoostingRegressor",
             "HistGradientBoostingClassifier", "HistGradientBoostingRegressor", "LogisticRegression",
             "LinearRegression", "Ridge", "MLPClassifier", "MLPRegressor", "SVR", "GaussianNB",
             "LinearDiscriminantAnalysis"]
DENSE_ONLY = {"HistGradientBoostingClassifier", "HistGradientBoostingRegressor", "GaussianNB", "LinearDiscriminantAnalysis"}


def b_pipe_ct(ctx):
    from sklearn import discriminant_analysis, ensemble, linear_model, naive_bayes, neural_network, svm, tree
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    rng = ctx.rng
    n_str = ri(rng, 1, 3)
    ds = Dataset(rng, n_num=ri(rng, 1, 10 - n_str), n_str=n_str)
    final = pick(rng, CT_FINALS)
    clf = final.endswith("Classifier") or final in ("LogisticRegression", "GaussianNB", "LinearDiscriminantAnalysis")
    if clf:
        y, tt = clf_setup(rng, ds)
    else:
        y, tt = reg_target(rng, ds), "regression"
    if final in ("DecisionTreeClassifier", "DecisionTreeRegressor"):
        fp = p_tree(rng, clf, ds, positive_ok=False)
        fp["max_features"] = None
    elif final.startswith(("RandomForest", "ExtraTrees")):
        fp = dict(n_estimators=ri(rng, 1, 20), max_depth=ri(rng, 1, 8), min_samples_leaf=ri(rng, 1, 10),
                  random_state=ri(rng, 0, 2**31 - 1), n_jobs=1)
    elif final.startswith("GradientBoosting"):
        fp = dict(n_estimators=ri(rng, 1, 30), max_depth=ri(rng, 1, 5), learning_rate=lu(rng, 0.01, 1.0),
                  random_state=ri(rng, 0, 2**31 - 1))
    elif final.startswith("HistGradientBoosting"):
        fp = dict(max_iter=ri(rng, 1, 40), max_leaf_nodes=ri(rng, 2, 31), learning_rate=lu(rng, 0.01, 1.0),
                  max_bins=pick(rng, [255, ri(rng, 2, 255)]), early_stopping=False, random_state=ri(rng, 0, 2**31 - 1))
    elif final == "LogisticRegression":
        fp = p_logreg(rng, tt == "binary")
    elif final == "Ridge":
        fp = dict(alpha=lu(rng, 1e-4, 1e3))
    elif final.startswith("MLP"):
        fp = p_mlp(rng)
    elif final == "SVR":
        fp = p_svr(rng)
    else:
        fp = {}
    mod = {"DecisionTree": tree, "RandomForest": ensemble, "ExtraTrees": ensemble, "GradientBoosting": ensemble,
           "HistGradientBoosting": ensemble, "LogisticRegression": linear_model, "LinearRegression": linear_model,
           "Ridge": linear_model, "MLP": neural_network, "SVR": svm, "GaussianNB": naive_bayes,
           "LinearDiscriminantAnalysis": discriminant_analysis}
    final_cls = getattr(next(v for k, v in mod.items() if final.startswith(k)), final)
    nums, strs = ds.idx("num", "int", "few", "const", "rounded"), ds.idx("str")
    rest = None
    if len(nums) > 1 and chance(rng, 0.3):
        left = nums.pop(int(rng.integers(len(nums))))
        rest = pick(rng, ["drop", "passthrough"])
        rest_col = left
    sel = (lambda js: [ds.names[j] for j in js]) if ds.fitted_on == "dataframe" else (lambda js: list(js))
    dense = final in DENSE_ONLY or chance(rng, 0.5)
    ohe = dict(handle_unknown="ignore", sparse_output=not dense)
    if chance(rng, 0.2):
        ohe["drop"] = pick(rng, ["first", "if_binary"])
    if chance(rng, 0.2):
        ohe["min_frequency"] = ri(rng, 2, 20)
    imp = dict(strategy=pick(rng, ["mean", "median", "most_frequent", "constant"]), add_indicator=chance(rng, 0.25))
    if imp["strategy"] == "constant":
        imp["fill_value"] = pick(rng, [0.0, -1.0, 1e6])
    p = dict(final=final, final_params=fp, imputer=imp, scaler=dict(with_mean=chance(rng, 0.85)),
             onehot=ohe, remainder=rest or "drop", sparse_threshold=0.0 if dense else 0.3,
             numeric_columns=sel(nums), string_columns=sel(strs))
    if rest:
        p["remainder_column"] = ds.names[rest_col]

    def make(q):
        ct = ColumnTransformer([
            ("num", Pipeline([("imputer", SimpleImputer(**q["imputer"])), ("scaler", StandardScaler(**q["scaler"]))]), sel(nums)),
            ("str", OneHotEncoder(**q["onehot"]), sel(strs))],
            remainder=q["remainder"], sparse_threshold=q["sparse_threshold"])
        return Pipeline([("columns", ct), ("model", final_cls(**q["final_params"]))])
    maybe_missing(rng, ds, 0.6)
    m = fit_in_budget(ds, make, y, p, shrinker())
    p["steps"] = step_names(m)
    return sk_done(ds, m, p, clf, tt, [])


# ----------------------------------------------------------------------------------------------
# XGBoost

def p_xgb(rng, ds):
    tm = pick(rng, ["hist", "approx", "exact"], [0.45, 0.25, 0.3])
    p = dict(max_depth=ri(rng, 1, 12), learning_rate=lu(rng, 0.01, 1.0),
             min_child_weight=pick(rng, [1.0, lu(rng, 0.01, 10)]), gamma=pick(rng, [0.0, lu(rng, 1e-4, 1.0)], [0.75, 0.25]),
             subsample=pick(rng, [1.0, round(rng.uniform(0.3, 1.0), 3)]),
             colsample_bytree=pick(rng, [1.0, round(rng.uniform(0.3, 1.0), 3)], [0.7, 0.3]),
             colsample_bynode=pick(rng, [1.0, round(rng.uniform(0.3, 1.0), 3)], [0.8, 0.2]),
             reg_lambda=pick(rng, [1.0, lu(rng, 1e-3, 100)]), reg_alpha=pick(rng, [0.0, lu(rng, 1e-3, 10)], [0.7, 0.3]),
             tree_method=tm, random_state=ri(rng, 0, 2**31 - 1))
    if tm != "exact":
        p["max_bin"] = pick(rng, [256, ri(rng, 2, 256)])
        if chance(rng, 0.3):
            p["grow_policy"] = "lossguide"
            p["max_leaves"] = ri(rng, 2, 63)
            if chance(rng, 0.3):
                p["max_depth"] = 0
    if chance(rng, 0.1):
        p["max_delta_step"] = round(rng.uniform(0.1, 5), 3)
    if chance(rng, 0.12):
        p.update(booster="dart", rate_drop=round(rng.uniform(0, 0.5), 3), skip_drop=round(rng.uniform(0, 0.5), 3),
                 sample_type=pick(rng, ["uniform", "weighted"]), normalize_type=pick(rng, ["tree", "forest"]))
    return p


def xgb_target(rng, ds, want):
    """want: regressor | classifier | booster. Returns y, objective, target type, class labels, n classes."""
    if want == "regressor" or (want == "booster" and chance(rng, 0.4)):
        obj = pick(rng, ["reg:squarederror", "reg:logistic", "reg:pseudohubererror", "reg:absoluteerror",
                         "count:poisson", "reg:gamma", "reg:tweedie"], [0.35, 0.25, 0.08, 0.08, 0.08, 0.08, 0.08])
        y = reg_target(rng, ds, positive=obj in ("count:poisson", "reg:gamma", "reg:tweedie"), unit=obj == "reg:logistic")
        return y, obj, "regression", None, 1
    k = pick(rng, [2, 2, 3, 4, 5])
    y = clf_target(rng, ds, k, list(range(k)))
    if k == 2:
        obj = "binary:logistic" if want == "classifier" else pick(rng, ["binary:logistic", "binary:logitraw"], [0.85, 0.15])
    else:
        obj = "multi:softprob" if want == "classifier" else pick(rng, ["multi:softprob", "multi:softmax"], [0.85, 0.15])
    return y, obj, ("binary" if k == 2 else "multiclass"), [str(i) for i in range(k)], k


def b_xgb_sklearn(clf):
    def build(ctx):
        rng = ctx.rng
        ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
        y, obj, tt, labels, k = xgb_target(rng, ds, "classifier" if clf else "regressor")
        p = p_xgb(rng, ds)
        p.update(objective=obj, n_estimators=ri(rng, 1, 60), n_jobs=1)
        if tt == "binary" and chance(rng, 0.15):
            p["scale_pos_weight"] = round(rng.uniform(0.2, 5), 3)
        if chance(rng, 0.15):
            p["base_score"] = float(rng.uniform(0.1, 0.9)) if obj in ("binary:logistic", "reg:logistic") else float(np.median(y)) if not clf else 0.5
        maybe_missing(rng, ds, 0.8)
        cls = xgb.XGBClassifier if clf else xgb.XGBRegressor
        m = fit_in_budget(ds, lambda q: cls(**q), y, p, shrinker("n_estimators", "max_depth"))
        return sk_done(ds, m, p, clf, tt, xgb_pairs(rng, m.get_booster(), ri(rng, 8, 24)))
    return build


def b_xgb_booster(artifact):
    def build(ctx):
        rng = ctx.rng
        ds = Dataset(rng, n_num=n_features(rng), scale_range=ctx.scale_range)
        y, obj, tt, labels, k = xgb_target(rng, ds, "booster")
        p = p_xgb(rng, ds)
        p.update(objective=obj, nthread=1, seed=p.pop("random_state"), eta=p.pop("learning_rate"),
                 **{"lambda": p.pop("reg_lambda"), "alpha": p.pop("reg_alpha")})
        if k > 2:
            p["num_class"] = k
        rounds = {"num_boost_round": ri(rng, 1, 60)}
        maybe_missing(rng, ds, 0.8)
        fmt = {"xgb-json": "json", "xgb-ubj": "ubj", "xgb-binary": "deprecated"}.get(artifact, "json")

        class Trainer:  # fit_in_budget's protocol
            def __init__(self, q):
                self.q = q

            def fit(self, X, yy):
                self.booster = xgb.train(self.q, xgb.DMatrix(X, label=yy, nthread=1), rounds["num_boost_round"])
                return self
        holder = {}

        def make(q):
            q = dict(q)
            q.pop("num_boost_round", None)
            return Trainer(q)

        def size(tr):
            holder["b"] = tr.booster
            return len(tr.booster.save_raw(raw_format="json")) if artifact != "pickle" else pickled_size(tr.booster)

        def shrink(q, s):
            if rounds["num_boost_round"] > 1:
                rounds["num_boost_round"] = max(1, int(rounds["num_boost_round"] * MODEL_BUDGET / s * 0.8))
                return True
            return shrinker(depth_key="max_depth")(q, s)
        fit_in_budget(ds, make, y, p, shrink, size=size)
        p["num_boost_round"] = rounds["num_boost_round"]
        booster = holder["b"]

        def predictor(bst):
            def predict(X):
                out = np.asarray(bst.predict(xgb.DMatrix(X, nthread=1)))
                if out.ndim == 1:
                    return ["Predictions"], out.reshape(-1, 1)
                return [str(i) for i in range(out.shape[1])], out
            return predict
        p["raw_format"] = fmt if artifact != "pickle" else None
        return Built(ds=ds, model=booster, params=p, target_type=tt, class_labels=labels, predictor=predictor,
                     estimator=full_class(booster), output="booster.predict", artifact=artifact,
                     pairs=xgb_pairs(rng, booster, ri(rng, 8, 24)), booster=booster)
    return build


# ----------------------------------------------------------------------------------------------
# LightGBM

def p_lgb(rng):
    p = dict(n_estimators=ri(rng, 1, 60), num_leaves=pick(rng, [31, ri(rng, 2, 63)]),
             max_depth=pick(rng, [-1, ri(rng, 1, 12)]), learning_rate=lu(rng, 0.01, 1.0),
             min_child_samples=pick(rng, [20, ri(rng, 1, 40)]), reg_lambda=pick(rng, [0.0, lu(rng, 1e-3, 100)]),
             reg_alpha=pick(rng, [0.0, lu(rng, 1e-3, 10)], [0.7, 0.3]), max_bin=pick(rng, [255, ri(rng, 2, 255)]),
             colsample_bytree=pick(rng, [1.0, round(rng.uniform(0.3, 1.0), 3)], [0.7, 0.3]),
             min_split_gain=pick(rng, [0.0, lu(rng, 1e-4, 1.0)], [0.8, 0.2]),
             random_state=ri(rng, 0, 2**31 - 1), n_jobs=1, verbose=-1, deterministic=True, force_row_wise=True)
    bt = pick(rng, ["gbdt", "dart", "rf"], [0.8, 0.1, 0.1])
    p["boosting_type"] = bt
    if bt == "rf" or chance(rng, 0.2):
        p.update(subsample=round(rng.uniform(0.3, 0.9), 3), subsample_freq=ri(rng, 1, 5))
    if chance(rng, 0.1):
        p["zero_as_missing"] = True
    if chance(rng, 0.1):
        p["extra_trees"] = True
    return p


def lgb_data(ctx):
    rng = ctx.rng
    n = n_features(rng)
    n_cat = ri(rng, 1, min(3, n - 1)) if n > 1 and chance(rng, 0.3) else 0
    ds = Dataset(rng, n_num=n - n_cat, n_cat=n_cat, scale_range=ctx.scale_range)
    return rng, ds


def lgb_target(rng, ds, clf):
    if clf:
        y, tt = clf_setup(rng, ds)
        return y, tt, ("binary" if tt == "binary" else pick(rng, ["multiclass", "multiclassova"], [0.8, 0.2]))
    obj = pick(rng, ["regression", "regression_l1", "huber", "fair", "poisson", "quantile", "gamma", "tweedie",
                     "mape", "cross_entropy"],
               [0.34, 0.09, 0.09, 0.05, 0.09, 0.09, 0.065, 0.065, 0.07, 0.07])
    if obj == "cross_entropy":  # labels in [0, 1]
        return reg_target(rng, ds, unit=True), "regression", obj
    return reg_target(rng, ds, positive=obj in ("poisson", "gamma", "tweedie")), "regression", obj


def lgb_options(rng, p, obj):
    """Draws what changes the model text beyond the trees' splits: reg_sqrt (objective 'regression sqrt' and the
    like: the objectives whose ConvertOutput squares back), linear trees (leaf_const, leaf_coeff; LightGBM refuses
    them with regression_l1 and zero_as_missing)."""
    if obj in ("regression", "regression_l1", "fair", "quantile", "mape") and chance(rng, 0.15):
        p["reg_sqrt"] = True
    if obj != "regression_l1" and not p.get("zero_as_missing") and chance(rng, 0.15):
        p["linear_tree"] = True
        if chance(rng, 0.5):
            p["linear_lambda"] = lu(rng, 1e-4, 10)


def b_lgb_sklearn(clf):
    def build(ctx):
        rng, ds = lgb_data(ctx)
        y, tt, obj = lgb_target(rng, ds, clf)
        p = p_lgb(rng)
        p["objective"] = obj
        if obj == "quantile":
            p["alpha"] = round(rng.uniform(0.05, 0.95), 3)
        lgb_options(rng, p, obj)
        maybe_missing(rng, ds, 0.8)
        fit_kw = {"categorical_feature": ds.idx("cat")} if ds.idx("cat") else {}
        cls = lgb.LGBMClassifier if clf else lgb.LGBMRegressor
        m = fit_in_budget(ds, lambda q: cls(**q), y, p, shrinker("n_estimators", "max_depth", depth_none=6), fit_kw=fit_kw)
        if fit_kw:
            p["categorical_feature"] = fit_kw["categorical_feature"]
        return sk_done(ds, m, p, clf, tt, lgb_pairs(rng, m.booster_, ri(rng, 8, 24)))
    return build


def b_lgb_booster(ctx):
    rng, ds = lgb_data(ctx)
    clf = chance(rng, 0.6)
    y, tt, obj = lgb_target(rng, ds, clf)
    labels = None
    if clf:  # lgb.train wants 0..k-1
        classes = sorted(set(y.tolist()), key=lambda v: (str(type(v)), v))
        labels = [str(c) for c in classes]
        y = np.array([classes.index(v) for v in y.tolist()])
    p = p_lgb(rng)
    rounds = {"n": p.pop("n_estimators")}
    groups = None
    if not clf and chance(rng, 0.15):  # a ranking booster: relevance levels, consecutive queries
        obj = pick(rng, ["lambdarank", "rank_xendcg"])
        y, groups = lgb_ranking_target(rng, ds)
    p["objective"] = obj
    if obj.startswith("multiclass"):
        p["num_class"] = len(labels)
    if obj == "quantile":
        p["alpha"] = round(rng.uniform(0.05, 0.95), 3)
    lgb_options(rng, p, obj)
    p["seed"] = p.pop("random_state")
    p["num_threads"] = p.pop("n_jobs")
    maybe_missing(rng, ds, 0.8)
    cats = ds.idx("cat")
    # early stopping on the last quarter of the rows; keep_training_booster=True keeps the rounds after the best one
    # in the booster (its predict stops at best_iteration), False saves the model cut at best_iteration
    stop = None
    if not groups and rounds["n"] > 2 and chance(rng, 0.2):
        stop = dict(rounds=ri(rng, 1, 5), keep=chance(rng, 0.7))

    class Trainer:
        def __init__(self, q):
            self.q = q

        def fit(self, X, yy):
            if stop:
                cut = len(yy) * 3 // 4
                part = (lambda a, sl: a.iloc[sl]) if isinstance(X, pd.DataFrame) else (lambda a, sl: a[sl])
                d = lgb.Dataset(part(X, slice(0, cut)), label=yy[:cut], categorical_feature=cats or "auto",
                                free_raw_data=False)
                v = lgb.Dataset(part(X, slice(cut, None)), label=yy[cut:], reference=d,
                                categorical_feature=cats or "auto", free_raw_data=False)
                self.booster = lgb.train(self.q, d, num_boost_round=rounds["n"], valid_sets=[v],
                                         callbacks=[lgb.early_stopping(stop["rounds"], verbose=False)],
                                         keep_training_booster=stop["keep"])
                return self
            d = lgb.Dataset(X, label=yy, group=groups, categorical_feature=cats or "auto", free_raw_data=False)
            self.booster = lgb.train(self.q, d, num_boost_round=rounds["n"])
            return self
    holder = {}

    def size(tr):
        holder["b"] = tr.booster
        return pickled_size(tr.booster)

    def shrink(q, s):
        if rounds["n"] > 1:
            rounds["n"] = max(1, int(rounds["n"] * MODEL_BUDGET / s * 0.8))
            return True
        return shrinker(depth_key="max_depth", depth_none=6)(q, s)
    fit_in_budget(ds, lambda q: Trainer(q), y, p, shrink, size=size)
    p["num_boost_round"] = rounds["n"]
    if groups:
        p["queries"] = len(groups)
    if stop:
        p["early_stopping_rounds"] = stop["rounds"]
        p["keep_training_booster"] = stop["keep"]
        p["best_iteration"] = holder["b"].best_iteration
    if cats:
        p["categorical_feature"] = cats
    booster = holder["b"]

    def predictor(bst):
        def predict(X):
            out = np.asarray(bst.predict(X))
            if out.ndim == 1:
                return ["Predictions"], out.reshape(-1, 1)
            return (labels or [str(i) for i in range(out.shape[1])]), out
        return predict
    return Built(ds=ds, model=booster, params=p, target_type=tt, class_labels=labels, predictor=predictor,
                 estimator=full_class(booster), output="booster.predict", pairs=lgb_pairs(rng, booster, ri(rng, 8, 24)),
                 booster=booster)


def lgb_ranking_target(rng, ds):
    """Integer relevance labels 0..k-1 cut from the latent score, and the training rows cut into consecutive queries
    (group sizes summing to the rows)."""
    z = latent(rng, ds, ds.clean)
    k = ri(rng, 2, 6)
    y = np.clip(np.floor((z - z.min()) / (np.ptp(z) or 1.0) * k), 0, k - 1).astype(int)
    sizes = []
    while sum(sizes) < ds.n_train:
        sizes.append(min(ri(rng, 1, 40), ds.n_train - sum(sizes)))
    return y, sizes


def b_lgb_ranker(ctx):
    """LGBMRanker: integer relevance labels 0..k-1 from the latent score, rows cut into consecutive queries
    (group sizes summing to the training rows); predict answers the raw scores (ranking ConvertOutput is the
    identity)."""
    rng, ds = lgb_data(ctx)
    y, sizes = lgb_ranking_target(rng, ds)
    p = p_lgb(rng)
    obj = pick(rng, ["lambdarank", "rank_xendcg"], [0.7, 0.3])
    p["objective"] = obj
    if obj == "lambdarank" and chance(rng, 0.3):
        p["lambdarank_truncation_level"] = ri(rng, 1, 30)
    lgb_options(rng, p, obj)
    maybe_missing(rng, ds, 0.8)
    fit_kw = {"group": sizes}
    if ds.idx("cat"):
        fit_kw["categorical_feature"] = ds.idx("cat")
    m = fit_in_budget(ds, lambda q: lgb.LGBMRanker(**q), y, p, shrinker("n_estimators", "max_depth", depth_none=6),
                      fit_kw=fit_kw)
    p["queries"] = len(sizes)
    if "categorical_feature" in fit_kw:
        p["categorical_feature"] = fit_kw["categorical_feature"]
    return sk_done(ds, m, p, False, "regression", lgb_pairs(rng, m.booster_, ri(rng, 8, 24)))


# ----------------------------------------------------------------------------------------------
# registry

FAMILIES = {}  # name -> (library, builder, scale-sensitive)


def fam(name, library, builder, sensitive=False):
    FAMILIES[name] = (library, builder, sensitive)


for _c in (True, False):
    _s = "Classifier" if _c else "Regressor"
    fam(f"DecisionTree{_s}", "sklearn", b_decision_tree(_c))
for _c in (True, False):
    _s = "Classifier" if _c else "Regressor"
    fam(f"RandomForest{_s}", "sklearn", b_forest(_c, False))
for _c in (True, False):
    _s = "Classifier" if _c else "Regressor"
    fam(f"ExtraTrees{_s}", "sklearn", b_forest(_c, True))
for _c in (True, False):
    _s = "Classifier" if _c else "Regressor"
    fam(f"GradientBoosting{_s}", "sklearn", b_gbm(_c))
for _c in (True, False):
    _s = "Classifier" if _c else "Regressor"
    fam(f"HistGradientBoosting{_s}", "sklearn", b_hgb(_c))
fam("LinearRegression", "sklearn", b_linear("LinearRegression"), True)
fam("Ridge", "sklearn", b_linear("Ridge"), True)
fam("LogisticRegression", "sklearn", b_logreg, True)
fam("GaussianNB", "sklearn", b_gnb, True)
fam("LinearDiscriminantAnalysis", "sklearn", b_lda, True)
fam("MLPClassifier", "sklearn", b_mlp(True), True)
fam("MLPRegressor", "sklearn", b_mlp(False), True)
fam("SVR", "sklearn", b_svr, True)
fam("Pipeline_StandardScaler_LogisticRegression", "sklearn", b_pipe_scaler_logreg)
fam("Pipeline_ColumnTransformer", "sklearn", b_pipe_ct)
fam("Pipeline_StandardScaler_PCA_LinearRegression", "sklearn", b_pipe_pca)
fam("Lasso", "sklearn", b_linear("Lasso"), True)
fam("ElasticNet", "sklearn", b_linear("ElasticNet"), True)
fam("Pipeline_MinMaxScaler_Linear", "sklearn", b_pipe_minmax)
fam("Pipeline_ColumnTransformer_OneHotEncoder", "sklearn", b_pipe_onehot)
for _k in ("SGDRegressor", "BayesianRidge", "ARDRegression", "HuberRegressor", "LinearSVR", "PoissonRegressor",
           "GammaRegressor", "RidgeCV", "LassoCV", "ElasticNetCV"):
    fam(_k, "sklearn", b_linear(_k), True)
fam("SGDClassifier", "sklearn", b_sgd_classifier, True)
fam("XGBRegressor", "xgboost", b_xgb_sklearn(False))
fam("XGBClassifier", "xgboost", b_xgb_sklearn(True))
fam("xgboost-Booster-pickle", "xgboost", b_xgb_booster("pickle"))
fam("xgboost-native-json", "xgboost", b_xgb_booster("xgb-json"))
fam("xgboost-native-ubj", "xgboost", b_xgb_booster("xgb-ubj"))
fam("xgboost-native-binary", "xgboost", b_xgb_booster("xgb-binary"))
fam("LGBMRegressor", "lightgbm", b_lgb_sklearn(False))
fam("LGBMClassifier", "lightgbm", b_lgb_sklearn(True))
fam("lightgbm-Booster-pickle", "lightgbm", b_lgb_booster)
fam("LGBMRanker", "lightgbm", b_lgb_ranker)

LIBS = {"sklearn": sklearn, "xgboost": xgb, "lightgbm": lgb}


class Ctx:
    def __init__(self, rng, attempt, family, sensitive):
        self.rng, self.attempt, self.family = rng, attempt, family
        # scale-sensitive families that fail on 1e-9..1e9 features retry on tamer scales
        self.scale_range = (1e-9, 1e9) if attempt == 0 or not sensitive else ((1e-3, 1e3) if attempt < 3 else (1.0, 1.0))


# ----------------------------------------------------------------------------------------------
# CSV writing and verification

def cell(v, expected=False):
    if isinstance(v, str):
        return v
    f = float(v)
    if math.isnan(f):
        return "NaN" if expected else ""
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    return repr(f)


def write_rows(path, names, cols):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(names)
        for i in range(n_rows(cols)):
            w.writerow([cell(c[i]) for c in cols])


def read_rows(path, names, kinds):
    dtype = {n: (str if k == "str" else "float64") for n, k in zip(names, kinds)}
    na = {n: ([] if k == "str" else [""]) for n, k in zip(names, kinds)}
    # pandas' default float parser, not round_trip: DRUM reads a request this way, and it is not correctly rounded
    # (an ulp or two off on many values), so the library must answer the values this parser makes.
    df = pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=na,
                     encoding="utf-8")
    assert list(df.columns) == list(names), f"{path}: header {list(df.columns)} != {names}"
    return [df[n].to_numpy(dtype=object) if k == "str" else df[n].to_numpy(dtype=np.float64)
            for n, k in zip(names, kinds)]


def same_bits(a, b):
    a = np.asarray(a, dtype=np.float64).ravel()
    b = np.asarray(b, dtype=np.float64).ravel()
    if a.shape != b.shape:
        return False
    na, nb = np.isnan(a), np.isnan(b)
    return bool((na == nb).all() and (a[~na].view(np.int64) == b[~nb].view(np.int64)).all())


def same_cols(a, b, kinds):
    for x, y, k in zip(a, b, kinds):
        if k == "str":
            if [str(v) for v in x] != [str(v) for v in y]:
                return False
        elif not same_bits(x, y):
            return False
    return True


def write_expected(path, header, out):
    out = np.asarray(out)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for row in out:
            w.writerow([cell(float(v), expected=True) for v in row])
    with open(path, newline="", encoding="utf-8") as fh:
        r = list(csv.reader(fh))
    assert r[0] == list(header)
    back = np.array([[float(v) for v in row] for row in r[1:]], dtype=np.float64).reshape(out.shape)
    assert same_bits(back, out.astype(np.float64)), f"{path} does not round-trip"


# ----------------------------------------------------------------------------------------------
# one model folder

def mutate_rows(rng, ds, base, idxs, values, k_max=3):
    cols = [c.copy() for c in base]
    for i in range(n_rows(cols)):
        for j in rng.choice(idxs, min(len(idxs), ri(rng, 1, k_max)), replace=False):
            cols[j][i] = values[int(rng.integers(len(values)))]
    return cols


def threshold_rows(rng, b, nan_ok, budget):
    ds = b.ds
    sets = []
    used = ds.used
    for f, t, base in b.pairs:
        if ds.specs[f]["kind"] in ("cat", "str"):
            continue
        t32 = np.float32(t)
        vals = [t, np.nextafter(t, math.inf), np.nextafter(t, -math.inf)]
        if np.isfinite(t32):
            vals += [float(t32), float(np.nextafter(t32, np.float32(math.inf))), float(np.nextafter(t32, np.float32(-math.inf)))]
        vals = list(dict.fromkeys(float(v) for v in vals if math.isfinite(float(v))))
        r = base if base is not None else int(rng.integers(ds.n_train))
        row = [c[r:r + 1].copy() for c in used]
        fresh = ds.fresh(rng, 1)
        for j, c in enumerate(row):  # NaN cells only where predict takes them
            if c.dtype != object and np.isnan(c[0]) and not nan_ok:
                row[j] = fresh[j]
        rows = [np.repeat(c, len(vals)) for c in row]
        rows[f] = np.array(vals, dtype=np.float64)
        sets.append(rows)
        if sum(n_rows(s) for s in sets) >= budget:
            break
    return concat_rows(*sets) if sets else None


def probe(b, cols):
    try:
        _, out = b.predict(b.ds.X(cols))
        return None, out
    except Exception as e:
        return exc_text(e), None


def serialize(b, rng, folder):
    mdir = folder / "model"
    if b.artifact == "pickle":
        path = mdir / "model.pkl"
        if chance(rng, 0.25):
            joblib.dump(b.model, path)
            return path, "joblib"
        proto = pick(rng, [2, 3, 4, 5], [0.1, 0.15, 0.45, 0.3])
        with open(path, "wb") as fh:
            pickle.dump(b.model, fh, protocol=proto)
        return path, f"pickle-protocol-{proto}"
    ext = {"xgb-json": "json", "xgb-ubj": "ubj", "xgb-binary": "model"}[b.artifact]
    path = mdir / f"model.{ext}"
    b.booster.save_model(str(path))
    return path, f"xgboost.Booster.save_model(.{ext})"


def load_artifact(b, path, ser):
    if b.artifact == "pickle":
        if ser == "joblib":
            return joblib.load(path)
        with open(path, "rb") as fh:
            return pickle.load(fh)
    return xgb.Booster(model_file=str(path))


def write_case(b, rng, folder, meta):
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "model").mkdir(parents=True)
    ds = b.ds
    kinds = ds.kinds
    numeric = ds.idx("num", "int", "few", "const", "rounded")
    # Every answer recorded below comes from the artifact as the library reads it back from disk.
    path, ser = serialize(b, rng, folder)
    in_memory = b.predict
    # A fresh load for every call: XGBoost boosters remember the first DMatrix's feature names, so
    # one loaded object would answer a probe differently from the file read anew.
    b.predict = lambda X: b.predictor(load_artifact(b, path, ser))(X)
    total = ri(rng, 100, 300)
    probes = {}

    def run_probe(name, cols):
        """Rows the library answers go to input.csv; refused ones to refused_<name>.csv with the
        exception in refused_<name>.txt (further distinct exceptions: refused_<name>_2.csv ...)."""
        if cols is None or n_rows(cols) == 0:
            return None
        err, _ = probe(b, cols)
        if err is None:
            probes[name] = {"accepted": n_rows(cols), "refused": 0}
            return cols
        verdicts = [probe(b, take_rows(cols, slice(i, i + 1)))[0] for i in range(n_rows(cols))]
        ok = [i for i, v in enumerate(verdicts) if v is None]
        groups = list(dict.fromkeys(v for v in verdicts if v is not None))
        for g_i, msg in enumerate(groups):
            suffix = "" if g_i == 0 else f"_{g_i + 1}"
            rows = [i for i, v in enumerate(verdicts) if v == msg]
            write_rows(folder / f"refused_{name}{suffix}.csv", ds.names, take_rows(cols, rows))
            (folder / f"refused_{name}{suffix}.txt").write_text(msg + "\n", encoding="utf-8")
        probes[name] = {"accepted": len(ok), "refused": n_rows(cols) - len(ok)}
        return take_rows(cols, ok) if ok else None

    # NaN cells (in the numeric columns)
    nanable = ds.idx("num", "int", "few", "const", "rounded", "cat")
    nan_rows = None
    if nanable:
        k = ri(rng, 6, 14)
        nan_rows = mutate_rows(rng, ds, ds.fresh(rng, k), nanable, [math.nan], k_max=len(nanable))
        allnan = ds.fresh(rng, 1)
        for j in nanable:
            allnan[j][0] = math.nan
        nan_rows = concat_rows(nan_rows, allnan)
    nan_ok = run_probe("nan", nan_rows) is not None
    nan_acc = nan_rows if nan_ok else None

    thr = threshold_rows(rng, b, nan_ok, int(total * 0.6)) if b.pairs else None
    special = huge = inf = unseen = None
    if numeric:
        special = mutate_rows(rng, ds, ds.fresh(rng, ri(rng, 6, 12)), numeric, SPECIAL_VALUES)
        zeros, negz = ds.fresh(rng, 1), ds.fresh(rng, 1)
        for j in numeric:
            zeros[j][0], negz[j][0] = 0.0, -0.0
        special = concat_rows(special, zeros, negz)
        huge = mutate_rows(rng, ds, ds.fresh(rng, 3), numeric, HUGE_VALUES, k_max=1)
        inf = mutate_rows(rng, ds, ds.fresh(rng, 2), numeric, INF_VALUES, k_max=1)
    if ds.idx("cat", "str"):
        k = ri(rng, 3, 6)
        unseen = ds.fresh(rng, k)
        for i in range(k):
            j = ds.idx("cat", "str")[int(rng.integers(len(ds.idx("cat", "str"))))]
            s = ds.specs[j]
            unseen[j][i] = (pick(rng, ["zz_unseen", s["values"][0].upper() + "_X", "Unknown"]) if s["kind"] == "str"
                            else float(pick(rng, [s["card"], s["card"] + 7, -1])))
    special = run_probe("special", special)
    huge = run_probe("huge", huge)
    inf = run_probe("inf", inf)
    unseen = run_probe("unseen_category", unseen)

    extra = sum(n_rows(s) for s in (nan_acc, thr, special, huge, inf, unseen) if s is not None)
    fresh = ds.fresh(rng, max(20, total - extra))
    cols = concat_rows(fresh, thr, nan_acc, special, huge, inf, unseen)

    # The library answers input.csv as DRUM reads it: written, then read back with pandas' defaults.
    write_rows(folder / "input.csv", ds.names, cols)
    cols = read_rows(folder / "input.csv", ds.names, kinds)
    X = ds.X(cols)
    header, out = b.predict(X)
    write_expected(folder / "expected.csv", header, out)
    h3, out3 = in_memory(X)
    same_as_memory = h3 == header and same_bits(out3, out)

    # column-set probes: an extra column (and, for DataFrames, the columns in another order)
    m = min(20, n_rows(cols))
    head = take_rows(cols, slice(0, m))
    col_probes = {"extra_column": (ds.names + [EXTRA_COLUMN if EXTRA_COLUMN not in ds.names else "extra col"],
                                   head + [ds.fresh(rng, m)[numeric[0]] if numeric else np.arange(m, dtype=float)])}
    if ds.fitted_on == "dataframe" and len(ds.names) > 1:
        perm = list(rng.permutation(len(ds.names)))
        if perm == sorted(perm):
            perm = perm[1:] + perm[:1]
        col_probes["reordered_columns"] = ([ds.names[i] for i in perm], [head[i] for i in perm])
    for name, (names, pcols) in col_probes.items():
        write_rows(folder / f"{name}.csv", names, pcols)
        pk = ["str" if c.dtype == object else "num" for c in pcols]
        pcols = read_rows(folder / f"{name}.csv", names, pk)
        try:
            h, o = b.predict(make_X(pcols, names, ds.predicted_on))
            write_expected(folder / f"{name}_expected.csv", h, o)
            probes[name] = {"accepted": m, "refused": 0}
        except Exception as e:
            (folder / f"{name}.txt").write_text(exc_text(e) + "\n", encoding="utf-8")
            probes[name] = {"accepted": 0, "refused": m}

    lib, ver = meta["library"], meta["library_version"]
    case = {
        "library": lib, "library_version": ver, "family": meta["family"], "estimator": b.estimator,
        "target_type": b.target_type, "class_labels": b.class_labels, "output": b.output,
        "fitted_on": ds.fitted_on, "predicted_on": ds.predicted_on, "feature_names": ds.names, "feature_kinds": kinds,
        "params": jsonable(b.params), "artifact": str(path.relative_to(folder)), "serializer": ser,
        "n_train": ds.n_train, "train_missing_rate": ds.notes.get("train_missing_rate", 0.0),
        "fit_notes": jsonable(ds.notes), "attempts": meta["attempts"], "rejected_draws": meta["rejected"],
        "input_rows": n_rows(cols), "threshold_rows": n_rows(thr) if thr is not None else 0,
        "threshold_pairs": len(b.pairs), "probes": probes, "artifact_matches_in_memory_model": same_as_memory,
        "numpy": np.__version__, "pandas": pd.__version__, "scipy": getattr(scipy, "__version__", None),
        "sklearn": sklearn.__version__, "python": platform.python_version(),
        "seed": meta["seed"], "index": meta["index"],
    }
    (folder / "case.json").write_text(json.dumps(case, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    if size >= FOLDER_LIMIT:
        raise TooBig(f"folder is {size} bytes")
    return case


def make_one(family, seed, index, folder):
    library, builder, sensitive = FAMILIES[family]
    rng = np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(family.encode()), index]))
    rejected = []
    for attempt in range(5):
        try:
            b = builder(Ctx(rng, attempt, family, sensitive))
            # a model that cannot answer ordinary rows (e.g. PCA whitening a zero-variance
            # component gives NaN for every row) is a rejected draw, not a case
            b.predict(b.ds.X(b.ds.fresh(rng, 5)))
            meta = {"library": library, "library_version": LIBS[library].__version__, "family": family,
                    "seed": seed, "index": index, "attempts": attempt + 1, "rejected": rejected}
            return write_case(b, rng, folder, meta)
        except AssertionError:
            raise  # a round-trip check failed: a generator bug, never skipped
        except Exception as e:  # a drawn configuration the library rejects: draw again
            rejected.append(exc_text(e).split("\n")[0][:300])
            last = e
    raise last


def verify(root, libs):
    """Re-reads every folder of the libraries this Python has: reloads the artifact, predicts
    input.csv and compares with expected.csv bit for bit, and re-checks recorded refusals."""
    bad, n = [], 0
    for cpath in sorted(root.glob("*/*/*/case.json")):
        d = json.loads(cpath.read_text(encoding="utf-8"))
        if libs.get(d["library"]) != d["library_version"]:
            continue
        folder, n = cpath.parent, n + 1
        try:
            art = folder / d["artifact"]
            if art.suffix == ".pkl":
                load = (lambda: joblib.load(art)) if d["serializer"] == "joblib" else (lambda: pickle.load(open(art, "rb")))
            else:
                load = lambda: xgb.Booster(model_file=str(art))

            def predict(X):
                m = load()
                if d["output"] == "predict_proba":
                    return np.asarray(m.predict_proba(X))
                if d["output"] == "predict":
                    return np.asarray(m.predict(X)).reshape(len(X), -1)
                if d["library"] == "xgboost":
                    return np.asarray(m.predict(xgb.DMatrix(X, nthread=1))).reshape(len(X), -1)
                return np.asarray(m.predict(X)).reshape(len(X), -1)
            names, kinds = d["feature_names"], d["feature_kinds"]
            # a folder written before "predicted_on" was recorded: predict got what fit got
            given = d.get("predicted_on", d["fitted_on"])
            X = make_X(read_rows(folder / "input.csv", names, kinds), names, given)
            with open(folder / "expected.csv", newline="", encoding="utf-8") as fh:
                exp = np.array([[float(v) for v in row] for row in list(csv.reader(fh))[1:]])
            if not same_bits(predict(X), exp):
                bad.append(f"{folder}: expected.csv differs")
            for rf in sorted(folder.glob("refused_*.csv")):
                try:
                    predict(make_X(read_rows(rf, names, kinds), names, given))
                    bad.append(f"{rf}: now answered")
                except Exception as e:
                    if exc_text(e) + "\n" != rf.with_suffix(".txt").read_text(encoding="utf-8"):
                        bad.append(f"{rf}: refused with another message")
        except Exception as e:
            bad.append(f"{folder}: {exc_text(e)[:200]}")
    for b in bad:
        print("MISMATCH", b)
    print(f"verified {n} folders, {len(bad)} mismatches")
    return 1 if bad or n == 0 else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--per-family", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--families", default="")
    ap.add_argument("--list", action="store_true", help="print the families this Python can make")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--verify", type=Path, metavar="DIR",
                    help="re-check a generated DIR (folders of this Python's library versions) and exit")
    a = ap.parse_args()

    libs = {k: m.__version__ for k, m in LIBS.items() if m is not None}
    if a.verify:
        return verify(a.verify, libs)
    wanted = [f for f in a.families.split(",") if f] or list(FAMILIES)
    unknown = [f for f in wanted if f not in FAMILIES]
    if unknown:
        ap.error(f"unknown families {unknown}; known: {', '.join(FAMILIES)}")
    fams = [f for f in wanted if FAMILIES[f][0] in libs]
    skipped = {f: f"{FAMILIES[f][0]} is not importable in {sys.executable}" for f in wanted if f not in fams}
    if a.list:
        for f in fams:
            print(f"{FAMILIES[f][0]}-{libs[FAMILIES[f][0]]}\t{f}")
        return 0
    if a.out is None:
        ap.error("--out is required")
    env = {"python": platform.python_version(), "executable": sys.executable, "numpy": np.__version__,
           "pandas": pd.__version__, "scipy": getattr(scipy, "__version__", None), **libs}
    print(f"generate.py: {env}", flush=True)
    t0 = time.time()
    report = {}
    for f in fams:
        lib = FAMILIES[f][0]
        libdir = a.out / f"{lib}-{libs[lib]}"
        t = time.time()
        made, failed = 0, []
        for i in range(a.per_family):
            folder = libdir / f / f"{i:03d}"
            try:
                make_one(f, a.seed, i, folder)
                made += 1
            except Exception as e:
                shutil.rmtree(folder, ignore_errors=True)
                failed.append({"index": i, "error": exc_text(e).split("\n")[0][:300],
                               "where": traceback.format_exc().strip().splitlines()[-3:-1]})
        dt = time.time() - t
        report[f] = {"made": made, "failed": failed, "seconds": round(dt, 2)}
        libdir.mkdir(parents=True, exist_ok=True)
        mpath = libdir / "manifest.json"
        man = json.loads(mpath.read_text()) if mpath.exists() else {}
        man.setdefault("families", {})[f] = {"made": made, "per_family": a.per_family, "seed": a.seed,
                                             "failed": failed, "seconds": round(dt, 2)}
        man["environment"] = env
        mpath.write_text(json.dumps(man, indent=1, ensure_ascii=False) + "\n")
        if not a.quiet:
            print(f"{lib}-{libs[lib]} {f}: {made}/{a.per_family} in {dt:.1f}s"
                  + (f", {len(failed)} failed: {failed[0]['error'][:160]}" if failed else ""), flush=True)
    for f, why in skipped.items():
        print(f"skipped {f}: {why}")
    total = sum(r["made"] for r in report.values())
    bad = sum(len(r["failed"]) for r in report.values())
    el = time.time() - t0
    print(f"made {total} models ({bad} failed) in {el:.1f}s = {total / el if el else 0:.2f} models/s", flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
