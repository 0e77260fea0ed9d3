"""An unstructured model that reads its runtime parameters as DRUM's own runtime-parameter fixture does: every
defined one, in load_model, so a bad value fails the load; scoring answers them as JSON."""
import json

from datarobot_drum import RuntimeParameters

NAMES = ["SOME_STR_KEY", "SOME_AWS_CRED_KEY", "SOME_DEPLOYMENT_KEY", "SOME_BOOLEAN_KEY", "SOME_NUMERIC_KEY"]


def load_model(code_dir):
    return {name: RuntimeParameters.get(name) for name in NAMES if RuntimeParameters.has(name)}


def score_unstructured(model, data, query, **kwargs):
    if query.get("read"):
        return json.dumps(RuntimeParameters.get(query["read"]))
    return json.dumps(model, sort_keys=True)
