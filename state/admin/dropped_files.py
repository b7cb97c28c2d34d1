"""Why the browser refused a file dropped on an admin drop zone, for the page to say it in the
shop's words: rx.upload's own answer was a toast in the library's English ("Files not
Accepted ./x.svg: File type must be one of image/png, ...")."""

from __future__ import annotations

from typing import Any, Literal

Refused = Literal["too_many", "too_large", "svg", "type"]


def refusal(rejected: Any) -> Refused:
    """'too_many' (a zone takes one file), 'too_large', 'svg' (an SVG image) or 'type' (any
    other kind not taken), from what react-dropzone reports of the files it refused (sent by
    the browser: anything else in it is read as a kind not taken)."""
    entries = [e for e in rejected if isinstance(e, dict)] if isinstance(rejected, list) else []
    codes = {
        str(error.get("code", ""))
        for entry in entries
        if isinstance(errors := entry.get("errors"), list)
        for error in errors
        if isinstance(error, dict)
    }
    if "too-many-files" in codes:
        return "too_many"
    if "file-too-large" in codes:
        return "too_large"
    files = [entry.get("file") for entry in entries]
    names = [str(file.get("path", "")).lower() for file in files if isinstance(file, dict)]
    return "svg" if any(name.endswith(".svg") for name in names) else "type"
