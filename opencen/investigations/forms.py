"""Forms of the investigation pages: they turn what was typed into service input."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from opencen.attachments.forms import MultipleFileField
from opencen.investigations.choices import CaseKind, JournalKind, Priority
from opencen.investigations.services import InvestigationInput
from opencen.reference.choices import HandlingCode


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's errors beside the fields they name (the rest above the form)."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class InvestigationForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=CaseKind.choices,
        initial=CaseKind.INVESTIGATION,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the case is about and what is expected; the journal keeps the rest."),
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL
    )
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    handling_code = forms.ChoiceField(
        label=_("Handling code"),
        choices=HandlingCode.choices,
        initial=HandlingCode.H2,
        help_text=_(
            "H2 and H3 investigations are seen only by their supervisor, their officers and "
            "the supervisors above them."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select"
            elif not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs["class"] = "form-control"

    def to_input(self) -> InvestigationInput:
        data = self.cleaned_data
        return InvestigationInput(
            kind=data["kind"],
            title=data["title"],
            summary=data.get("summary") or "",
            priority=data["priority"],
            due_on=data.get("due_on"),
            handling_code=data["handling_code"],
        )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        name = user.get_full_name() or user.username
        return f"{name} ({user.unit.code})" if user.unit_id else name


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        name = user.get_full_name() or user.username
        return f"{name} ({user.unit.code})" if user.unit_id else name


class AssignForm(ServiceErrorsMixin, forms.Form):
    supervisor = UserChoiceField(label=_("Supervisor"), queryset=None, empty_label=None)
    officers = UserMultipleChoiceField(
        label=_("Assigned officers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They see the investigation under “My investigations” and add to its journal."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, supervisors, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
        self.fields["supervisor"].widget.attrs["class"] = "form-select"
        self.fields["officers"].queryset = officers


class JournalEntryForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of entry"),
        choices=JournalKind.choices,
        initial=JournalKind.NOTE,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Entry"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = MultipleFileField(
        label=_("Attach files"),
        required=False,
        help_text=_("Photos or PDF documents; each is checked before it is kept."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "form-check-input"
        self.fields["text"].widget.attrs["class"] = "form-control"
        self.fields["files"].widget.attrs["class"] = "form-control"


class TransitionCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea
    )


class LinkForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Record"),
        choices=[
            ("person", _("Person")),
            ("company", _("Company")),
            ("seizure", _("Seizure")),
        ],
    )
    record = forms.CharField(
        label=_("Reference or name"),
        max_length=200,
        help_text=_("A seizure reference, or the name of a person or company, as on file."),
    )
