"""Adding, re-captioning and withdrawing attachments. Each write is audited in its transaction.

Files are written to storage before the row is committed; if anything fails before the
commit, the files just written are deleted again. Attachments are evidence: they are never
deleted, only withdrawn (hidden from the owner's gallery, every file kept).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencen.attachments.access import can_change_owner, is_registered_owner_type
from opencen.attachments.choices import AttachmentKind, AttachmentTag
from opencen.attachments.derivatives import render_derivatives
from opencen.attachments.models import Attachment
from opencen.attachments.validators import CHUNK_SIZE, AttachmentRejected, inspect_upload
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record

ORIGINALS_FOLDER = "attachments"
DERIVATIVES_FOLDER = "attachment-derivatives"


class AttachmentConflict(Exception):
    """Someone changed the attachment since the version the user edited."""


def _storage() -> Storage:
    return Attachment._meta.get_field("original").storage


def _check_can_change(actor, owner: models.Model) -> None:
    if not is_registered_owner_type(owner):
        raise PermissionDenied(f"{owner._meta.label} records cannot carry attachments.")
    if not can_change_owner(actor, owner):
        raise PermissionDenied


def _owner_details(owner: models.Model) -> dict:
    return {"owner_type": owner._meta.label_lower, "owner_id": str(owner.pk)}


def attachment_add(
    *,
    actor,
    owner: models.Model,
    uploaded_file: UploadedFile,
    caption: str = "",
    tag: AttachmentTag | str | None = None,
) -> Attachment:
    """Check one file, store it byte for byte with its derivatives, record it, audit it.

    Raises :class:`AttachmentRejected` (naming the file) when the file is refused, and
    PermissionDenied when ``actor`` may not change ``owner``'s attachments. ``tag`` defaults
    to "document" for a PDF and "other" for an image.
    """
    _check_can_change(actor, owner)
    inspected = inspect_upload(uploaded_file)
    duplicate = (
        Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(owner),
            object_id=str(owner.pk),
            sha256=inspected.sha256,
            withdrawn_at__isnull=True,
        )
        .values_list("original_filename", flat=True)
        .first()
    )
    if duplicate is not None:
        raise AttachmentRejected(
            inspected.filename,
            _("the same file is already attached (as “%(name)s”).") % {"name": duplicate},
        )
    if tag is None:
        is_document = inspected.kind == AttachmentKind.DOCUMENT
        tag = AttachmentTag.DOCUMENT if is_document else AttachmentTag.OTHER

    attachment = Attachment(
        id=uuid.uuid4(),
        content_type=ContentType.objects.get_for_model(owner),
        object_id=str(owner.pk),
        original_filename=inspected.filename,
        media_type=inspected.media_type,
        size=inspected.size,
        sha256=inspected.sha256,
        kind=inspected.kind,
        caption=caption.strip(),
        tag=AttachmentTag(tag),
        created_by=actor,
        updated_by=actor,
    )
    # All the decoding and encoding happens before anything is written.
    derivatives = None
    if inspected.image is not None:
        try:
            derivatives = render_derivatives(inspected.image)
        finally:
            inspected.image.close()
        attachment.width, attachment.height = derivatives.width, derivatives.height

    storage = _storage()
    month = timezone.now().strftime("%Y/%m")
    written: list[str] = []
    try:
        uploaded_file.seek(0)
        name = storage.save(
            f"{ORIGINALS_FOLDER}/{month}/{attachment.id}.{inspected.extension}", uploaded_file
        )
        written.append(name)
        attachment.original.name = name
        _verify_stored(storage, name, expected_sha256=inspected.sha256)
        if derivatives is not None:
            base = f"{DERIVATIVES_FOLDER}/{month}/{attachment.id}"
            name = storage.save(f"{base}-thumbnail.jpg", ContentFile(derivatives.thumbnail))
            written.append(name)
            attachment.thumbnail.name = name
            name = storage.save(f"{base}-display.jpg", ContentFile(derivatives.display))
            written.append(name)
            attachment.display.name = name
        with transaction.atomic():
            attachment.save(force_insert=True)
            audit_record(
                actor=actor,
                event_type=AuditEventType.ATTACHMENT_ADDED,
                target=attachment,
                details={
                    **_owner_details(owner),
                    "filename": attachment.original_filename,
                    "media_type": attachment.media_type,
                    "size": attachment.size,
                    "sha256": attachment.sha256,
                    "tag": attachment.tag,
                    "caption": attachment.caption,
                },
            )
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    return attachment


def _verify_stored(storage: Storage, name: str, *, expected_sha256: str) -> None:
    """Read the stored original back: what is kept must be exactly what was checked."""
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(CHUNK_SIZE), b""):
            digest.update(chunk)
    if digest.hexdigest() != expected_sha256:
        raise OSError(f"The stored copy of {name} differs from the upload.")


@dataclass(frozen=True)
class BatchResult:
    """What happened to each file of one upload."""

    added: list[Attachment]
    rejected: list[AttachmentRejected]


def attachments_add(
    *,
    actor,
    owner: models.Model,
    files: Iterable[UploadedFile],
    caption: str = "",
    tag: AttachmentTag | str | None = None,
) -> BatchResult:
    """Add several files with the same caption and tag.

    Each good file is kept (in its own transaction) and each refused one is reported with its
    reason: an officer who picked ten photos and one wrong file keeps the ten and is told
    which one to fix, instead of uploading all eleven again.
    """
    _check_can_change(actor, owner)
    added: list[Attachment] = []
    rejected: list[AttachmentRejected] = []
    for uploaded_file in files:
        try:
            added.append(
                attachment_add(
                    actor=actor, owner=owner, uploaded_file=uploaded_file, caption=caption, tag=tag
                )
            )
        except AttachmentRejected as refusal:
            rejected.append(refusal)
    return BatchResult(added=added, rejected=rejected)


def _locked(attachment: Attachment, expected_version: int | None) -> Attachment:
    current = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if expected_version is not None and current.version != expected_version:
        raise AttachmentConflict(
            _("“%(name)s” was changed by someone else; reload the page and try again.")
            % {"name": current.original_filename}
        )
    return current


def attachment_update_caption(
    *,
    actor,
    attachment: Attachment,
    caption: str,
    tag: AttachmentTag | str | None = None,
    expected_version: int | None = None,
) -> Attachment:
    """Change the caption (and the tag, when given). The file itself never changes."""
    _check_can_change(actor, attachment.owner)
    with transaction.atomic():
        current = _locked(attachment, expected_version)
        if current.is_withdrawn:
            raise ValidationError(_("A withdrawn attachment cannot be changed."))
        before = {"caption": current.caption, "tag": current.tag}
        current.caption = caption.strip()
        if tag is not None:
            current.tag = AttachmentTag(tag)
        after = {"caption": current.caption, "tag": current.tag}
        if after == before:
            return current
        current.version += 1
        current.updated_by = actor
        current.full_clean(exclude=["original", "thumbnail", "display"])
        current.save(update_fields=["caption", "tag", "version", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            event_type=AuditEventType.RECORD_CHANGED,
            target=current,
            details={
                **_owner_details(attachment.owner),
                "changes": {
                    field: [before[field], after[field]]
                    for field in before
                    if before[field] != after[field]
                },
            },
        )
    return current


def attachment_remove(
    *, actor, attachment: Attachment, reason: str, expected_version: int | None = None
) -> Attachment:
    """Withdraw an attachment: hidden from its owner's gallery, every file and the hash kept.

    Evidence is never destroyed by a click; the reason is required and audited.
    """
    _check_can_change(actor, attachment.owner)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the attachment is withdrawn.")})
    with transaction.atomic():
        current = _locked(attachment, expected_version)
        if current.is_withdrawn:
            raise ValidationError(_("This attachment is already withdrawn."))
        current.withdrawn_at = timezone.now()
        current.withdrawn_by = actor
        current.withdrawal_reason = reason[:500]
        current.version += 1
        current.updated_by = actor
        current.save(
            update_fields=[
                "withdrawn_at",
                "withdrawn_by",
                "withdrawal_reason",
                "version",
                "updated_by",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            event_type=AuditEventType.ATTACHMENT_REMOVED,
            target=current,
            details={
                **_owner_details(attachment.owner),
                "reason": current.withdrawal_reason,
                "sha256": current.sha256,
            },
        )
    return current
