"""Forms of the company pages: the company with its rows (trading names, addresses, phones,
emails) added and removed in place, the people of a company, and the merge form.

Forms only read and check input; :mod:`opencen.companies.services` applies every rule.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from opencen.companies.choices import CompanyKind, CompanyPersonRole, CompanyStatus
from opencen.companies.models import Company
from opencen.companies.services import CompanyAddressInput, CompanyInput, company_snapshot
from opencen.reference.choices import HandlingCode
from opencen.reference.models import Country

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def country_choices(*, blank: str = "") -> list[tuple[str, str]]:
    """Active countries, alphabetical in the user's language, with their code."""
    items = [
        (c.code, f"{c.localized_label} ({c.code})")
        for c in Country.objects.filter(active=True).only("code", "label", "translations")
    ]
    items.sort(key=lambda item: item[1].casefold())
    return [("", blank or _("—")), *items]


def _country(code: str) -> Country | None:
    return Country.objects.filter(code=code).first() if code else None


class CompanyForm(forms.Form):
    """The company's own fields."""

    name = forms.CharField(
        label=_("Legal name"),
        max_length=300,
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
    )
    legal_form = forms.CharField(
        label=_("Legal form"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": _("Ltd, SARL, GmbH...")}),
    )
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "class": "form-control font-monospace"}),
    )
    tax_number = forms.CharField(
        label=_("Tax number"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "class": "form-control font-monospace"}),
    )
    country = forms.ChoiceField(label=_("Country"), required=False, widget=forms.Select(SELECT))
    website = forms.CharField(
        label=_("Website"), max_length=300, required=False, widget=forms.TextInput(TEXT)
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", "—"), *CompanyKind.choices],
        widget=forms.Select(SELECT),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CompanyStatus.choices,
        initial=CompanyStatus.ACTIVE,
        widget=forms.Select(SELECT),
    )
    handling_code = forms.ChoiceField(
        label=_("Handling code"),
        choices=HandlingCode.choices,
        initial=HandlingCode.H0,
        widget=forms.Select(SELECT),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={**TEXT, "rows": 4}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()

    def clean_country(self):
        code = self.cleaned_data.get("country") or ""
        return _country(code)


class TradingNameRow(forms.Form):
    name = forms.CharField(label=_("Trading name"), max_length=300, widget=forms.TextInput(TEXT))


class AddressRow(forms.Form):
    address = forms.CharField(
        label=_("Address"), max_length=500, required=False, widget=forms.TextInput(TEXT)
    )
    city = forms.CharField(
        label=_("City"), max_length=200, required=False, widget=forms.TextInput(TEXT)
    )
    country = forms.ChoiceField(label=_("Country"), required=False, widget=forms.Select(SELECT))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()


class PhoneRow(forms.Form):
    number = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        widget=forms.TextInput(attrs={**TEXT, "type": "tel", "placeholder": "+27 21 555 0100"}),
    )


class EmailRow(forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={**TEXT})
    )


#: The rows a company holds, with the form of one row.
ROW_FORMS: dict[str, type[forms.Form]] = {
    "trading_names": TradingNameRow,
    "addresses": AddressRow,
    "phones": PhoneRow,
    "emails": EmailRow,
}
SECTION_TITLES = {
    "trading_names": _("Trading names"),
    "addresses": _("Addresses"),
    "phones": _("Phones"),
    "emails": _("Emails"),
}
ADD_LABELS = {
    "trading_names": _("Add trading name"),
    "addresses": _("Add address"),
    "phones": _("Add phone"),
    "emails": _("Add email"),
}
_ROW_KEY = re.compile(r"^(?P<kind>[a-z_]+)-(?P<index>\d{1,4})-")


class RowSet:
    """The rows of one section, read from ``<kind>-<index>-<field>`` names (indexes may have
    gaps where rows were removed); rows left entirely blank are ignored."""

    def __init__(self, kind: str, *, data=None, initial: list[dict] | None = None):
        self.kind = kind
        form_class = ROW_FORMS[kind]
        if data is not None:
            indexes = sorted(
                {
                    int(match["index"])
                    for key in data
                    if (match := _ROW_KEY.match(key)) and match["kind"] == kind
                }
            )
            forms_ = [form_class(data, prefix=f"{kind}-{i}") for i in indexes]
            self.forms = [f for f in forms_ if not _blank(f)]
            self.next_index = (indexes[-1] + 1) if indexes else 0
        else:
            self.forms = [
                form_class(prefix=f"{kind}-{i}", initial=row) for i, row in enumerate(initial or [])
            ]
            self.next_index = len(self.forms)

    def is_valid(self) -> bool:
        return all(form.is_valid() for form in self.forms)

    def cleaned(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms]


