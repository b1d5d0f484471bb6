"""Adding, re-captioning and withdrawing attachments: files, rows and audit events."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opencen.attachments import services
from opencen.attachments.choices import AttachmentKind, AttachmentTag
from opencen.attachments.models import Attachment
from opencen.attachments.services import (
    AttachmentConflict,
    attachment_add,
    attachment_remove,
    attachment_update_caption,
    attachments_add,
)
from opencen.attachments.validators import AttachmentRejected
from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from tests.attachments.conftest import stored_files
from tests.attachments.files import image_bytes, jpeg_bytes, pdf_bytes, tiff16_bytes, upload
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _events(event_type, attachment):
    return list(AuditEvent.objects.filter(event_type=event_type, target_id=str(attachment.pk)))


def test_an_image_is_stored_byte_for_byte_with_its_hash_and_derivatives(officer, owner, media_root):
    content = jpeg_bytes(size=(2000, 1500), gps=True)
    attachment = attachment_add(
        actor=officer,
        owner=owner,
        uploaded_file=upload("IMG_0042.JPG", content, "image/jpeg"),
        caption="  Bricks behind the front wall  ",
        tag=AttachmentTag.CONCEALMENT,
    )
    attachment.refresh_from_db()
    assert attachment.owner == owner
    assert attachment.object_id == str(owner.pk)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.size == len(content)
    assert (attachment.media_type, attachment.kind) == ("image/jpeg", AttachmentKind.IMAGE)
    assert (attachment.width, attachment.height) == (2000, 1500)
    assert attachment.caption == "Bricks behind the front wall"
    assert attachment.tag == AttachmentTag.CONCEALMENT
    assert attachment.original_filename == "IMG_0042.JPG"
    assert attachment.created_by == officer
    # The server chose the name; the uploaded one appears nowhere in storage.
    year, month = attachment.created_at.strftime("%Y %m").split()
    assert attachment.original.name == f"attachments/{year}/{month}/{attachment.id}.jpg"
    assert (media_root / attachment.original.name).read_bytes() == content
    assert attachment.thumbnail.name.endswith(f"{attachment.id}-thumbnail.jpg")
    assert attachment.display.name.endswith(f"{attachment.id}-display.jpg")
    assert b"EvidenceCam" not in (media_root / attachment.display.name).read_bytes()
    [event] = _events(AuditEventType.ATTACHMENT_ADDED, attachment)
    assert event.actor == officer
    assert event.details["sha256"] == attachment.sha256
    assert event.details["owner_type"] == "accounts.unit"
    assert event.details["owner_id"] == str(owner.pk)


def test_a_pdf_gets_no_image_derivative_and_is_tagged_document(officer, owner, media_root):
    attachment = attachment_add(
        actor=officer, owner=owner, uploaded_file=upload("bill.pdf", pdf_bytes())
    )
    assert attachment.kind == AttachmentKind.DOCUMENT
    assert attachment.tag == AttachmentTag.DOCUMENT
    assert not attachment.thumbnail and not attachment.display
    assert attachment.width is None
    assert stored_files(media_root) == [attachment.original.name]


def test_a_16_bit_xray_is_kept_as_uploaded(officer, owner, media_root):
    content = tiff16_bytes()
    attachment = attachment_add(
        actor=officer, owner=owner, uploaded_file=upload("scan.tiff", content), tag="xray"
    )
    assert (media_root / attachment.original.name).read_bytes() == content
    assert attachment.original.name.endswith(".tif")
    assert attachment.thumbnail


def test_a_refused_file_leaves_nothing_behind(officer, owner, media_root):
    with pytest.raises(AttachmentRejected):
        attachment_add(actor=officer, owner=owner, uploaded_file=upload("x.jpg", b"<html>"))
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_files_written_are_removed_when_the_transaction_fails(
    officer, owner, media_root, monkeypatch
):
    def failing_audit(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(services, "audit_record", failing_audit)
    with pytest.raises(RuntimeError):
        attachment_add(actor=officer, owner=owner, uploaded_file=upload("a.jpg", jpeg_bytes()))
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_batch_keeps_the_good_files_and_names_each_bad_one(officer, owner):
    truncated = jpeg_bytes(size=(300, 300))[:500]
    result = attachments_add(
        actor=officer,
        owner=owner,
        files=[
            upload("one.jpg", jpeg_bytes()),
            upload("page.jpg", b"<!doctype html><p>hello</p>"),
            upload("two.png", image_bytes("PNG")),
            upload("broken.jpg", truncated),
            upload("doc.pdf", pdf_bytes()),
        ],
        caption="Seized at the port",
    )
    assert [a.original_filename for a in result.added] == ["one.jpg", "two.png", "doc.pdf"]
    assert {a.caption for a in result.added} == {"Seized at the port"}
    assert [(r.filename, r.reason) for r in result.rejected] == [
        (
            "page.jpg",
            "not an image or PDF we accept (JPEG, PNG, WebP, TIFF images and PDF documents are).",
        ),
        ("broken.jpg", "the image is truncated or damaged."),
    ]
    assert Attachment.objects.count() == 3


def test_the_same_file_twice_on_one_record_is_refused(officer, owner):
    content = jpeg_bytes()
    attachment_add(actor=officer, owner=owner, uploaded_file=upload("a.jpg", content))
    with pytest.raises(AttachmentRejected, match="already attached"):
        attachment_add(actor=officer, owner=owner, uploaded_file=upload("copy.jpg", content))
    # Another record may hold the same file.
    quay = UnitFactory(code="QUAY", name="Quay 3", parent=owner)
    attachment_add(actor=officer, owner=quay, uploaded_file=upload("a.jpg", content))


def test_only_users_the_owner_allows_may_add(outsider, reader, owner, officer):
    for user in (outsider, reader):
        with pytest.raises(PermissionDenied):
            attachment_add(actor=user, owner=owner, uploaded_file=upload("a.jpg", jpeg_bytes()))
    # A type nobody registered cannot carry attachments at all.
    with pytest.raises(PermissionDenied):
        attachment_add(actor=officer, owner=officer, uploaded_file=upload("a.jpg", jpeg_bytes()))
    assert not Attachment.objects.exists()


def test_caption_and_tag_changes_are_versioned_and_audited(officer, owner):
    attachment = attachment_add(
        actor=officer, owner=owner, uploaded_file=upload("a.jpg", jpeg_bytes())
    )
    changed = attachment_update_caption(
        actor=officer,
        attachment=attachment,
        caption="Cocaine bricks",
        tag="goods",
        expected_version=1,
    )
    assert (changed.caption, changed.tag, changed.version) == ("Cocaine bricks", "goods", 2)
    [event] = _events(AuditEventType.RECORD_CHANGED, attachment)
    assert event.details["changes"] == {
        "caption": ["", "Cocaine bricks"],
        "tag": ["other", "goods"],
    }
    with pytest.raises(AttachmentConflict):
        attachment_update_caption(
            actor=officer, attachment=attachment, caption="stale", expected_version=1
        )


def test_removing_withdraws_and_keeps_every_file(officer, owner, media_root):
    attachment = attachment_add(
        actor=officer, owner=owner, uploaded_file=upload("a.jpg", jpeg_bytes())
    )
    files_before = stored_files(media_root)
    with pytest.raises(ValidationError):
        attachment_remove(actor=officer, attachment=attachment, reason="   ")
    removed = attachment_remove(actor=officer, attachment=attachment, reason="Wrong seizure")
    assert removed.is_withdrawn and removed.withdrawn_by == officer
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert stored_files(media_root) == files_before
    [event] = _events(AuditEventType.ATTACHMENT_REMOVED, attachment)
    assert event.details["reason"] == "Wrong seizure"
    with pytest.raises(ValidationError):
        attachment_remove(actor=officer, attachment=removed, reason="again")
    with pytest.raises(ValidationError):
        attachment_update_caption(actor=officer, attachment=removed, caption="x")
