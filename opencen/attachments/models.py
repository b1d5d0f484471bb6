"""Attachments: photos and documents attached to any record (a seizure, a person...)."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencen.attachments.choices import AttachmentKind, AttachmentTag
from opencen.core.models import BaseModel

#: Extensions a download may end with, by detected media type (the first one is ours).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "image/jpeg": ("jpg", "jpeg", "jpe", "jfif"),
    "image/png": ("png",),
    "image/webp": ("webp",),
    "image/tiff": ("tif", "tiff"),
    "application/pdf": ("pdf",),
}


class Attachment(BaseModel):
    """A file attached to a record, kept as evidence.

    The original is stored byte for byte under a name the server chooses, with its SHA-256.
    Images also get a thumbnail and a display derivative, re-encoded without metadata. The
    owner is any registered model (see ``access.py``), by content type and primary key.
    An attachment is never deleted: removing it marks it withdrawn and keeps every file.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("owner type"), on_delete=models.PROTECT, related_name="+"
    )
    # Holds the owner's primary key as text: a UUID for domain records (36 characters).
    object_id = models.CharField(_("owner id"), max_length=36)
    owner = GenericForeignKey("content_type", "object_id")

    original = models.FileField(_("original file"), max_length=255)
    original_filename = models.CharField(_("file name as uploaded"), max_length=255)
    media_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    width = models.PositiveIntegerField(_("width in pixels"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height in pixels"), null=True, blank=True)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    tag = models.CharField(
        _("tag"), max_length=20, choices=AttachmentTag.choices, default=AttachmentTag.OTHER
    )
    thumbnail = models.FileField(_("thumbnail"), max_length=255, blank=True)
    display = models.FileField(_("display image"), max_length=255, blank=True)

    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="attachments_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.original_filename

    @property
    def is_image(self) -> bool:
        return self.kind == AttachmentKind.IMAGE

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def sha256_short(self) -> str:
        return f"{self.sha256[:12]}…"

    @property
    def download_filename(self) -> str:
        """The name a download is saved under: as uploaded, ending with a fitting extension.

        A file named ``notes.html`` that is really a JPEG downloads as ``notes.html.jpg``, so
        the officer's computer never opens evidence with the wrong program.
        """
        extensions = EXTENSIONS.get(self.media_type, ())
        suffix = PurePosixPath(self.original_filename).suffix.lower().lstrip(".")
        if not extensions or suffix in extensions:
            return self.original_filename
        return f"{self.original_filename}.{extensions[0]}"
