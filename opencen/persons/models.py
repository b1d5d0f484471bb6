"""The suspect database: a person and what identifies them.

A person belongs to the unit that recorded them (scoping, as for seizures). Child rows
(aliases, documents, addresses, phones, emails, nationalities) are replaced as a whole when a
person is saved, so a version of a person is one consistent set. Normalised values (document
numbers, phones in E.164, emails) are stored beside what was typed and indexed for lookups.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencen.core.models import BaseModel
from opencen.persons.choices import (
    AliasType,
    DataSubjectCategory,
    DocumentType,
    InvolvementRole,
    PersonLinkType,
    Sex,
)
from opencen.reference.choices import HandlingCode


class Person(BaseModel):
    """One person on file (suspect, convicted, witness, victim, contact...)."""

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    # The unit's path, copied for scoping ("this unit and below" is one indexed prefix filter).
    unit_path = models.CharField(max_length=500, db_index=True, editable=False)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    # The full name as written in its original script (Arabic, Cyrillic, Chinese...).
    name_original = models.CharField(_("name as written"), max_length=300, blank=True)
    # Its Latin transliteration; made automatically when not typed.
    name_latin = models.CharField(_("name in Latin letters"), max_length=300, blank=True)
    sex = models.CharField(_("sex"), max_length=7, choices=Sex.choices, default=Sex.UNKNOWN)
    # A birth date may be known to the year or the month only.
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("birth month"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("birth day"), null=True, blank=True)
    birth_place = models.CharField(_("birth place"), max_length=200, blank=True)
    birth_country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("birth country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    nationalities = models.ManyToManyField(
        "reference.Country", verbose_name=_("nationalities"), blank=True, related_name="+"
    )
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    description = models.TextField(_("physical description"), blank=True)
    photo = models.ForeignKey(
        "attachments.Attachment",
        verbose_name=_("face photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(
        _("data-subject category"),
        max_length=10,
        choices=DataSubjectCategory.choices,
        default=DataSubjectCategory.SUSPECT,
        db_index=True,
    )
    review_due = models.DateField(_("review due"), null=True, blank=True, db_index=True)
    notes = models.TextField(_("notes"), blank=True)
    handling_code = models.CharField(
        _("handling code"), max_length=2, choices=HandlingCode.choices, default=HandlingCode.H0
    )
    # Set when retention or a review erased the personal data: the row stays as a tombstone
    # (unit, category, seizure roles) so that non-nominal statistics remain true.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)
    # Set when this record was merged into another: it then only points to the survivor.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["family_name", "given_names"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            models.Index(fields=["unit_path", "family_name"], name="person_unit_name_idx"),
            models.Index(fields=["family_name", "given_names"], name="person_name_idx"),
            # The list in name order among live records (not merged, not erased), read a page
            # at a time; its scope columns let the total be counted from the index alone.
            models.Index(
                fields=[
                    "merged_into",
                    "erased_at",
                    "family_name",
                    "given_names",
                    "id",
                    "handling_code",
                    "unit_path",
                ],
                name="person_live_name_idx",
            ),
            models.Index(fields=["birth_year"], name="person_birth_year_idx"),
            models.Index(
                fields=["created_at", "handling_code", "unit_path", "id"],
                name="person_time_scope_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """Family name in capitals after the given names, or the name as written."""
        parts = [self.given_names, self.family_name.upper()]
        name = " ".join(p for p in parts if p).strip()
        return name or self.name_latin or self.name_original or "—"

    @property
    def birth_date_text(self) -> str:
        """The birth date as far as it is known: ``1984``, ``1984-03`` or ``1984-03-02``."""
        if not self.birth_year:
            return ""
        text = f"{self.birth_year:04d}"
        if self.birth_month:
            text += f"-{self.birth_month:02d}"
            if self.birth_day:
                text += f"-{self.birth_day:02d}"
        return text


class PersonChild(models.Model):
    id = models.BigAutoField(primary_key=True)

    class Meta:
        abstract = True


class PersonAlias(PersonChild):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=300)
    type = models.CharField(
        _("type"), max_length=10, choices=AliasType.choices, default=AliasType.ALIAS
    )

    class Meta:
        verbose_name = _("alias")

    def __str__(self) -> str:
        return self.name


class IdentityDocument(PersonChild):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    type = models.CharField(_("type"), max_length=20, choices=DocumentType.choices)
    number = models.CharField(_("number"), max_length=64)
    # Upper case, letters and digits only: what lookups and matching compare.
    number_normalised = models.CharField(max_length=64, db_index=True, editable=False)
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("issuing country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("identity document")

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.number}"


class PersonAddress(PersonChild):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    address = models.CharField(_("address"), max_length=500)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return ", ".join(p for p in (self.address, self.city) if p)


class PersonPhone(PersonChild):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("phone number"), max_length=40)
    # E.164 (+27821234567) when the number could be parsed, else what was typed.
    e164 = models.CharField(max_length=40, db_index=True, editable=False)

    def __str__(self) -> str:
        return self.e164 or self.number


class PersonEmail(PersonChild):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emails")
    email = models.EmailField(_("email"), db_index=True)

    def __str__(self) -> str:
        return self.email


class PersonLink(models.Model):
    """A link between two persons (family, associate...), stored once per pair."""

    id = models.BigAutoField(primary_key=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_from")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_to")
    type = models.CharField(_("link"), max_length=10, choices=PersonLinkType.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "other", "type"], name="person_link_unique"),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("other")), name="person_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.type} {self.other_id}"


class SeizurePerson(models.Model):
    """A person's involvement in a seizure, with a role."""

    id = models.BigAutoField(primary_key=True)
    seizure = models.ForeignKey(
        "seizures.Seizure", on_delete=models.CASCADE, related_name="person_involvements"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="involvements")
    role = models.CharField(_("role"), max_length=10, choices=InvolvementRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("involvement of a person")
        constraints = [
            models.UniqueConstraint(
                fields=["seizure", "person", "role"], name="seizure_person_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.role} in {self.seizure_id}"


class PersonVersion(models.Model):
    """A person as saved at one version, with the differences from the one before."""

    id = models.BigAutoField(primary_key=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    snapshot = models.JSONField(default=dict)
    changes = models.JSONField(default=dict)
    comment = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["person", "version"], name="person_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} v{self.version}"
