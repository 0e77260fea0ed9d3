"""That the files this worker runs are the ones the JVM extracted for it (WorkerScripts): TIMPANI_WORKER_VERSION is
the digest the JVM computed over every file of the manifest as it wrote them, and the same digest over the files
beside worker.py must match, with this package loaded from there. So a stale, half-written or altered extraction,
or another timpani_worker earlier on the path, is a load error before any of it runs, rather than a worker that
speaks another version of the protocol. Standard library only: it runs before the rest of the package is imported."""
import hashlib
import os
import sys

MANIFEST = "python-worker.files"


def directory():
    """The folder holding worker.py, the manifest and this package."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def digest(folder):
    """SHA-256 over each manifest file's path, length and bytes, in the manifest's order; the first 16 hex digits.
    WorkerScripts.update computes the same in Java."""
    sha = hashlib.sha256()
    with open(os.path.join(folder, MANIFEST), "r", encoding="utf-8") as f:
        paths = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    for path in paths:
        with open(os.path.join(folder, path), "rb") as f:
            data = f.read()
        sha.update(path.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
        sha.update(data)
    return sha.hexdigest()[:16]


def problem(expected):
    """Why this worker must not serve, or None. No version given (a worker started by hand): nothing to check."""
    if not expected:
        return None
    folder = directory()
    for name, module in list(sys.modules.items()):
        if name == "timpani_worker" or name.startswith("timpani_worker."):
            path = os.path.abspath(getattr(module, "__file__", "") or "")
            if not path.startswith(folder + os.sep):
                return ("The Python worker's module %s was loaded from %s, not from the extraction in %s: remove "
                        "that other timpani_worker from the Python path" % (name, path, folder))
    try:
        actual = digest(folder)
    except OSError as exc:
        return ("The Python worker's files in %s are incomplete (%s): a broken extraction; restart Timpani to "
                "extract them again" % (folder, exc))
    if actual != expected:
        return ("The Python worker's files in %s are version %s, but this Timpani extracted version %s: a stale or "
                "altered extraction; restart Timpani to extract them again" % (folder, actual, expected))
    return None