def _blank(form: forms.Form) -> bool:
    return not any((form.data.get(form.add_prefix(name)) or "").strip() for name in form.fields)


class CompanyFullForm:
    """The company form and its row sections, read and checked together."""

    def __init__(self, *, data=None, company: Company | None = None):
        initial: dict = {}
        rows: dict[str, list[dict]] = {}
        if company is not None and data is None:
            snapshot = company_snapshot(company)
            initial = {k: snapshot[k] for k in CompanyForm.base_fields if k in snapshot}
            initial["country"] = snapshot["country"] or ""
            initial["version"] = company.version
            rows = {
                "trading_names": [{"name": n} for n in snapshot["trading_names"]],
                "addresses": [{**a, "country": a["country"] or ""} for a in snapshot["addresses"]],
                "phones": [{"number": n} for n in snapshot["phones"]],
                "emails": [{"email": e} for e in snapshot["emails"]],
            }
        self.main = CompanyForm(data, initial=initial)
        self.rowsets = {kind: RowSet(kind, data=data, initial=rows.get(kind)) for kind in ROW_FORMS}
        self.section_errors: dict[str, list[str]] = {}

    def is_valid(self) -> bool:
        main = self.main.is_valid()
        rows = [rowset.is_valid() for rowset in self.rowsets.values()]
        return main and all(rows)

    @property
    def has_errors(self) -> bool:
        return bool(
            self.main.errors
            or self.section_errors
            or any(form.errors for rowset in self.rowsets.values() for form in rowset.forms)
        )

    def to_input(self) -> CompanyInput:
        data = self.main.cleaned_data
        rows = {kind: rowset.cleaned() for kind, rowset in self.rowsets.items()}
        return CompanyInput(
            name=data["name"],
            legal_form=data["legal_form"],
            registration_number=data["registration_number"],
            tax_number=data["tax_number"],
            country=data["country"],
            website=data["website"],
            kind=data["kind"],
            status=data["status"],
            notes=data["notes"],
            handling_code=data["handling_code"],
            trading_names=[row["name"] for row in rows["trading_names"]],
            addresses=[
                CompanyAddressInput(
                    address=row["address"], city=row["city"], country=_country(row["country"])
                )
                for row in rows["addresses"]
            ],
            phones=[row["number"] for row in rows["phones"]],
            emails=[row["email"] for row in rows["emails"]],
        )

    def add_service_errors(self, error: ValidationError) -> None:
        """Show the services' errors beside the fields they name (``phones.1`` is the
        second phone row shown)."""
        if not hasattr(error, "error_dict"):
            self.main.add_error(None, error.messages)
            return
        for path, messages in error.message_dict.items():
            parts = path.split(".")
            if path == NON_FIELD_ERRORS:
                self.main.add_error(None, messages)
            elif parts[0] in self.rowsets and len(parts) >= 2 and parts[1].isdigit():
                forms_ = self.rowsets[parts[0]].forms
                index = int(parts[1])
                field = parts[2] if len(parts) > 2 else next(iter(ROW_FORMS[parts[0]].base_fields))
                if index < len(forms_):
                    forms_[index].add_error(field, messages)
                else:
                    self.section_errors.setdefault(parts[0], []).extend(messages)
            elif parts[0] in self.main.fields:
                self.main.add_error(parts[0], messages)
            else:
                self.main.add_error(None, messages)


class CompanyPersonForm(forms.Form):
    """A person's role in the company, the person chosen by id from the search results."""

    person = forms.UUIDField(widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label=_("Role"), choices=CompanyPersonRole.choices, widget=forms.Select(SELECT)
    )
    started_on = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    ended_on = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )


class CompanyMergeForm(forms.Form):
    """The duplicate to fold into this company, chosen by id."""

    duplicate = forms.UUIDField(label=_("Duplicate"), widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I have checked that both records describe the same company."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
