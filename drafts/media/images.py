"""Check an uploaded image by its content and re-encode it without metadata.

The file's name and the browser's content type are never trusted: Pillow must
open the bytes as PNG, JPEG, GIF or WebP, and nothing else is accepted (SVG,
HTML or text renamed to .png fails here). The byte size is checked before
Pillow reads anything, the pixel count (all frames of an animation) from the
header before any pixel is decoded, so a decompression bomb is refused without
being expanded. The image is then written again by Pillow: EXIF (camera, GPS,
date), XMP, comments and text chunks are dropped; the EXIF orientation is
applied to the pixels first so the picture still stands the right way up; the
colour profile is kept.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from drafts.errors import DomainError, ValidationError

# Pillow format -> (content type, file extension)
FORMATS = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}
JPEG_QUALITY = 90
WEBP_QUALITY = 90


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 10_000_000
    max_pixels: int = 40_000_000  # width x height, summed over the frames of an animation


@dataclass(frozen=True)
class PreparedImage:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int

    @property
    def name(self) -> str:
        """Content-addressed: the same picture always gets the same name."""
        return f"{hashlib.sha256(self.content).hexdigest()}.{self.extension}"


class ImageTooLarge(DomainError):
    """Over the byte limit (HTTP 413)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"This image is {size / 1_000_000:.1f} MB, over the {limit / 1_000_000:g} MB limit. "
            "Nothing was added to the draft. Save it smaller (for example as a JPEG, or "
            "resized to 2,000 pixels wide), then add it again."
        )
        self.size = size
        self.limit = limit


class ImageRejected(ValidationError):
    """Not an image Byline accepts, damaged, or too many pixels (HTTP 422)."""


NOT_AN_IMAGE = ("That file is not a PNG, JPEG, GIF or WebP image (Byline checks the content, "
                "not the name). Nothing was added to the draft. Export the picture in one of "
                "those formats, then add it again.")
DAMAGED = ("That image file is damaged or cut short, so Byline cannot read it. Nothing was "
           "added to the draft. Open it in an image editor, save it again, then add it.")


def _too_many_pixels(width: int, height: int, frames: int, limit: int) -> ImageRejected:
    size = f"{width:,} x {height:,} pixels" + (f" x {frames} frames" if frames > 1 else "")
    return ImageRejected(
        f"This image is {size}, over the limit of {limit / 1_000_000:g} million pixels. "
        "Nothing was added to the draft. Resize it (2,000 pixels wide is plenty for a post), "
        "then add it again."
    )


def prepare(data: bytes, limits: Limits) -> PreparedImage:
    """Check ``data`` and return it re-encoded without metadata. Raises ImageTooLarge
    or ImageRejected with a sentence saying what to do."""
    if not data:
        raise ImageRejected("That file is empty. Nothing was added to the draft; pick the "
                            "image again.")
    if len(data) > limits.max_bytes:
        raise ImageTooLarge(len(data), limits.max_bytes)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
        except UnidentifiedImageError:
            raise ImageRejected(NOT_AN_IMAGE) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRejected(
                f"This image has more pixels than Byline will open (over "
                f"{limits.max_pixels / 1_000_000:g} million). Nothing was added to the draft. "
                "Resize it, then add it again.") from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise ImageRejected(DAMAGED) from None
        with image:
            if image.format not in FORMATS:
                raise ImageRejected(NOT_AN_IMAGE)
            width, height = image.size
            if width * height > limits.max_pixels:
                raise _too_many_pixels(width, height, 1, limits.max_pixels)
            try:
                frames = getattr(image, "n_frames", 1)
                if width * height * frames > limits.max_pixels:
                    raise _too_many_pixels(width, height, frames, limits.max_pixels)
                content, (out_w, out_h) = _reencode(image, frames)
            except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombWarning):
                raise ImageRejected(DAMAGED) from None
            content_type, extension = FORMATS[image.format]
    return PreparedImage(content, content_type, extension, out_w, out_h)


def _reencode(image: Image.Image, frames: int) -> tuple[bytes, tuple[int, int]]:
    fmt = image.format
    assert fmt is not None
    icc = image.info.get("icc_profile")
    out = io.BytesIO()
    if frames > 1 and fmt in ("GIF", "WEBP"):
        sequence, durations = [], []
        for frame in ImageSequence.Iterator(image):
            durations.append(int(frame.info.get("duration", 100) or 100))
            sequence.append(_clean(frame.copy() if fmt == "GIF" else frame.convert("RGBA")))
        params: dict = {"save_all": True, "append_images": sequence[1:], "duration": durations,
                        "loop": int(image.info.get("loop", 0) or 0)}
        if fmt == "WEBP":
            params["quality"] = WEBP_QUALITY
        first = sequence[0]
        first.save(out, format=fmt, **params)
        return out.getvalue(), first.size
    clean = ImageOps.exif_transpose(image)  # a copy, turned the way the camera said
    params = {}
    transparency = image.info.get("transparency")
    if fmt == "JPEG":
        if clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        params["quality"] = JPEG_QUALITY
    elif fmt == "WEBP":
        params["quality"] = WEBP_QUALITY
    elif transparency is not None and clean.mode in ("P", "L", "RGB"):
        params["transparency"] = transparency
    if icc:
        params["icc_profile"] = icc
    _clean(clean).save(out, format=fmt, **params)
    return out.getvalue(), clean.size


_KEEP = ("transparency", "background")  # how the pixels look, not metadata


def _clean(image: Image.Image) -> Image.Image:
    """Forget every piece of metadata Pillow read (EXIF, XMP, comments, text chunks)."""
    image.info = {k: v for k, v in image.info.items() if k in _KEEP}
    return image
