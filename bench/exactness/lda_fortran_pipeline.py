#!/usr/bin/env python3
"""Writes one generated-style model folder (as generate.py writes them) of a two-class LinearDiscriminantAnalysis
after a ColumnTransformer whose output stays Fortran-ordered for a DataFrame: a SimpleImputer + StandardScaler of
three numeric columns (Fortran, as pandas hands them over) beside a one-hot encoding of a two-valued text column
dropped to one column (neutral to NumPy's concatenate). Timpani declines it (the batch goes through dgemv_n, which
it serves for a bare estimator only); the folder proves the library's layout claim in LinearDiscriminantAnalysisTest.

    PY lda_fortran_pipeline.py OUT_FOLDER
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate as g  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402


def main(out):
    rng = g.np.random.default_rng(20261207)
    ds = g.Dataset(rng, n_num=3, n_str=1, fitted_on="dataframe", scale_range=(1e-3, 1e3))
    text = ds.idx("str")[0]
    ds.specs[text]["values"] = ds.specs[text]["values"][:2]
    ds.clean[text] = g.draw(ds.specs[text], rng, ds.n_train)
    ds.with_nan = ds.used = ds.clean
    y, tt = g.clf_setup(rng, ds, k=2)
    nums = [ds.names[j] for j in ds.idx("num", "int", "few", "const", "rounded")]
    p = dict(numeric_columns=nums, string_columns=[ds.names[text]])

    def make(q):
        ct = ColumnTransformer([
            ("num", Pipeline([("imputer", SimpleImputer()), ("scaler", StandardScaler())]), q["numeric_columns"]),
            ("str", OneHotEncoder(drop="if_binary", sparse_output=False, handle_unknown="ignore"),
             q["string_columns"])], sparse_threshold=0.0)
        return Pipeline([("columns", ct), ("model", LinearDiscriminantAnalysis())])
    m = g.fit_in_budget(ds, make, y, p, g.shrinker())
    X = ds.X(ds.fresh(rng, 20))
    layout = g.np.asarray(m[:-1].transform(X))
    assert layout.flags.f_contiguous and not layout.flags.c_contiguous, "the steps' output is not Fortran-ordered"
    p["steps"] = g.step_names(m)
    b = g.sk_done(ds, m, p, True, tt, [])
    meta = {"library": "sklearn", "library_version": g.sklearn.__version__, "family": "Pipeline_ColumnTransformer",
            "seed": 20261207, "index": 0, "attempts": 1, "rejected": []}
    g.write_case(b, rng, Path(out), meta)


if __name__ == "__main__":
    main(sys.argv[1])
