"""A custom.py without load_model beside an .onnx file: DRUM's built-in ONNX predictor loads and scores it."""


def transform(data, model):
    return data.astype("float32")
