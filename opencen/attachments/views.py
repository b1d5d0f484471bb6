"""Serving attachments and receiving uploads, only to users who may see the owner record.

The original is downloaded (never shown inline), with the detected media type, and each
download is audited. Thumbnails and display images are shown inline and not audited one by
one: a gallery shows dozens at a time, and the owner's own page view is what the audit log
records (persons and companies audit each view). Anyone who may not see the owner gets the
same 404 as for an attachment that does not exist.
"""

from __future__ import annotations

import logging
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from opencen.attachments.access import can_change_owner
from opencen.attachments.forms import AttachmentRemoveForm, AttachmentUploadForm
from opencen.attachments.models import Attachment
from opencen.attachments.selectors import (
    attachment_get_visible,
    attachment_list_for_owner,
    owner_get_visible,
)
from opencen.attachments.services import (
    AttachmentConflict,
    attachment_remove,
    attachments_add,
)
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record

logger = logging.getLogger(__name__)

#: Derivatives never change for a given attachment; the browser keeps them for a while.
DERIVATIVE_MAX_AGE = 3600


def _visible_or_404(request: HttpRequest, attachment_id: uuid.UUID) -> Attachment:
    attachment = attachment_get_visible(user=request.user, attachment_id=attachment_id)
    if attachment is None:
        raise Http404
    return attachment


def _open_or_404(field) -> object:
    try:
        return field.storage.open(field.name, "rb")
    except FileNotFoundError:
        logger.error("Attachment file %s is missing from storage.", field.name)
        raise Http404 from None


@require_GET
def attachment_original(request: HttpRequest, attachment_id: uuid.UUID) -> HttpResponse:
    """The original file, byte for byte, as a download; audited."""
    attachment = _visible_or_404(request, attachment_id)
    stored = _open_or_404(attachment.original)
    audit_record(
        actor=request.user,
        event_type=AuditEventType.ATTACHMENT_DOWNLOADED,
        target=attachment,
        details={
            "owner_type": attachment.content_type.app_label + "." + attachment.content_type.model,
            "owner_id": attachment.object_id,
            "sha256": attachment.sha256,
        },
    )
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=attachment.download_filename,
        content_type=attachment.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser render it anyway, it runs nothing and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, private=True, no_store=True)
    return response


def _derivative(request: HttpRequest, attachment_id: uuid.UUID, field_name: str) -> HttpResponse:
    attachment = _visible_or_404(request, attachment_id)
    field = getattr(attachment, field_name)
    if not field:  # a PDF has no image derivative
        raise Http404
    response = FileResponse(_open_or_404(field), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=DERIVATIVE_MAX_AGE)
    return response


@require_GET
def attachment_thumbnail(request: HttpRequest, attachment_id: uuid.UUID) -> HttpResponse:
    """The thumbnail (320 px), inline."""
    return _derivative(request, attachment_id, "thumbnail")


@require_GET
def attachment_display(request: HttpRequest, attachment_id: uuid.UUID) -> HttpResponse:
    """The display image (1600 px), inline."""
    return _derivative(request, attachment_id, "display")


def _back(request: HttpRequest, owner: models.Model | None) -> HttpResponse:
    """Back to the page the form was on, or the owner's page."""
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    if owner is not None and hasattr(owner, "get_absolute_url"):
        return redirect(owner.get_absolute_url())
    return redirect("core:home")


def attachments_upload_handle(request: HttpRequest, owner) -> None:
    """Add the files of an upload form posted for ``owner`` (whose change the caller checked)
    and tell the user, in messages, what was attached and what was refused and why."""
    form = AttachmentUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return
    result = attachments_add(
        actor=request.user,
        owner=owner,
        files=form.cleaned_data["files"],
        caption=form.cleaned_data.get("caption") or "",
        tag=form.cleaned_data.get("tag") or None,
    )
    if result.added:
        messages.success(
            request,
            ngettext("%(count)d file attached.", "%(count)d files attached.", len(result.added))
            % {"count": len(result.added)},
        )
    for refusal in result.rejected:
        messages.error(request, _("Not attached: %(refusal)s") % {"refusal": refusal})


@require_POST
def attachment_upload(request: HttpRequest, owner_type: str, owner_id: str) -> HttpResponse:
    """Several files at once: the good ones are kept, each refused one is reported."""
    owner = owner_get_visible(user=request.user, owner_type=owner_type, owner_id=owner_id)
    if owner is None:
        raise Http404
    if not can_change_owner(request.user, owner):
        raise PermissionDenied
    attachments_upload_handle(request, owner)
    return _back(request, owner)


@require_POST
def attachment_withdraw(request: HttpRequest, attachment_id: uuid.UUID) -> HttpResponse:
    """Withdraw an attachment with a reason; the files are kept."""
    attachment = _visible_or_404(request, attachment_id)
    owner = attachment.owner
    if not can_change_owner(request.user, owner):
        raise PermissionDenied
    form = AttachmentRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the attachment is withdrawn."))
        return _back(request, owner)
    try:
        attachment_remove(
            actor=request.user,
            attachment=attachment,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except (ValidationError, AttachmentConflict) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            _("“%(name)s” is withdrawn; the original is kept.")
            % {"name": attachment.original_filename},
        )
    return _back(request, owner)


def attachment_panel_context(*, request: HttpRequest, owner: models.Model) -> dict:
    """Context for ``attachments/_gallery.html`` and ``_upload.html`` on an owner's page."""
    can_change = can_change_owner(request.user, owner)
    return {
        "attachments": attachment_list_for_owner(user=request.user, owner=owner),
        "attachment_can_change": can_change,
        "attachment_upload_form": AttachmentUploadForm() if can_change else None,
        "attachment_upload_url": reverse(
            "attachments:upload",
            kwargs={"owner_type": owner._meta.label_lower, "owner_id": str(owner.pk)},
        ),
        "attachment_remove_form": AttachmentRemoveForm() if can_change else None,
    }
