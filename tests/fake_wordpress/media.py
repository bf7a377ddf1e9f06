"""Media on the fake WordPress: `POST /wp/v2/media` takes the raw file named by
`Content-Disposition`, checks the type and the uploader's role, keeps it in `media` and
answers with its `/wp-content/uploads/...` URL."""

from __future__ import annotations

import re

from tests.fake_wordpress.model import MEDIA_TYPES, WPError, _now, _sanitize


class MediaMixin:
    """Uploads; part of `FakeWordPress`."""

    # -- media (POST /wp/v2/media: the raw file, named by Content-Disposition) ---------

    def _upload_media(self, headers: dict[str, str], raw: bytes) -> tuple[int, dict]:
        user = self._authenticate(headers.get("authorization", ""))
        if user is None:
            raise WPError(401, "rest_cannot_create",
                          "Sorry, you are not allowed to upload media as this user.")
        if self._role(user) == "contributor":  # no upload_files capability
            raise WPError(403, "rest_cannot_create",
                          "Sorry, you are not allowed to upload media as this user.")
        if not raw:
            raise WPError(400, "rest_upload_no_data", "No data supplied.")
        disposition = headers.get("content-disposition", "")
        named = re.search(r'filename="?([^";]+)"?', disposition)
        if named is None:
            raise WPError(400, "rest_upload_no_content_disposition",
                          "No Content-Disposition supplied.")
        mime = headers.get("content-type", "").split(";")[0].strip()
        if mime not in MEDIA_TYPES or not named[1].lower().endswith(MEDIA_TYPES[mime]):
            raise WPError(400, "rest_upload_sideload_error",
                          "Sorry, you are not allowed to upload this file type.")
        with self._lock:
            media_id = self._next_post_id  # attachments are posts too
            self._next_post_id += 1
            base, dot, ext = named[1].rpartition(".")
            filename, n = named[1], 1
            while any(m["file"] == filename for m in self.media.values()):
                filename, n = f"{base}-{n}{dot}{ext}", n + 1
            url = f"{self.base_url}/wp-content/uploads/2026/12/{filename}"
            self.media[media_id] = {"id": media_id, "file": filename, "mime_type": mime,
                                    "content": raw, "author": user, "source_url": url}
        return 201, {"id": media_id, "date_gmt": _now(), "slug": _sanitize(base),
                     "status": "inherit", "type": "attachment", "media_type": "image",
                     "mime_type": mime, "source_url": url, "link": f"{self.base_url}/?attachment_id={media_id}",
                     "title": {"raw": base, "rendered": base}, "alt_text": ""}
