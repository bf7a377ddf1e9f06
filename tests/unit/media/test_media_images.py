"""Checking and re-encoding uploaded images (drafts.media), on real image bytes."""

from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image

from drafts.media import FORMATS, ImageRejected, ImageStore, ImageTooLarge, Limits, prepare
from drafts.media.storage import is_image_name
from tests.images import (
    HTML_AS_PNG,
    SVG_AS_PNG,
    TEXT_AS_PNG,
    animated_gif,
    image_bytes,
    jpeg_with_gps,
    png_bomb,
    png_with_exif,
)

LIMITS = Limits(max_bytes=2_000_000, max_pixels=4_000_000)


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_png_with_exif_and_text_chunks_comes_back_clean():
    original = _open(png_with_exif())
    assert original.getexif()[ExifTags.Base.Make] == "PhoneCo" and "Author" in original.info
    prepared = prepare(png_with_exif(), LIMITS)
    assert (prepared.content_type, prepared.extension) == ("image/png", "png")
    clean = _open(prepared.content)
    assert clean.format == "PNG" and clean.size == (40, 20)
    assert not clean.getexif()
    assert not {"exif", "Author", "Comment", "xmp", "XML:com.adobe.xmp"} & set(clean.info)
    assert b"PhoneCo" not in prepared.content and b"Ana Author" not in prepared.content


def test_jpeg_loses_gps_and_camera_but_keeps_its_orientation():
    data = jpeg_with_gps(size=(40, 20), orientation=6)
    original = _open(data)
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the position is in there
    prepared = prepare(data, LIMITS)
    clean = _open(prepared.content)
    assert clean.format == "JPEG" and prepared.content_type == "image/jpeg"
    assert not clean.getexif()
    assert not clean.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert "comment" not in clean.info and b"secret note" not in prepared.content
    assert b"PhoneCo" not in prepared.content
    # Orientation 6 means "turn 90 degrees clockwise to show": applied to the pixels.
    assert clean.size == (20, 40) == (prepared.width, prepared.height)
    top, bottom = clean.getpixel((10, 5)), clean.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60  # red (the left half) is now on top
    assert bottom[2] > 200 and bottom[0] < 60


@pytest.mark.parametrize("fmt, params", [("PNG", {}), ("JPEG", {}), ("GIF", {}),
                                         ("WEBP", {"quality": 80})])
def test_each_allowed_format_is_kept(fmt, params):
    prepared = prepare(image_bytes(fmt, **params), LIMITS)
    assert _open(prepared.content).format == fmt
    assert prepared.content_type == FORMATS[fmt][0]
    assert is_image_name(prepared.name) and prepared.name.endswith("." + FORMATS[fmt][1])


def test_transparency_survives():
    prepared = prepare(image_bytes("PNG", mode="RGBA"), LIMITS)
    assert _open(prepared.content).mode == "RGBA"


def test_animated_gif_stays_animated():
    prepared = prepare(animated_gif(3), LIMITS)
    clean = _open(prepared.content)
    assert getattr(clean, "n_frames", 1) == 3


@pytest.mark.parametrize("data, what", [(HTML_AS_PNG, "html"), (SVG_AS_PNG, "svg"),
                                        (TEXT_AS_PNG, "text")])
def test_files_that_only_pretend_to_be_png_are_refused(data, what):
    with pytest.raises(ImageRejected, match="not a PNG, JPEG, GIF or WebP image"):
        prepare(data, LIMITS)


def test_other_real_formats_are_refused():
    with pytest.raises(ImageRejected, match="not a PNG, JPEG, GIF or WebP"):
        prepare(image_bytes("BMP"), LIMITS)
    with pytest.raises(ImageRejected, match="not a PNG, JPEG, GIF or WebP"):
        prepare(image_bytes("TIFF"), LIMITS)


def test_empty_and_damaged_files():
    with pytest.raises(ImageRejected, match="empty"):
        prepare(b"", LIMITS)
    cut = image_bytes("PNG", size=(200, 200))[:120]
    with pytest.raises(ImageRejected, match="damaged"):
        prepare(cut, LIMITS)


def test_byte_limit_is_checked_before_anything_is_read():
    data = image_bytes("PNG", size=(300, 300))
    with pytest.raises(ImageTooLarge, match=r"over the 0.0001 MB limit") as caught:
        prepare(data, Limits(max_bytes=100, max_pixels=10**9))
    assert caught.value.limit == 100


def test_pixel_limit_names_the_size():
    with pytest.raises(ImageRejected, match=r"2,500 x 2,000 pixels, over the limit of 4 million"):
        prepare(image_bytes("PNG", size=(2500, 2000), mode="1"), LIMITS)


def test_animation_counts_every_frame():
    with pytest.raises(ImageRejected, match="x 3 frames"):
        prepare(animated_gif(3, size=(100, 100)), Limits(max_pixels=20_000))


def test_decompression_bomb_is_refused_without_being_expanded():
    bomb = png_bomb()
    assert len(bomb) < 200_000
    with pytest.raises(ImageRejected, match="pixels"):
        prepare(bomb, LIMITS)
    # Even when the configured limit is above Pillow's own guard.
    with pytest.raises(ImageRejected, match="pixels"):
        prepare(bomb, Limits(max_pixels=10**12))


def test_store_keeps_one_file_per_picture(tmp_path):
    store = ImageStore(tmp_path / "images")
    first = prepare(png_with_exif(), LIMITS)
    again = prepare(png_with_exif(), LIMITS)
    assert first.name == again.name
    assert store.save(first) == store.save(again) == first.name
    files = [p for p in (tmp_path / "images").rglob("*") if p.is_file()]
    assert [p.name for p in files] == [first.name]
    assert store.read(first.name) == first.content
    with pytest.raises(ValueError):
        store.path("../../etc/passwd")
    assert not store.exists("../secret_key")
