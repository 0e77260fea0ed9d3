"""Timpani's Python hook worker (worker.py beside this package starts it), one module per job:

- wire: the frames on the protocol's private file descriptors (PROTOCOL.md);
- errors: the answer kinds (bad input, model, load, the user's HTTP errors) and the log;
- loop: the request loop, one op at a time, and the load answer;
- extraction: that the files running are the ones the JVM extracted (TIMPANI_WORKER_VERSION);
- loading: custom.py's import, init and load_model, or the lone artifact (R-HOOK-2, R-HOOK-11);
- hooks: DRUM's hook pipeline for predict, transform and unstructured requests (R-HOOK-4/5/6/10);
- payloads: a request's bytes as DRUM reads them (csv, MatrixMarket, Arrow; R-IN);
- predictors: DRUM's built-in predictors for pickles, torch, Keras and ONNX (R-HOOK-3);
- versions: which scikit-learn wrote a pickle the installed one refuses, for the load error;
- predictions: predictions encoded as float64 columns or text (R-OUT);
- chat: the chat hook's completions and streams (R-HOOK-7, R-ROUTE-9).

Modules import pandas, numpy and the model libraries inside functions, never at import time: the package is imported
before the worker has moved fd 1 away, and a worker that serves only unstructured hooks never needs them.
"""

PROTOCOL_VERSION = 1
