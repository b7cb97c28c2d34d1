"""Why the browser refused a file dropped on an admin drop zone, for the page to say it in the
shop's words: rx.upload's own answer was a toast in the library's English ("Files not
Accepted ./x.svg: File type must be one of image/png, ...")."""

from __future__ import annotations

from typing import Any, Literal

Refused = Literal["too_large", "svg", "type"]


def refusal(rejected: Any) -> Refused:
    """'too_large', 'svg' (an SVG image) or 'type' (any other kind not taken), from what
    react-dropzone reports of the files it refused (sent by the browser: read warily)."""
    entries = (
        [entry for entry in rejected if isinstance(entry, dict)]
        if isinstance(rejected, list)
        else []
    )
    codes = {
        str(error.get("code", ""))
        for entry in entries
        for error in (entry.get("errors") or [])
        if isinstance(error, dict)
    }
    if "file-too-large" in codes:
        return "too_large"
    names = [str((entry.get("file") or {}).get("path", "")).lower() for entry in entries]
    return "svg" if any(name.endswith(".svg") for name in names) else "type"
