"""A DRUM model folder whose custom.py imports a library the Timpani image's base does not carry: LightGBM comes
from the folder's requirements.txt (DRUM's convention). make_models.py writes model.txt beside this file."""
import os

import lightgbm
import pandas as pd


def load_model(code_dir):
    return lightgbm.Booster(model_file=os.path.join(code_dir, "model.txt"))


def score(data, model, **kwargs):
    return pd.DataFrame({"Predictions": model.predict(data)})
