"""Person forms: the main form with its row sets (aliases, documents, addresses, phones,
emails), the links and the merge confirmation.

Forms only turn what the officer typed into a :class:`PersonInput` and put the service's
errors back on the right field; every rule lives in the services.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from opencen.core.forms import BootstrapFormMixin
from opencen.persons.choices import (
    AliasType,
    DataSubjectCategory,
    DocumentType,
    InvolvementRole,
    PersonLinkType,
    Sex,
)
from opencen.persons.services import AddressInput, AliasInput, DocumentInput, PersonInput
from opencen.reference.choices import HandlingCode
from opencen.seizures.forms import CodeChoiceField, CodeLists, CodeMultipleChoiceField

EMPTY = [("", "—")]


def _date_widget():
    return forms.DateInput(attrs={"type": "date"})


class PersonFormBase(BootstrapFormMixin, forms.Form):
    def __init__(self, *args, code_lists: CodeLists, **kwargs):
        self.code_lists = code_lists
        super().__init__(*args, **kwargs)

    def country_choices(self, name: str, *, blank: bool = True) -> None:
        lists = self.code_lists
        field = self.fields[name]
        field.entries = lists.countries
        field.choices = (EMPTY if blank else []) + lists.sorted_choices(
            lists.countries, with_code=True
        )


class PersonMainForm(PersonFormBase):
    """Identity, birth, category and handling of a person (child rows are row sets)."""

    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    name_original = forms.CharField(
        label=_("Full name as written"),
        max_length=300,
        required=False,
        help_text=_("In its own script (Arabic, Cyrillic, Chinese...), when known."),
    )
    name_latin = forms.CharField(
        label=_("Full name in Latin letters"),
        max_length=300,
        required=False,
        help_text=_("Left empty, it is transliterated from the name as written."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_date = forms.CharField(
        label=_("Birth date"),
        max_length=10,
        required=False,
        help_text=_("1984, 1984-03 or 1984-03-02"),
        widget=forms.TextInput(attrs={"placeholder": "YYYY-MM-DD", "inputmode": "numeric"}),
    )
    birth_place = forms.CharField(label=_("Birth place"), max_length=200, required=False)
    birth_country = CodeChoiceField(label=_("Birth country"), required=False)
    nationalities = CodeMultipleChoiceField(
        label=_("Nationalities"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )
    occupation = forms.CharField(label=_("Occupation"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Physical description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    category = forms.ChoiceField(
        label=_("Data-subject category"),
        choices=DataSubjectCategory.choices,
        initial=DataSubjectCategory.SUSPECT,
        help_text=_("Decides when the record is due for review."),
    )
    handling_code = forms.ChoiceField(
        label=_("Handling code"), choices=HandlingCode.choices, initial=HandlingCode.H0
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country_choices("birth_country")
        self.country_choices("nationalities", blank=False)

    @staticmethod
    def initial_for(person) -> dict:
        return {
            "given_names": person.given_names,
            "family_name": person.family_name,
            "name_original": person.name_original,
            "name_latin": person.name_latin,
            "sex": person.sex,
            "birth_date": person.birth_date_text,
            "birth_place": person.birth_place,
            "birth_country": person.birth_country_id or "",
            "nationalities": [c.pk for c in person.nationalities.all()],
            "occupation": person.occupation,
            "description": person.description,
            "category": person.category,
            "handling_code": person.handling_code,
            "notes": person.notes,
            "version": person.version,
        }


class RowForm(PersonFormBase):
    """One row of a section. A row left entirely empty is ignored."""

    kind = ""
    defaults: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def is_used(self) -> bool:
        if not self.is_bound:
            return True
        for name in self.fields:
            if name in self.defaults:
                continue
            value = self.data.get(self.add_prefix(name), "")
            if isinstance(value, str) and value.strip():
                return True
        return False


class AliasRowForm(RowForm):
    kind = "aliases"
    defaults = ("type",)
    name = forms.CharField(label=_("Alias"), max_length=300)
    type = forms.ChoiceField(label=_("Type"), choices=AliasType.choices, initial=AliasType.ALIAS)

    @staticmethod
    def initial_for(alias) -> dict:
        return {"name": alias.name, "type": alias.type}

    def to_input(self) -> AliasInput:
        return AliasInput(name=self.cleaned_data["name"], type=self.cleaned_data["type"])


class DocumentRowForm(RowForm):
    kind = "documents"
    defaults = ("type",)
    type = forms.ChoiceField(
        label=_("Document"), choices=DocumentType.choices, initial=DocumentType.PASSPORT
    )
    number = forms.CharField(label=_("Number"), max_length=64)
    country = CodeChoiceField(label=_("Issuing country"))
    issued_on = forms.DateField(label=_("Issued on"), widget=_date_widget())
    expires_on = forms.DateField(label=_("Expires on"), widget=_date_widget())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country_choices("country")

    @staticmethod
    def initial_for(document) -> dict:
        return {
            "type": document.type,
            "number": document.number,
            "country": document.country_id or "",
            "issued_on": document.issued_on,
            "expires_on": document.expires_on,
        }

    def to_input(self) -> DocumentInput:
        data = self.cleaned_data
        return DocumentInput(
            type=data["type"],
            number=data.get("number") or "",
            country=data.get("country"),
            issued_on=data.get("issued_on"),
            expires_on=data.get("expires_on"),
        )


class AddressRowForm(RowForm):
    kind = "addresses"
    address = forms.CharField(label=_("Address"), max_length=500)
    city = forms.CharField(label=_("City"), max_length=200)
    country = CodeChoiceField(label=_("Country"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country_choices("country")

    @staticmethod
    def initial_for(address) -> dict:
        return {"address": address.address, "city": address.city, "country": address.country_id}

    def to_input(self) -> AddressInput:
        data = self.cleaned_data
        return AddressInput(
            address=data.get("address") or "", city=data.get("city") or "", country=data["country"]
        )


class PhoneRowForm(RowForm):
    kind = "phones"
    number = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "placeholder": "+27 82 123 4567"}),
    )

    @staticmethod
    def initial_for(phone) -> dict:
        return {"number": phone.number}

    def to_input(self) -> str:
        return self.cleaned_data.get("number") or ""


class EmailRowForm(RowForm):
    kind = "emails"
    email = forms.CharField(
        label=_("Email"), max_length=254, widget=forms.TextInput(attrs={"type": "email"})
    )

    @staticmethod
    def initial_for(email) -> dict:
        return {"email": email.email}

    def to_input(self) -> str:
        return self.cleaned_data.get("email") or ""


ROW_FORMS: dict[str, type[RowForm]] = {
    form.kind: form
    for form in (AliasRowForm, DocumentRowForm, AddressRowForm, PhoneRowForm, EmailRowForm)
}

SECTIONS = {
    "aliases": (_("Aliases"), _("Add an alias")),
    "documents": (_("Identity documents"), _("Add a document")),
    "addresses": (_("Addresses"), _("Add an address")),
    "phones": (_("Phones"), _("Add a phone")),
    "emails": (_("Emails"), _("Add an email")),
}


class RowSet:
    """The rows of one section, by the indices the page sent (rows are added and removed in
    place, so indices may have gaps); the order on the page is the order saved."""

    def __init__(self, kind: str, *, code_lists: CodeLists, data=None, initial=None):
        self.kind = kind
        self.form_class = ROW_FORMS[kind]
        self.code_lists = code_lists
        if data is not None:
            pattern = re.compile(rf"^{re.escape(kind)}-(\d{{1,4}})-")
            indices = sorted({int(m.group(1)) for key in data for m in [pattern.match(key)] if m})
            self.forms = [self._form(index, data=data) for index in indices[:50]]
        else:
            self.forms = [self._form(index, initial=row) for index, row in enumerate(initial or [])]

    def _form(self, index: int, **kwargs) -> RowForm:
        return self.form_class(prefix=f"{self.kind}-{index}", code_lists=self.code_lists, **kwargs)

    @property
    def next_index(self) -> int:
        indices = [int(form.prefix.rsplit("-", 1)[1]) for form in self.forms]
        return max(indices, default=-1) + 1

    def used_forms(self) -> list[RowForm]:
        return [form for form in self.forms if form.is_used()]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.used_forms()])

    def to_inputs(self) -> list:
        return [form.to_input() for form in self.used_forms()]

    def add_error(self, position: int, field: str | None, messages) -> bool:
        used = self.used_forms()
        if position >= len(used):
            return False
        form = used[position]
        if field is None or field not in form.fields:
            field = next(iter(form.fields)) if len(form.fields) == 1 else None
        form.add_error(field, messages)
        return True

    def has_errors(self) -> bool:
        return any(form.errors for form in self.forms)


class FullPersonForm:
    """The main form and its five row sets, validated and mapped back together."""

    def __init__(self, *, code_lists: CodeLists, data=None, person=None):
        self.code_lists = code_lists
        if person is not None:
            initial = PersonMainForm.initial_for(person)
            rows = {
                "aliases": [AliasRowForm.initial_for(a) for a in person.aliases.all()],
                "documents": [DocumentRowForm.initial_for(d) for d in person.documents.all()],
                "addresses": [AddressRowForm.initial_for(a) for a in person.addresses.all()],
                "phones": [PhoneRowForm.initial_for(p) for p in person.phones.all()],
                "emails": [EmailRowForm.initial_for(e) for e in person.emails.all()],
            }
        else:
            initial = {}
            rows = {"aliases": [], "documents": [{}], "addresses": [], "phones": [], "emails": []}
        self.main = PersonMainForm(data, initial=initial, code_lists=code_lists)
        self.rowsets = {
            kind: RowSet(kind, code_lists=code_lists, data=data, initial=rows[kind])
            for kind in SECTIONS
        }
        self.section_errors: dict[str, list[str]] = {}

    def is_valid(self) -> bool:
        results = [self.main.is_valid()] + [rowset.is_valid() for rowset in self.rowsets.values()]
        return all(results)

    def to_input(self) -> PersonInput:
        data = self.main.cleaned_data
        return PersonInput(
            given_names=data.get("given_names") or "",
            family_name=data.get("family_name") or "",
            name_original=data.get("name_original") or "",
            name_latin=data.get("name_latin") or "",
            sex=data["sex"],
            birth_date=data.get("birth_date") or "",
            birth_place=data.get("birth_place") or "",
            birth_country=data.get("birth_country"),
            nationalities=data.get("nationalities") or [],
            occupation=data.get("occupation") or "",
            description=data.get("description") or "",
            category=data["category"],
            notes=data.get("notes") or "",
            handling_code=data["handling_code"],
            aliases=self.rowsets["aliases"].to_inputs(),
            documents=self.rowsets["documents"].to_inputs(),
            addresses=self.rowsets["addresses"].to_inputs(),
            phones=self.rowsets["phones"].to_inputs(),
            emails=self.rowsets["emails"].to_inputs(),
        )

    def add_service_errors(self, error: ValidationError) -> None:
        """Service paths (``documents.0.number``, ``phones.1``) go onto the right field."""
        if not hasattr(error, "error_dict"):
            self.main.add_error(None, error.messages)
            return
        for path, messages in error.message_dict.items():
            parts = path.split(".")
            if parts[0] in self.rowsets:
                if len(parts) >= 2 and parts[1].isdigit():
                    field = parts[2] if len(parts) == 3 else None
                    if self.rowsets[parts[0]].add_error(int(parts[1]), field, messages):
                        continue
                self.section_errors.setdefault(parts[0], []).extend(messages)
            elif parts[0] in self.main.fields:
                self.main.add_error(parts[0], messages)
            else:
                self.main.add_error(None, messages)

    @property
    def has_errors(self) -> bool:
        return bool(
            self.main.errors
            or self.section_errors
            or any(rowset.has_errors() for rowset in self.rowsets.values())
        )

    def sections(self) -> list[dict]:
        return [
            {
                "kind": kind,
                "title": title,
                "add_label": add_label,
                "rowset": self.rowsets[kind],
                "errors": self.section_errors.get(kind, []),
            }
            for kind, (title, add_label) in SECTIONS.items()
        ]


class SeizureLinkForm(BootstrapFormMixin, forms.Form):
    """Link the person to a seizure named by its reference."""

    reference = forms.CharField(label=_("Seizure reference"), max_length=40)
    role = forms.ChoiceField(label=_("Role"), choices=InvolvementRole.choices)


class PersonLinkForm(BootstrapFormMixin, forms.Form):
    """Link the person to another person (chosen by id from a search)."""

    other = forms.UUIDField(label=_("Other person"), widget=forms.HiddenInput)
    type = forms.ChoiceField(label=_("Link"), choices=PersonLinkType.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MergeForm(forms.Form):
    """Confirm a merge: which record survives."""

    survivor = forms.ChoiceField(
        label=_("Keep"),
        choices=[("this", _("this record")), ("other", _("the other record"))],
        initial="this",
        widget=forms.RadioSelect,
    )
