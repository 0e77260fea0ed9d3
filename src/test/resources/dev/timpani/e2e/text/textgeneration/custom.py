"""A text generation model (R-OUT-5): a reply per prompt with quotes, a line break and non-ASCII text, None for
a missing prompt, and the reply's length as extra model output (R-OUT-4)."""
import pandas as pd


def load_model(code_dir):
    return "echo"


def score(data, model, **kwargs):
    replies = [
        None if pd.isna(prompt) else 'Re: "{}" \u2014 ok\nbye \u2713 \U0001F30D'.format(prompt)
        for prompt in data["prompt"]
    ]
    lengths = [0 if reply is None else len(reply) for reply in replies]
    return pd.DataFrame({"Predictions": replies, "length": lengths})
