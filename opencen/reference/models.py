"""Code lists: stable codes, translatable labels, entries that can be deactivated.

Each list's primary key is its stable code, so records and the API name an entry by its code
(``"country": "BR"``, ``"unit": "kg"``) and a code means the same in every installation.
Deactivating an entry hides it from new entries but keeps every record that uses it valid.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from opencen.reference.choices import PlaceKind, UnitDimension


class CodeListEntry(models.Model):
    """Base of every code list."""

    code = models.CharField(_("code"), max_length=16, primary_key=True)
    label = models.CharField(_("label (English)"), max_length=300)
    translations = models.JSONField(
        _("translated labels"),
        default=dict,
        blank=True,
        help_text=_('Labels by language code, for example {"fr": "Cocaïne"}.'),
    )
    active = models.BooleanField(_("active"), default=True, db_index=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    loaded_from = models.CharField(
        _("loaded from"),
        max_length=30,
        blank=True,
        editable=False,
        help_text=_(
            "The reference source that maintains this entry (pycountry, airportsdata...); "
            "empty when an administrator added it."
        ),
    )

    class Meta:
        abstract = True
        ordering = ["sort_order", "label"]

    def __str__(self) -> str:
        return self.localized_label

    @property
    def localized_label(self) -> str:
        """The label in the active language: the administrator's or loaded translation, then
        the project's translation catalogue, then English."""
        return localize_label(self.label, self.translations)


def localize_label(label: str, translations: dict | None) -> str:
    """An entry's label in the active language, from its English label and translations (for
    pages that read the two columns without building entries)."""
    language = (translation.get_language() or "en").split("-")[0]
    return (translations or {}).get(language) or translation.gettext(label)


class Country(CodeListEntry):
    """ISO 3166-1 country; the code is alpha-2."""

    alpha3 = models.CharField(_("alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("numeric code"), max_length=3, unique=True)
    official_name = models.CharField(_("official name"), max_length=300, blank=True)

    class Meta(CodeListEntry.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["label"]


class Currency(CodeListEntry):
    """ISO 4217 currency; the code is alphabetic."""

    numeric = models.CharField(_("numeric code"), max_length=3, blank=True)

    class Meta(CodeListEntry.Meta):
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")
        ordering = ["code"]


class MeasurementUnit(CodeListEntry):
    """A unit of quantity: kg, g, litres, pieces, sticks..."""

    dimension = models.CharField(_("dimension"), max_length=10, choices=UnitDimension.choices)
    factor = models.DecimalField(
        _("factor to base unit"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("For mass and volume: how many kg or litres one unit is."),
    )

    class Meta(CodeListEntry.Meta):
        verbose_name = _("unit of measure")
        verbose_name_plural = _("units of measure")


class CommoditySection(CodeListEntry):
    """A broad enforcement area: drugs, tobacco, CITES, weapons..."""

    class Meta(CodeListEntry.Meta):
        verbose_name = _("commodity section")
        verbose_name_plural = _("commodity sections")


class CommodityType(CodeListEntry):
    """A commodity within a section (cocaine, cigarettes, ivory...) and the units it allows."""

    section = models.ForeignKey(
        CommoditySection,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="types",
    )
    allowed_units = models.ManyToManyField(
        MeasurementUnit,
        verbose_name=_("allowed units"),
        blank=True,
        related_name="+",
        help_text=_("Empty means any unit."),
    )

    class Meta(CodeListEntry.Meta):
        verbose_name = _("commodity type")
        verbose_name_plural = _("commodity types")


class HSCode(CodeListEntry):
    """Harmonized System chapter (2 digits), heading (4) or subheading (6)."""

    level = models.PositiveSmallIntegerField(_("level"), db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    hs_section = models.CharField(_("HS section"), max_length=5, blank=True)

    class Meta(CodeListEntry.Meta):
        verbose_name = _("HS code")
        verbose_name_plural = _("HS codes")
        ordering = ["code"]


class DetectionMethod(CodeListEntry):
    class Meta(CodeListEntry.Meta):
        verbose_name = _("detection method")
        verbose_name_plural = _("detection methods")


class ConcealmentMethod(CodeListEntry):
    class Meta(CodeListEntry.Meta):
        verbose_name = _("concealment method")
        verbose_name_plural = _("concealment methods")


class ConveyanceType(CodeListEntry):
    class Meta(CodeListEntry.Meta):
        verbose_name = _("conveyance type")
        verbose_name_plural = _("conveyance types")


class OffenceType(CodeListEntry):
    class Meta(CodeListEntry.Meta):
        verbose_name = _("offence type")
        verbose_name_plural = _("offence types")


class Place(CodeListEntry):
    """An airport, seaport, border post or customs office.

    The code is the ICAO code for airports, the UN/LOCODE (5 characters, no space) for
    seaports, and one chosen by the administrator for border posts and customs offices.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices, db_index=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="places"
    )
    iata = models.CharField(_("IATA code"), max_length=3, blank=True, db_index=True)
    icao = models.CharField(_("ICAO code"), max_length=4, blank=True, db_index=True)
    locode = models.CharField(_("UN/LOCODE"), max_length=5, blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta(CodeListEntry.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [models.Index(fields=["kind", "country"], name="reference_place_kind_cty")]


class CodeListVersion(models.Model):
    """One row whose token changes with every write to a code list, so that a process which
    keeps labels or choices in memory can tell, with one cheap read, that they are stale.

    A random token rather than a counter: a rolled-back write cannot leave a later, different
    change with a token already seen."""

    SINGLETON = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON)
    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("code list version")

    def __str__(self) -> str:
        return str(self.token)


class ReferenceLoad(models.Model):
    """What `load-reference` last loaded, so that a second run with the same sources is a no-op."""

    source = models.CharField(max_length=50, unique=True)
    fingerprint = models.CharField(max_length=200)
    loaded_at = models.DateTimeField(auto_now=True)
    count = models.PositiveIntegerField(default=0)
    #: Codes this source deactivated because they left it; reactivated if they come back.
    withdrawn = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.source} ({self.count})"


#: Code lists by their API name, in the order the API lists them.
CODE_LISTS: dict[str, type[CodeListEntry]] = {
    "countries": Country,
    "currencies": Currency,
    "units": MeasurementUnit,
    "commodity-sections": CommoditySection,
    "commodity-types": CommodityType,
    "hs-codes": HSCode,
    "detection-methods": DetectionMethod,
    "concealment-methods": ConcealmentMethod,
    "conveyance-types": ConveyanceType,
    "offence-types": OffenceType,
    "places": Place,
}
