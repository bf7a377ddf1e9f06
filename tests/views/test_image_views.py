"""Uploading images into a draft and serving them: auth, CSRF, limits, headers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from drafts.models import DraftImage, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.factories import login, make_draft, make_user
from tests.images import HTML_AS_PNG, SVG_AS_PNG, jpeg_with_gps, png_bomb, png_with_exif


def _post(client, draft_id, data: bytes, filename="photo.png", **kwargs):
    return client.post(f"/drafts/{draft_id}/images",
                       data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data",
                       headers={"Accept": "application/json"}, **kwargs)


def _get(client, url, **kwargs):
    """GET, read the body and close the response."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


@pytest.fixture
def author_draft(client, dbs):
    author = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, author)
    login(client, author)
    return author, draft


def test_upload_answers_src_and_empty_alt_and_serves_the_clean_image(client, dbs, app, author_draft):
    _, draft = author_draft
    response = _post(client, draft.id, jpeg_with_gps(), filename="IMG_0001.JPG")
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert body["alt"] == ""
    assert body["src"].startswith(f"/drafts/{draft.id}/images/") and body["src"].endswith(".jpg")
    assert (body["width"], body["height"]) == (20, 40)  # turned as the camera said
    name = body["src"].rsplit("/", 1)[1]
    stored = Path(app.config["BYLINE_IMAGE_DIR"]) / name[:2] / name
    assert stored.is_file()

    image = _get(client, body["src"])
    assert image.status_code == 200
    assert image.headers["Content-Type"] == "image/jpeg"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert image.headers["Cache-Control"] == "private, max-age=31536000, immutable"
    assert image.headers["ETag"]
    assert image.data == stored.read_bytes()
    assert not Image.open(io.BytesIO(image.data)).getexif()  # no GPS, no camera
    again = _get(client, body["src"], headers={"If-None-Match": image.headers["ETag"]})
    assert again.status_code == 304


def test_same_image_twice_is_stored_once(client, dbs, app, author_draft):
    _, draft = author_draft
    first = _post(client, draft.id, png_with_exif()).get_json()
    second = _post(client, draft.id, png_with_exif(), filename="copy.png").get_json()
    assert first["src"] == second["src"]
    files = [p for p in Path(app.config["BYLINE_IMAGE_DIR"]).rglob("*") if p.is_file()]
    assert len(files) == 1
    assert len(dbs.scalars(select(DraftImage)).all()) == 1


def test_upload_needs_csrf(client, author_draft):
    _, draft = author_draft
    response = _post(client, draft.id, png_with_exif(), csrf=False)
    assert response.status_code == 400
    assert "Reload the page" in response.get_json()["error"]


def test_signed_out_and_other_people_get_nothing(client, dbs, author_draft):
    author, draft = author_draft
    src = _post(client, draft.id, png_with_exif()).get_json()["src"]
    other = make_user(dbs, Role.AUTHOR)
    login(client, other)
    assert _post(client, draft.id, png_with_exif()).status_code == 404
    assert _get(client, src, headers={"Accept": "application/json"}).status_code == 404
    reviewer = make_user(dbs, Role.REVIEWER)
    login(client, reviewer)  # not submitted yet: reviewers cannot see it
    assert _get(client, src, headers={"Accept": "application/json"}).status_code == 404
    client.post("/logout")
    assert _get(client, src).status_code in (302, 401)
    assert _post(client, draft.id, png_with_exif()).status_code in (302, 401)


def test_reviewer_sees_images_of_a_submitted_draft_but_cannot_add_when_not_editable(client, dbs,
                                                                                   author_draft):
    author, draft = author_draft
    src = _post(client, draft.id, png_with_exif()).get_json()["src"]
    reviewer = make_user(dbs, Role.REVIEWER)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.REQUEST_CHANGES, note="Shorter, please.")
    dbs.commit()
    login(client, reviewer)
    assert _get(client, src).status_code == 200
    refused = _post(client, draft.id, png_with_exif())
    assert refused.status_code == 403
    assert "cannot add images" in refused.get_json()["error"]


def test_image_of_another_draft_is_not_served_under_this_one(client, dbs, author_draft):
    author, draft = author_draft
    src = _post(client, draft.id, png_with_exif()).get_json()["src"]
    other_draft = make_draft(dbs, author)
    name = src.rsplit("/", 1)[1]
    assert _get(client, f"/drafts/{other_draft.id}/images/{name}",
                      headers={"Accept": "application/json"}).status_code == 404
    assert client.get(f"/drafts/{draft.id}/images/..%2Fsecret_key").status_code == 404
    assert _get(client, f"/drafts/{draft.id}/images/{'0' * 64}.png").status_code == 404


@pytest.mark.parametrize("data", [HTML_AS_PNG, SVG_AS_PNG], ids=["html", "svg"])
def test_not_an_image_is_422_and_nothing_is_stored(client, dbs, app, author_draft, data):
    _, draft = author_draft
    response = _post(client, draft.id, data, filename="chart.png")
    assert response.status_code == 422
    assert "not a PNG, JPEG, GIF or WebP image" in response.get_json()["error"]
    assert not list(Path(app.config["BYLINE_IMAGE_DIR"]).rglob("*.*"))
    assert dbs.scalars(select(DraftImage)).all() == []


def test_bomb_is_422(client, author_draft):
    _, draft = author_draft
    response = _post(client, draft.id, png_bomb())
    assert response.status_code == 422
    assert "pixels" in response.get_json()["error"]


def test_missing_file_field_is_422(client, author_draft):
    _, draft = author_draft
    response = client.post(f"/drafts/{draft.id}/images", data={"other": "x"},
                           content_type="multipart/form-data",
                           headers={"Accept": "application/json"})
    assert response.status_code == 422
    assert "file" in response.get_json()["error"]


def test_size_limit_is_413_with_a_clear_message(make_app, app_config, dbs):
    small = make_app({**app_config, "BYLINE_IMAGE_MAX_BYTES": 1_000})
    client = small.test_client()
    author = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, author)
    login(client, author)
    big = Image.effect_noise((200, 200), 64).convert("RGB")
    out = io.BytesIO()
    big.save(out, "PNG")
    response = _post(client, draft.id, out.getvalue())
    assert response.status_code == 413
    assert "over the 0.001 MB limit" in response.get_json()["error"]


def test_image_larger_than_the_text_limit_is_accepted(make_app, app_config, dbs):
    """The app-wide request limit is sized for text (BYLINE_MAX_BODY_BYTES); images have theirs."""
    app = make_app({**app_config, "MAX_CONTENT_LENGTH": 50_000})
    client = app.test_client()
    author = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, author)
    login(client, author)
    noisy = io.BytesIO()
    Image.effect_noise((300, 300), 90).convert("RGB").save(noisy, "PNG")
    assert len(noisy.getvalue()) > 60_000
    response = _post(client, draft.id, noisy.getvalue())
    assert response.status_code == 201, response.get_data(as_text=True)
