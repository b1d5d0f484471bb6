"""Reading attachments: always through the owner's access check."""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet

from opencen.attachments.access import can_view_owner
from opencen.attachments.models import Attachment


def attachment_get_visible(*, user, attachment_id: uuid.UUID | str) -> Attachment | None:
    """The attachment if it exists and ``user`` may see its owner; None otherwise.

    Callers answer both cases the same way (404), so an attachment's existence is not
    revealed to someone who may not see it.
    """
    attachment = Attachment.objects.select_related("content_type").filter(pk=attachment_id).first()
    if attachment is None or not can_view_owner(user, attachment.owner):
        return None
    return attachment


def attachment_list_for_owner(
    *, user, owner: models.Model, include_withdrawn: bool = False
) -> QuerySet[Attachment]:
    """The attachments of ``owner`` in upload order; none when ``user`` may not see it."""
    if not can_view_owner(user, owner):
        return Attachment.objects.none()
    attachments = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=str(owner.pk)
    ).select_related("created_by")
    if not include_withdrawn:
        attachments = attachments.filter(withdrawn_at__isnull=True)
    return attachments


def owner_get_visible(*, user, owner_type: str, owner_id: str) -> models.Model | None:
    """The record named by ``"app_label.model"`` and primary key, if ``user`` may see it.

    None when the type is unknown or not registered, the record does not exist, or the user
    may not see it: callers answer all of these with the same 404.
    """
    app_label, _dot, model_name = owner_type.partition(".")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    if model is None:
        return None
    try:
        owner = model._default_manager.filter(pk=owner_id).first()
    except (ValueError, ValidationError):  # not a valid key for this model
        return None
    return owner if can_view_owner(user, owner) else None
