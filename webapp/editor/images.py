"""Images in drafts: upload (JSON for the editor) and the route that serves them."""

from __future__ import annotations

from flask import Response, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from drafts.errors import NotFound, PermissionDenied, ValidationError
from drafts.media import ImageRejected, ImageTooLarge
from drafts.media import service as media
from drafts.writing import editing
from webapp.access import me, roles_required
from webapp.editor import bp
from webapp.editor.pages import EDITORS
from webapp.extensions import csrf, db, image_limits, image_store

FORM_OVERHEAD = 64_000  # the multipart envelope and the CSRF field around the file
CACHE_FOR = 60 * 60 * 24 * 365  # a name is its content's hash: it never changes


def _error(message: str, status: int):
    return jsonify(error=message, status=status), status


@bp.post("/drafts/<int:draft_id>/images")
@csrf.exempt  # checked below, once the request may be as large as an image
@roles_required(*EDITORS)
def upload_image(draft_id: int):
    """multipart/form-data with the picture in `file` (and the CSRF token in the
    X-CSRFToken header or a csrf_token field); answers {"src", "alt", "width", "height"}."""
    limits = image_limits()
    # The app-wide request limit is sized for text; an image may be larger. Set this
    # request's limit before anything (the CSRF check included) reads the body.
    request.max_content_length = limits.max_bytes + FORM_OVERHEAD
    if (request.content_length or 0) > request.max_content_length:
        return _error(ImageTooLarge(request.content_length or 0, limits.max_bytes).message, 413)
    try:
        csrf.protect()
        draft = editing.get_draft(db.session, draft_id, me())
        upload = request.files.get("file")
    except RequestEntityTooLarge:
        return _error(ImageTooLarge(limits.max_bytes + 1, limits.max_bytes).message, 413)
    if upload is None:
        return _error("Choose an image to add (send it in the form field `file`).", 422)
    data = upload.stream.read(limits.max_bytes + 1)
    try:
        image = media.upload(db.session, image_store(), draft, me(), data, limits)
    except PermissionDenied as error:
        return _error(error.message, 403)
    except ImageTooLarge as error:
        return _error(error.message, 413)
    except (ImageRejected, ValidationError) as error:
        return _error(error.message, 422)
    db.session.commit()
    return jsonify(src=media.image_path(draft.id, image.name), alt="",
                   width=image.width, height=image.height), 201


@bp.get("/drafts/<int:draft_id>/images/<name>")
@roles_required(*EDITORS)
def image(draft_id: int, name: str):
    """Only for those who may see the draft; private, cached for a year (never changes)."""
    try:
        path, content_type = media.viewable(db.session, image_store(), me(), draft_id, name)
    except NotFound as error:
        return _error(error.message, 404)
    etag = name.split(".")[0]
    if request.if_none_match.contains(etag):  # the browser has it: it never changes
        response = Response(status=304)
    else:  # read whole (at most BYLINE_IMAGE_MAX_BYTES): no file is left open
        response = Response(path.read_bytes(), mimetype=content_type)
    response.set_etag(etag)
    response.headers["Cache-Control"] = f"private, max-age={CACHE_FOR}, immutable"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
