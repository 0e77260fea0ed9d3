#!/usr/bin/env python3
"""Writes single_rows_expected.csv in generated model folders: the library's answer to each row of input.csv sent
alone, as DRUM reads a one-row request (its own csv, read by pd.read_csv into a one-row DataFrame, which NumPy sees
both C- and Fortran-contiguous), whereas expected.csv answers the whole batch. For the families whose sums follow
the batch (BLAS's ddot / dgemv instead of dgemm or dgemv_n, NumPy's pairwise reduction instead of a column by column
one) the two differ in the last bits, or more where the sums cancel.

    PY single_rows.py FOLDER [FOLDER ...]      (PY: the interpreter of the folders' library version)
"""
import csv
import io
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate as g  # noqa: E402  (also sets the BLAS threads to 1 before NumPy loads)


def answers(folder):
    d = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    assert d["library"] == "sklearn" and d["sklearn"] == g.sklearn.__version__, f"{folder}: another version"
    names, kinds = d["feature_names"], d["feature_kinds"]
    art = folder / d["artifact"]
    model = g.joblib.load(art) if d["serializer"] == "joblib" else g.pickle.load(open(art, "rb"))
    with open(folder / "input.csv", newline="", encoding="utf-8") as fh:
        header, *lines = list(csv.reader(fh))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "row.csv"
        for line in lines:
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows([header, line])
            one.write_text(buf.getvalue(), encoding="utf-8")
            X = g.request_X(g.read_rows(one, names, kinds), names, d["fitted_on"])
            out = model.predict_proba(X) if d["output"] == "predict_proba" else model.predict(X)
            rows.append(g.np.asarray(out, dtype=g.np.float64).reshape(1, -1)[0])
    with open(folder / "expected.csv", newline="", encoding="utf-8") as fh:
        expected_header = next(csv.reader(fh))
    g.write_expected(folder / "single_rows_expected.csv", expected_header, g.np.vstack(rows))
    return len(rows)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(arg, answers(Path(arg)), "rows")
