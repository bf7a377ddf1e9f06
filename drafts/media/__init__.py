"""Images in drafts: check, re-encode without metadata, store once by content.

    from drafts.media import Limits, ImageStore, prepare
    image = prepare(data, Limits(max_bytes=10_000_000, max_pixels=40_000_000))
    ImageStore(folder).save(image)  # "<sha256>.png"

Pure Python and Pillow; never imports Flask. `drafts.media.service` holds the
use cases (upload into a draft, find an image a viewer may see).
"""

from drafts.media.images import (
    FORMATS,
    ImageRejected,
    ImageTooLarge,
    Limits,
    PreparedImage,
    prepare,
)
from drafts.media.storage import ImageStore, is_image_name

__all__ = [
    "FORMATS",
    "ImageRejected",
    "ImageStore",
    "ImageTooLarge",
    "Limits",
    "PreparedImage",
    "is_image_name",
    "prepare",
]
