"""Choices of the attachments app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


class AttachmentTag(models.TextChoices):
    """What a file shows. Codes are stable: they are stored and exchanged."""

    CONCEALMENT = "concealment", _("Concealment")
    GOODS = "goods", _("Goods")
    DOCUMENT = "document", _("Document")
    XRAY = "xray", _("X-ray image")
    OTHER = "other", _("Other")
