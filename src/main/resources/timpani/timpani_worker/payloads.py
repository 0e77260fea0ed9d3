"""A request's bytes read as DRUM reads them (R-IN): csv with pandas' defaults, MatrixMarket, Arrow."""
import io

from .errors import BadInput

CSV_MIMETYPES = ("text/csv", "text/plain", "application/csv", "")
ARROW_MIMETYPES = ("application/x-apache-arrow-stream", "application/vnd.apache.arrow.file", "arrow")


class _StrictErrors(str):
    """``encoding_errors="strict"`` for ``pd.read_csv``, without pandas' leak of it.

    pandas' C reader (``TextReader.__cinit__`` in ``_libs/parsers.pyx``, as in Debian's pandas 1.5.3) encodes
    ``encoding_errors`` to bytes and ``Py_INCREF``s them with no matching release: 39 bytes lost per ``read_csv``, so
    a worker serving 500 requests/s grows by some 2 GB a day. Handing it the same bytes every time leaves only a
    reference count going up. Equal to "strict", so pandas' own checks and TextIOWrapper see the default.
    """

    _ENCODED = b"strict"

    def encode(self, encoding="utf-8", errors="strict"):
        return self._ENCODED


_READ_CSV_OPTIONS = None


def read_csv(body):
    """pandas.read_csv of a request's bytes, as DRUM calls it (defaults only)."""
    global _READ_CSV_OPTIONS
    import pandas as pd

    if _READ_CSV_OPTIONS is None:
        import inspect

        has_option = "encoding_errors" in inspect.signature(pd.read_csv).parameters
        _READ_CSV_OPTIONS = {"encoding_errors": _StrictErrors("strict")} if has_option else {}
    return pd.read_csv(io.BytesIO(body), **_READ_CSV_OPTIONS)


def read_structured(body, mimetype, colnames, charset):
    import pandas as pd

    if mimetype in CSV_MIMETYPES:
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadInput("Supplied CSV input file encoding must be UTF-8.")
        try:
            return read_csv(body)
        except Exception as exc:
            raise BadInput("Pandas failed to read input binary data %s" % (exc,))
    if mimetype == "text/mtx":
        from scipy.io import mmread
        from scipy.sparse import csr_matrix

        try:
            matrix = csr_matrix(mmread(io.BytesIO(body)))
        except Exception as exc:
            raise BadInput("The MatrixMarket payload could not be read: %s" % (exc,))
        columns = list(colnames) if colnames else None
        if columns is not None and len(columns) != matrix.shape[1]:
            raise BadInput("X.colnames names %d columns but the matrix has %d" % (len(columns), matrix.shape[1]))
        return pd.DataFrame.sparse.from_spmatrix(matrix, columns=columns)
    if mimetype in ARROW_MIMETYPES:
        try:
            import pyarrow
        except ImportError:
            raise BadInput(unsupported_format(mimetype))
        try:
            reader = pyarrow.ipc.open_stream(body) if mimetype.endswith("stream") else pyarrow.ipc.open_file(body)
            return reader.read_all().to_pandas()
        except Exception as exc:
            if mimetype == "arrow":
                try:
                    return pyarrow.ipc.open_stream(body).read_all().to_pandas()
                except Exception:
                    pass
            raise BadInput("The Arrow payload could not be read: %s" % (exc,))
    raise BadInput(unsupported_format(mimetype))


def unsupported_format(mimetype):
    return ("payload format `%s` is not supported by predictor/transformer. Make DRUM support the format or "
            "implement `read_input_data` hook to read the data. " % mimetype)


def split_parts(parts, body):
    """A transform request's body cut into its named parts by the lengths in meta["parts"]."""
    out, offset = {}, 0
    for part in parts:
        length = int(part["length"])
        out[part["name"]] = body[offset:offset + length]
        offset += length
    return out
