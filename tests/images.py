"""Real image files made with Pillow for the image tests (and a few that only pretend)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image, PngImagePlugin

GPS = {  # Amsterdam, as a phone writes it
    ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (52.0, 22.0, 12.5),
    ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (4.0, 53.0, 42.0),
}


def _exif(orientation: int | None = None, gps: bool = False) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Model] = "Pocket 12"
    exif[ExifTags.Base.Artist] = "Ana Author"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    return exif


def picture(size=(40, 20), mode="RGB") -> Image.Image:
    """Left half red, right half blue: enough to tell which way it is turned."""
    image = Image.new(mode, size, "red")
    image.paste("blue", (size[0] // 2, 0, size[0], size[1]))
    return image


def png_with_exif(size=(40, 20)) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Ana Author")
    info.add_text("Comment", "taken at home")
    out = io.BytesIO()
    picture(size).save(out, "PNG", exif=_exif(), pnginfo=info)
    return out.getvalue()


def jpeg_with_gps(size=(40, 20), orientation: int = 6) -> bytes:
    """A phone photo: GPS position, camera model, and 'turn 90 degrees to show' (6)."""
    out = io.BytesIO()
    picture(size).save(out, "JPEG", exif=_exif(orientation, gps=True), comment=b"secret note",
                       quality=95)
    return out.getvalue()


def image_bytes(fmt: str, size=(30, 30), mode="RGB", **params) -> bytes:
    out = io.BytesIO()
    picture(size, mode).save(out, fmt, **params)
    return out.getvalue()


def animated_gif(frames: int = 3, size=(16, 16)) -> bytes:
    images = [Image.new("RGB", size, color) for color in ("red", "green", "blue")[:frames]]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=120, loop=0)
    return out.getvalue()


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A valid PNG header claiming 10 billion pixels, in a few hundred bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * (width // 8)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * 8, 9)) + chunk(b"IEND", b""))


HTML_AS_PNG = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_AS_PNG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
              b'height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>')
TEXT_AS_PNG = b"Just some notes saved with the wrong name.\n"
