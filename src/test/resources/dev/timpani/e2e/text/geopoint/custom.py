"""A geopoint model (R-OUT-9): each row's coordinates as a WKT point, None where a coordinate is missing."""
import pandas as pd


def load_model(code_dir):
    return "wkt"


def score(data, model, **kwargs):
    points = [
        None if pd.isna(lat) or pd.isna(lon) else "POINT ({} {})".format(lon, lat)
        for lat, lon in zip(data["latitude"], data["longitude"])
    ]
    return pd.DataFrame({"Predictions": points})
