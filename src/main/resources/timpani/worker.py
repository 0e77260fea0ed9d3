"""Timpani's Python hook worker: one long-lived process serving DRUM-style hooks of one model folder.

The JVM writes request frames to this process's stdin and reads answer frames from its stdout; see
PROTOCOL.md next to this file. Everything else (user prints, logging, tracebacks) goes to stderr, which the
JVM logs tagged with the worker id. The work is done by the timpani_worker package beside this file, one module
per job (its __init__ lists them); this script takes the protocol's streams, checks that the package is the one the
JVM extracted, and starts its loop.
"""
import os
import sys

# The package beside this script, never one of the same name elsewhere (the code dir joins sys.path later).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from timpani_worker import extraction, wire  # noqa: E402  (stdlib only: nothing can write to fd 1 yet)

# Own the protocol's file descriptors before any user code (or pandas) is imported.
wire.take_protocol_streams()

if __name__ == "__main__":
    problem = extraction.problem(os.environ.get("TIMPANI_WORKER_VERSION"))
    if problem:
        wire.refuse_all(problem)
    else:
        from timpani_worker.loop import main

        main()
