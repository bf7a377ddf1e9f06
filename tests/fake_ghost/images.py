"""Image uploads on the fake Ghost: `POST /images/upload/` (multipart `file`, optional
`purpose` and `ref`), checked like Ghost and kept in `images`."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import default as email_policy
from typing import Any

from tests.fake_ghost.model import IMAGE_TYPES, GhostFault, _validation


class ImagesMixin:
    """Image uploads; part of `FakeGhost`."""

    def _upload_image(self, content_type: str, raw: bytes) -> dict:
        """POST /images/upload/: multipart with `file` (and optional `purpose`, `ref`)."""
        if not content_type.lower().startswith("multipart/form-data"):
            raise GhostFault(415, "UnsupportedMediaTypeError", "Please select an image.")
        message = BytesParser(policy=email_policy).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[name] = part
        upload = fields.get("file")
        if upload is None or not upload.get_filename():
            raise _validation("Please select an image.")
        filename = upload.get_filename()
        mime = upload.get_content_type()
        ext = filename.rsplit(".", 1)[-1].lower()
        if mime not in IMAGE_TYPES or ext not in IMAGE_TYPES[mime]:
            raise GhostFault(415, "UnsupportedMediaTypeError",
                             "Please select a valid image file.")
        ref = fields["ref"].get_content().strip() if "ref" in fields else None
        with self._lock:
            base, stored, n = filename.rsplit(".", 1)[0], filename, 1
            while any(i["name"] == stored for i in self.images):
                stored, n = f"{base}-{n}.{ext}", n + 1
            url = f"{self.base_url}/content/images/2026/12/{stored}"
            self.images.append({"name": stored, "content_type": mime, "url": url, "ref": ref,
                                "content": upload.get_payload(decode=True)})
        return {"images": [{"url": url, "ref": ref}]}
