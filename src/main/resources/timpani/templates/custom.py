"""Hooks of a custom inference model, served by Timpani (or DRUM) from this folder.

Every hook is optional. Without hooks, the folder's single model artifact (.pkl, .joblib, .pth, .h5, .onnx, ...)
is loaded and scored by the built-in predictors. Uncomment and fill in the hooks your model needs.

Try it:
    java -jar timpani.jar score --code-dir <this folder> --input data.csv --target-type regression
"""
import pandas as pd


def init(code_dir, **kwargs):
    """Runs once, before load_model: install-free set-up, e.g. reading settings kept beside the model."""


# def load_model(code_dir):
#     """Returns the model object every other hook receives. Must not return None."""
#     import joblib
#     return joblib.load(f"{code_dir}/model.joblib")


# def read_input_data(input_binary_data):
#     """Turns the request's raw bytes into the DataFrame the other hooks receive."""
#     import io
#     return pd.read_csv(io.BytesIO(input_binary_data))


# def transform(data, model):
#     """Prepares the features before scoring (fill missing values, encode categories, ...)."""
#     return data


# def score(data, model, **kwargs):
#     """Returns a DataFrame: one 'Predictions' column for regression, one column per class label for
#     classification (kwargs carry positive_class_label / negative_class_label or class_labels)."""
#     return pd.DataFrame({"Predictions": model.predict(data)})


# def post_process(predictions, model):
#     """Adjusts what score (or the built-in predictor) returned, in the same shape."""
#     return predictions


# def score_unstructured(model, data, **kwargs):
#     """Unstructured models only: data is str for text mimetypes, bytes otherwise; kwargs carry mimetype,
#     charset, query and headers. Return the response body, or (body, {"mimetype": ..., "charset": ...})."""
#     return data
