"""Forms of the attachments app: the upload of several files and the withdrawal."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencen.attachments.choices import AttachmentTag
from opencen.attachments.models import EXTENSIONS

#: What the file picker offers; the content is checked after upload whatever is picked.
ACCEPT = ",".join(
    (
        *(f".{extension}" for extensions in EXTENSIONS.values() for extension in extensions),
        *EXTENSIONS,
    )
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of uploaded files; checking their content is the service's job."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return list(data)
        single = super().clean(data, initial)
        return [single] if single else []


class AttachmentUploadForm(forms.Form):
    files = MultipleFileField(label=_("Photos or documents"))
    caption = forms.CharField(
        label=_("Caption"),
        max_length=500,
        required=False,
        help_text=_("Applies to every file of this upload; each can be changed afterwards."),
    )
    tag = forms.ChoiceField(
        label=_("Tag"),
        choices=[
            ("", _("Automatic (document for PDFs, other for images)")),
            *AttachmentTag.choices,
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "JPEG, PNG, WebP or TIFF images and PDF documents, up to %(limit)d MB each; "
            "the content of each file is checked."
        ) % {"limit": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)}


class AttachmentRemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=500)
    # The version the user saw: a withdrawal after someone else's change is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
