"""A folder of images named by their content: `ab/abcdef….png` for "abcdef….png".

The name is the SHA-256 of the stored bytes plus the extension, so the same
image is stored once however many drafts use it, a name can never point at a
file outside the folder, and a stored file never changes (it can be cached
for ever). Files are written to a temporary name and renamed into place, so a
reader never sees half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from drafts.media.images import FORMATS, PreparedImage

_NAME = re.compile(r"[0-9a-f]{64}\.(?:" + "|".join(ext for _, ext in FORMATS.values()) + r")")
CONTENT_TYPES = {ext: content_type for content_type, ext in FORMATS.values()}


def is_image_name(name: str) -> bool:
    return _NAME.fullmatch(name or "") is not None


def content_type_of(name: str) -> str:
    return CONTENT_TYPES[name.rsplit(".", 1)[-1]]


class ImageStore:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"ImageStore({str(self.root)!r})"

    def path(self, name: str) -> Path:
        if not is_image_name(name):
            raise ValueError(f"Not an image name: {name!r}")
        return self.root / name[:2] / name

    def exists(self, name: str) -> bool:
        return is_image_name(name) and self.path(name).is_file()

    def save(self, image: PreparedImage) -> str:
        """Store the image (once) and return its name."""
        name = image.name
        target = self.path(name)
        if target.is_file():
            return name
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(image.content)
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return name

    def read(self, name: str) -> bytes:
        return self.path(name).read_bytes()
