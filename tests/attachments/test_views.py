"""Attachments are served only to users who may see the owner, and uploads are reported."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from opencen.attachments.models import Attachment
from opencen.attachments.services import attachment_add
from opencen.attachments.views import attachment_panel_context
from opencen.audit.choices import AuditEventType, AuditOutcome
from opencen.audit.models import AuditEvent
from tests.attachments.files import jpeg_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo_bytes():
    return jpeg_bytes(size=(900, 600), gps=True)


@pytest.fixture
def photo(officer, owner, photo_bytes):
    return attachment_add(
        actor=officer,
        owner=owner,
        uploaded_file=upload("صورة المخبأ.jpg", photo_bytes, "image/jpeg"),
        caption="False floor",
    )


def _url(name, attachment_id):
    return reverse(f"attachments:{name}", kwargs={"attachment_id": attachment_id})


def test_the_original_downloads_byte_identical_and_is_audited(client, officer, photo, photo_bytes):
    client.force_login(officer)
    response = client.get(_url("original", photo.id))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == photo_bytes
    assert hashlib.sha256(body).hexdigest() == photo.sha256
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert "%D8%B5%D9%88%D8%B1%D8%A9" in response["Content-Disposition"]  # "صورة", encoded
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]
    [event] = AuditEvent.objects.filter(event_type=AuditEventType.ATTACHMENT_DOWNLOADED)
    assert (event.actor, event.target_id, event.outcome) == (
        officer,
        str(photo.id),
        AuditOutcome.SUCCESS,
    )
    assert event.details["sha256"] == photo.sha256


def test_a_misnamed_file_downloads_with_its_real_extension(client, officer, owner):
    attachment = attachment_add(
        actor=officer, owner=owner, uploaded_file=upload("notes.html", jpeg_bytes())
    )
    client.force_login(officer)
    response = client.get(_url("original", attachment.id))
    assert response["Content-Disposition"] == 'attachment; filename="notes.html.jpg"'


@pytest.mark.parametrize("name", ["thumbnail", "display"])
def test_derivatives_are_inline_private_and_not_audited(client, officer, photo, name):
    client.force_login(officer)
    response = client.get(_url(name, photo.id))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "Content-Disposition" not in response or "inline" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body[:2] == b"\xff\xd8" and b"Exif" not in body
    assert not AuditEvent.objects.filter(event_type=AuditEventType.ATTACHMENT_DOWNLOADED).exists()


@pytest.mark.parametrize("name", ["original", "thumbnail", "display"])
def test_anonymous_visitors_are_sent_to_login(client, photo, name):
    response = client.get(_url(name, photo.id))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("name", ["original", "thumbnail", "display"])
def test_users_the_owner_refuses_get_404_like_a_missing_attachment(client, outsider, photo, name):
    client.force_login(outsider)
    assert client.get(_url(name, photo.id)).status_code == 404
    assert client.get(_url(name, uuid.uuid4())).status_code == 404
    assert not AuditEvent.objects.filter(event_type=AuditEventType.ATTACHMENT_DOWNLOADED).exists()


def test_an_unregistered_owner_type_is_denied_to_everyone(client, officer, photo, unit_owners):
    from opencen.accounts.models import Unit
    from opencen.attachments.access import unregister_owner

    unregister_owner(Unit)
    client.force_login(officer)
    assert client.get(_url("original", photo.id)).status_code == 404


def test_a_pdf_has_no_thumbnail(client, officer, owner):
    document = attachment_add(
        actor=officer, owner=owner, uploaded_file=upload("a.pdf", pdf_bytes())
    )
    client.force_login(officer)
    assert client.get(_url("thumbnail", document.id)).status_code == 404
    response = client.get(_url("original", document.id))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()


def _upload_url(owner):
    return reverse(
        "attachments:upload", kwargs={"owner_type": "accounts.unit", "owner_id": str(owner.pk)}
    )


def test_uploading_several_files_keeps_the_good_ones_and_reports_the_bad(
    client, officer, owner, settings, media_root
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1  # every upload goes through a temporary file
    good = jpeg_bytes(size=(640, 480))
    client.force_login(officer)
    response = client.post(
        _upload_url(owner),
        {
            "files": [
                upload("good.jpg", good, "image/jpeg"),
                upload("evil.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
                upload("doc.pdf", pdf_bytes(), "application/pdf"),
            ],
            "caption": "Cargo hold",
            "tag": "concealment",
            "next": "/reference/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/reference/"
    added = list(Attachment.objects.order_by("original_filename"))
    assert [a.original_filename for a in added] == ["doc.pdf", "good.jpg"]
    assert {a.tag for a in added} == {"concealment"}
    stored = (media_root / added[1].original.name).read_bytes()
    assert stored == good
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert "2 files attached." in texts
    assert any("evil.jpg" in text and "not an image or PDF" in text for text in texts)


def test_an_external_next_url_is_not_followed(client, officer, owner):
    client.force_login(officer)
    response = client.post(
        _upload_url(owner),
        {"files": [upload("a.jpg", jpeg_bytes())], "next": "https://elsewhere.example/"},
    )
    assert response["Location"] == reverse("core:home")


def test_upload_refusals(client, outsider, reader, owner, officer):
    body = {"files": [upload("a.jpg", jpeg_bytes())]}
    client.force_login(outsider)
    assert client.post(_upload_url(owner), body).status_code == 404
    client.force_login(reader)
    assert (
        client.post(_upload_url(owner), {"files": [upload("a.jpg", jpeg_bytes())]}).status_code
        == 403
    )
    client.force_login(officer)
    for owner_type, owner_id in [
        ("accounts.user", str(officer.pk)),
        ("nope.nothing", "1"),
        ("accounts.unit", "not-a-key"),
    ]:
        url = reverse("attachments:upload", kwargs={"owner_type": owner_type, "owner_id": owner_id})
        assert client.post(url, {"files": [upload("a.jpg", jpeg_bytes())]}).status_code == 404
    assert client.get(_upload_url(owner)).status_code == 405
    assert not Attachment.objects.exists()


def test_withdrawing_through_the_page(client, officer, reader, photo, owner):
    url = _url("withdraw", photo.id)
    client.force_login(reader)
    assert client.post(url, {"reason": "mine"}).status_code == 403
    client.force_login(officer)
    client.post(url, {"reason": "", "version": photo.version})
    photo.refresh_from_db()
    assert not photo.is_withdrawn
    client.post(url, {"reason": "Belongs to another case", "version": photo.version})
    photo.refresh_from_db()
    assert photo.is_withdrawn
    # The evidence is still there for whoever may see the record.
    assert client.get(_url("original", photo.id)).status_code == 200


def test_the_gallery_and_upload_snippets_render(officer, reader, owner, photo):
    document = attachment_add(
        actor=officer, owner=owner, uploaded_file=upload("b.pdf", pdf_bytes())
    )
    request = RequestFactory().get("/some/page/")
    request.user = officer
    context = attachment_panel_context(request=request, owner=owner)
    html = render_to_string("attachments/_gallery.html", context, request=request)
    html += render_to_string("attachments/_upload.html", context, request=request)
    assert _url("thumbnail", photo.id) in html
    assert _url("display", photo.id) in html
    assert _url("original", document.id) in html
    assert photo.sha256 in html and photo.sha256[:12] in html
    assert 'alt="False floor"' in html
    assert 'type="file"' in html and "multiple" in html
    assert _url("withdraw", photo.id) in html
    assert "<script" not in html
    request.user = reader
    context = attachment_panel_context(request=request, owner=owner)
    html = render_to_string("attachments/_gallery.html", context, request=request)
    html += render_to_string("attachments/_upload.html", context, request=request)
    assert 'type="file"' not in html and _url("withdraw", photo.id) not in html
    assert _url("thumbnail", photo.id) in html
