"""A geopoint model with a post_process hook: it gets the model's strings in a Predictions column, uncast."""
import pandas as pd


def load_model(code_dir):
    return "wkt"


def score(data, model, **kwargs):
    return pd.DataFrame({"wkt": ["POINT ({} {})".format(lon, lat)
                                 for lat, lon in zip(data["latitude"], data["longitude"])]})


def post_process(predictions, model):
    assert list(predictions.columns) == ["Predictions"], predictions.columns
    return pd.DataFrame({"Predictions": [value.replace("POINT", "SRID=4326;POINT")
                                         for value in predictions["Predictions"]]})
