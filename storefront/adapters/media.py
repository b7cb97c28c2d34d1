"""Product images and other public files, on the local disk under the media directory."""

from __future__ import annotations

import uuid
from pathlib import Path, PurePosixPath

MEDIA_URL_PREFIX = "/media"


class FileMediaStore:
    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    @property
    def root(self) -> Path:
        return self._root

    def write_text(self, relative_path: str, text: str) -> str:
        return self.write_bytes(relative_path, text.encode("utf-8"))

    def write_bytes(self, relative_path: str, data: bytes) -> str:
        target = self._resolve(relative_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        # A temporary name of its own per writer: two uploads of one file never mix.
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)  # atomic: a browser never sees half a file
        return f"{MEDIA_URL_PREFIX}/{PurePosixPath(relative_path)}"

    def exists(self, relative_path: str) -> bool:
        return self._resolve(relative_path).is_file()

    def _resolve(self, relative_path: str) -> Path:
        target = (self._root / relative_path).resolve()
        if not target.is_relative_to(self._root):
            raise ValueError(f"media path escapes the media directory: {relative_path!r}")
        return target
