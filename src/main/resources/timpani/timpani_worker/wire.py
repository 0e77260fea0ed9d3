"""The protocol's frames (PROTOCOL.md, "Frames"): u32 meta length, u32 body length, UTF-8 JSON meta, raw body."""
import json
import os
import struct
import sys

_HEADER = struct.Struct(">II")

_PROTO_IN = None
_PROTO_OUT = None


def take_protocol_streams():
    """Moves the protocol to private file descriptors: fd 1 (C-level stdout) and sys.stdout go to stderr and fd 0
    reads /dev/null, so a print() or a C library writing to stdout cannot corrupt a frame, and user code reading
    stdin sees end of file, not our frames."""
    global _PROTO_IN, _PROTO_OUT
    _PROTO_IN = os.fdopen(os.dup(0), "rb", buffering=1 << 16)
    _PROTO_OUT = os.fdopen(os.dup(1), "wb", buffering=1 << 16)
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdout = sys.stderr
    sys.stdin = open(os.devnull, "r")


def _read_exact(n):
    data = _PROTO_IN.read(n)
    if data is None or len(data) < n:
        return None
    return data


def read_message():
    """The next request as (meta, body), or None at the end of the stream (the JVM closed it)."""
    head = _read_exact(_HEADER.size)
    if head is None:
        return None
    meta_len, body_len = _HEADER.unpack(head)
    meta = _read_exact(meta_len) if meta_len else b"{}"
    body = _read_exact(body_len) if body_len else b""
    if meta is None or body is None:
        return None
    return json.loads(meta.decode("utf-8")), body


def write_message(meta, body=b""):
    encoded = json.dumps(meta, allow_nan=False, default=json_default).encode("utf-8")
    _PROTO_OUT.write(_HEADER.pack(len(encoded), len(body)))
    _PROTO_OUT.write(encoded)
    if body:
        _PROTO_OUT.write(body)
    _PROTO_OUT.flush()


def json_default(value):
    """numpy scalars as their Python value; anything else JSON cannot hold as its text."""
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def refuse_all(message):
    """Answers every request with a load error (the JVM's 513 state, with this message) until the stream ends: a
    worker whose own files are wrong serves nothing (extraction.problem)."""
    while read_message() is not None:
        write_message({"status": "error", "kind": "load", "message": message})
