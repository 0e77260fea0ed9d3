"""Builds small Keras 3 models saved as legacy .h5 files, as DataRobot's python3_keras users save them, and records
Keras' own predictions. KerasH5Test runs it at test time with the Keras venv (tensorflow-cpu 2.21.0, keras 3.15.1;
pom.xml's test.keras.python), so no binary is committed and the file is always the one that Keras version writes.

    python make_keras_models.py OUT_DIR

Each case is OUT_DIR/<case>/: model/model.h5 (a drop-in code dir, nothing else), input.csv, and expected.csv: the
model's predict() on input.csv as read back by pandas.read_csv, as DRUM hands a request to the model. Regression:
a column Predictions. Binary: one sigmoid output, P(positive); the columns are the served labels, the negative one
1 - p as DRUM infers it (R-OUT-12).

Both are compiled with a string loss and a metric, as users compile them; the regressor's loss="mse" is what made
Keras 3's load_model(path) fail on the .h5 ("Could not deserialize 'keras.metrics.mse' ...") where DRUM's
load_model(path, compile=False) loads it.
"""
import sys
from pathlib import Path

import keras
import numpy as np
import pandas as pd

FEATURES = ["a", "b", "c"]


def build(units_out, activation, loss, metrics):
    model = keras.Sequential([keras.Input(shape=(len(FEATURES),)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(units_out, activation=activation)])
    model.compile(optimizer="adam", loss=loss, metrics=metrics)
    return model


def write_case(out, name, model, x, y, expected):
    case = out / name
    (case / "model").mkdir(parents=True)
    model.fit(x, y, epochs=3, verbose=0)
    model.save(case / "model" / "model.h5")
    pd.DataFrame(x, columns=FEATURES).to_csv(case / "input.csv", index=False)
    data = pd.read_csv(case / "input.csv")
    # Keras' own answer on the request as pandas reads it, before the model file is ever loaded back.
    predictions = np.asarray(model.predict(data, verbose=0), dtype=np.float64)
    expected(predictions).to_csv(case / "expected.csv", index=False)


def main(out):
    keras.utils.set_random_seed(21)
    rng = np.random.default_rng(21)
    x = rng.normal(size=(40, len(FEATURES))).round(4)
    write_case(out, "regression", build(1, None, "mse", ["mae"]), x, x @ [1.5, -2.0, 0.5] + 0.25,
               lambda p: pd.DataFrame({"Predictions": p[:, 0]}))
    write_case(out, "binary", build(1, "sigmoid", "binary_crossentropy", ["accuracy"]), x,
               (x[:, 0] - x[:, 1] > 0).astype("float32"),
               lambda p: pd.DataFrame({"no": 1 - p[:, 0], "yes": p[:, 0]}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
