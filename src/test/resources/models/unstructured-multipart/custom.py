"""An unstructured model that reads a multipart/form-data body itself, with werkzeug, from the bytes and the
headers it is given (R-UNS-9), as DRUM's own unstructured fixture does: it answers the number of words in the
part named 'filekey', or in the body when it is not multipart; with ?echo=headers, the headers it was given."""
import json
from io import BytesIO

from werkzeug.formparser import parse_form_data


def load_model(code_dir):
    return "words"


def score_unstructured(model, data, query, **kwargs):
    headers = kwargs.get("headers") or {}
    if query.get("echo") == "headers":
        return json.dumps(headers)
    content_type = headers.get("Content-Type") or ""
    if "multipart/form-data" in content_type:
        environ = {
            "wsgi.input": BytesIO(data),
            "CONTENT_LENGTH": headers.get("Content-Length"),
            "CONTENT_TYPE": content_type,
            "REQUEST_METHOD": "POST",
        }
        _, form, files = parse_form_data(environ)
        upload = files.get("filekey")
        if upload is None:
            raise ValueError("no 'filekey' part in the body (form fields: %s, files: %s, headers: %s)"
                             % (list(form), list(files), sorted(headers)))
        data = upload.stream.read()
    if isinstance(data, bytes):
        data = data.decode("utf8")
    return str(data.count(" ") + 1)
