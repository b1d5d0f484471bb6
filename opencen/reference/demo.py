"""Demo data for reference: the demo installation's own places, and major world seaports.

- **Customs offices and land border posts.** One place for each customs office and border post
  unit (``GB-O-PORT1`` for the unit ``O-PORT1``), named like the unit, in the demo country.
  Border posts and customs offices are entered by each administration, so no package provides
  them. When airports are loaded, each place sits a few kilometres from one of the country's
  airports, so that maps show the demo country; otherwise it has no coordinates.
- **Seaports.** 76 of the world's main container and trafficking-route seaports with
  their real UN/LOCODE and approximate coordinates of the port (not an official source: good
  enough for demo routes and maps). A seaport already present (loaded by
  ``opencen load-reference``, or entered by hand) is left as it is.

The demo country is ``--country``, else ``OPENCEN_COUNTRY`` when it names a real country, else
``GB``. ``OPENCEN_COUNTRY`` defaults to ``XX``, a code ISO 3166 leaves for private use, which is
in no country list; the demo then needs a real country, and an English-speaking one matches the
invented English unit and town names.

Places need the country list: without it the generator stops and says to run
``opencen load-reference`` first.
"""

from __future__ import annotations

from django.conf import settings

from opencen.accounts.choices import UnitKind
from opencen.accounts.demo import STATION_NAME_TEMPLATES
from opencen.accounts.models import Unit
from opencen.core import demo
from opencen.reference.choices import PlaceKind
from opencen.reference.models import Country, Place

FALLBACK_COUNTRY = "GB"

#: (UN/LOCODE, name, latitude, longitude). The country is the LOCODE's first two letters.
SEAPORTS: tuple[tuple[str, str, float, float], ...] = (
    # Europe
    ("NLRTM", "Rotterdam", 51.95, 4.14),
    ("BEANR", "Antwerp", 51.28, 4.33),
    ("DEHAM", "Hamburg", 53.54, 9.97),
    ("DEBRV", "Bremerhaven", 53.56, 8.56),
    ("FRLEH", "Le Havre", 49.48, 0.13),
    ("FRMRS", "Marseille", 43.33, 5.34),
    ("ESALG", "Algeciras", 36.13, -5.44),
    ("ESVLC", "Valencia", 39.44, -0.32),
    ("ESBCN", "Barcelona", 41.35, 2.16),
    ("ITGOA", "Genoa", 44.40, 8.91),
    ("ITGIT", "Gioia Tauro", 38.45, 15.90),
    ("GRPIR", "Piraeus", 37.94, 23.63),
    ("GBFXT", "Felixstowe", 51.96, 1.31),
    ("GBSOU", "Southampton", 50.90, -1.42),
    ("PLGDN", "Gdańsk", 54.40, 18.67),
    ("TRMER", "Mersin", 36.79, 34.63),
    # Africa
    ("MAPTM", "Tanger Med", 35.89, -5.50),
    ("EGPSD", "Port Said", 31.26, 32.30),
    ("SNDKR", "Dakar", 14.68, -17.43),
    ("CIABJ", "Abidjan", 5.28, -4.01),
    ("GHTEM", "Tema", 5.63, 0.01),
    ("TGLFW", "Lomé", 6.13, 1.28),
    ("BJCOO", "Cotonou", 6.35, 2.43),
    ("NGAPP", "Apapa (Lagos)", 6.44, 3.37),
    ("CMDLA", "Douala", 4.05, 9.69),
    ("AOLAD", "Luanda", -8.80, 13.24),
    ("ZACPT", "Cape Town", -33.91, 18.44),
    ("ZADUR", "Durban", -29.87, 31.03),
    ("MZMPM", "Maputo", -25.97, 32.57),
    ("TZDAR", "Dar es Salaam", -6.83, 39.29),
    ("KEMBA", "Mombasa", -4.06, 39.66),
    ("DJJIB", "Djibouti", 11.60, 43.13),
    # Middle East and South Asia
    ("SAJED", "Jeddah", 21.48, 39.17),
    ("AEJEA", "Jebel Ali", 25.01, 55.06),
    ("OMSLL", "Salalah", 16.94, 54.00),
    ("PKKHI", "Karachi", 24.84, 66.98),
    ("INNSA", "Nhava Sheva", 18.95, 72.95),
    ("INMUN", "Mundra", 22.74, 69.70),
    ("LKCMB", "Colombo", 6.95, 79.84),
    # East and South-East Asia, Oceania
    ("SGSIN", "Singapore", 1.26, 103.84),
    ("MYPKG", "Port Klang", 3.00, 101.39),
    ("MYTPP", "Tanjung Pelepas", 1.36, 103.55),
    ("THLCH", "Laem Chabang", 13.08, 100.88),
    ("VNSGN", "Ho Chi Minh City", 10.77, 106.71),
    ("IDTPP", "Tanjung Priok (Jakarta)", -6.10, 106.88),
    ("CNSHA", "Shanghai", 31.23, 121.49),
    ("CNNGB", "Ningbo", 29.87, 121.55),
    ("CNSZX", "Shenzhen", 22.50, 113.88),
    ("CNTAO", "Qingdao", 36.07, 120.32),
    ("HKHKG", "Hong Kong", 22.29, 114.15),
    ("TWKHH", "Kaohsiung", 22.61, 120.28),
    ("KRPUS", "Busan", 35.10, 129.04),
    ("JPYOK", "Yokohama", 35.45, 139.65),
    ("AUMEL", "Melbourne", -37.83, 144.92),
    # Americas
    ("USLAX", "Los Angeles", 33.74, -118.26),
    ("USLGB", "Long Beach", 33.75, -118.20),
    ("USNYC", "New York", 40.68, -74.04),
    ("USSAV", "Savannah", 32.08, -81.09),
    ("USHOU", "Houston", 29.73, -95.27),
    ("USMIA", "Miami", 25.77, -80.17),
    ("CAVAN", "Vancouver", 49.29, -123.10),
    ("CAMTR", "Montreal", 45.55, -73.54),
    ("MXZLO", "Manzanillo", 19.06, -104.31),
    ("MXVER", "Veracruz", 19.20, -96.13),
    ("PABLB", "Balboa", 8.95, -79.57),
    ("JMKIN", "Kingston", 17.97, -76.80),
    ("DOCAU", "Caucedo", 18.42, -69.63),
    ("COCTG", "Cartagena", 10.40, -75.53),
    ("COBUN", "Buenaventura", 3.88, -77.06),
    ("ECGYE", "Guayaquil", -2.28, -79.91),
    ("PECLL", "Callao", -12.05, -77.15),
    ("CLSAI", "San Antonio", -33.59, -71.62),
    ("BRSSZ", "Santos", -23.96, -46.30),
    ("BRPNG", "Paranaguá", -25.50, -48.52),
    ("UYMVD", "Montevideo", -34.90, -56.21),
    ("ARBUE", "Buenos Aires", -34.59, -58.37),
)

#: The unit kinds that get a place, and the kind of place they get.
STATION_PLACE_KINDS: dict[str, str] = {
    UnitKind.OFFICE: PlaceKind.CUSTOMS_OFFICE,
    UnitKind.BORDER_POST: PlaceKind.BORDER_POST,
}

#: How far (in degrees, about 10 km) a demo office may lie from the airport it is placed near.
JITTER = 0.1


def demo_country(option: str | None) -> str:
    """The country of the demo installation's own places (see the module docstring)."""
    if option:
        return option.strip().upper()
    configured = getattr(settings, "INSTALLATION_COUNTRY", "") or ""
    if configured and configured != "XX":
        return configured
    return FALLBACK_COUNTRY


def station_city(unit_name: str) -> str:
    """The town in a demo unit's name (``Ashford Border Post`` -> ``Ashford``), else ``""``."""
    for template in STATION_NAME_TEMPLATES:
        suffix = template.replace("{town}", "")
        if unit_name.endswith(suffix) and len(unit_name) > len(suffix):
            return unit_name[: -len(suffix)]
    return ""


@demo.register
class PlaceGenerator(demo.DemoGenerator):
    """Customs offices and border posts of the demo country; major world seaports."""

    name = "places"
    label = "Places"
    order = 30
    dependencies = ("units",)
    options = (
        demo.DemoOption(
            "country",
            default=None,
            type=str,
            metavar="CC",
            help=(
                "Country (ISO alpha-2) of the demo customs offices and border posts; default "
                f"OPENCEN_COUNTRY, or {FALLBACK_COUNTRY} when that is unset or XX."
            ),
        ),
    )

    def is_empty(self) -> bool:
        return not Place.objects.filter(kind__in=STATION_PLACE_KINDS.values()).exists()

    def check(self, ctx: demo.DemoContext) -> None:
        if not Country.objects.exists():
            raise demo.DemoDataError(
                "The country list is empty, and places need countries: run "
                "`opencen load-reference` first, then `opencen demo` again."
            )
        country = demo_country(ctx.options.get("country"))
        if not Country.objects.filter(code=country).exists():
            raise demo.DemoDataError(
                f"The demo country {country!r} is not in the country list: give an ISO 3166 "
                "alpha-2 code with --country (for example --country GB)."
            )

    def generate(self, ctx: demo.DemoContext) -> dict[str, int]:
        rng = ctx.rng
        country = demo_country(ctx.options.get("country"))
        known_countries = set(Country.objects.values_list("code", flat=True))
        taken = set(
            Place.objects.filter(code__in=[locode for locode, *_ in SEAPORTS]).values_list(
                "code", flat=True
            )
        )
        seaports = [
            Place(
                code=locode,
                locode=locode,
                label=f"Port of {name}" if name != "Tanger Med" else name,
                kind=PlaceKind.SEAPORT,
                country_id=locode[:2],
                city=name,
                latitude=latitude,
                longitude=longitude,
            )
            for locode, name, latitude, longitude in SEAPORTS
            if locode not in taken and locode[:2] in known_countries
        ]
        skipped = [locode for locode, *_ in SEAPORTS if locode[:2] not in known_countries]
        if skipped:
            ctx.note(
                f"{len(skipped)} seaports skipped: their country is not in the country list "
                f"({', '.join(skipped)})."
            )

        # Sorted in Python: the order must not depend on the database's collation.
        stations = sorted(
            Unit.objects.filter(kind__in=STATION_PLACE_KINDS).values_list(
                "path", "code", "name", "kind"
            )
        )
        anchors = sorted(
            Place.objects.filter(
                kind=PlaceKind.AIRPORT, country_id=country, latitude__isnull=False
            ).values_list("code", "latitude", "longitude")
        )
        existing_codes = set(
            Place.objects.filter(code__startswith=f"{country}-").values_list("code", flat=True)
        )
        offices = []
        for _, unit_code, unit_name, unit_kind in stations:
            code = f"{country}-{unit_code}"[:16]
            if code in existing_codes:
                continue
            existing_codes.add(code)
            latitude = longitude = None
            if anchors:
                _, anchor_latitude, anchor_longitude = rng.choice(anchors)
                latitude = round(anchor_latitude + rng.uniform(-JITTER, JITTER), 5)
                longitude = round(anchor_longitude + rng.uniform(-JITTER, JITTER), 5)
            offices.append(
                Place(
                    code=code,
                    label=unit_name,
                    kind=STATION_PLACE_KINDS[unit_kind],
                    country_id=country,
                    city=station_city(unit_name),
                    latitude=latitude,
                    longitude=longitude,
                )
            )
        ctx.set_total(len(seaports) + len(offices))
        ctx.bulk_create(Place, offices)
        ctx.bulk_create(Place, seaports)
        border_posts = sum(1 for place in offices if place.kind == PlaceKind.BORDER_POST)
        return {
            "customs offices": len(offices) - border_posts,
            "border posts": border_posts,
            "seaports": len(seaports),
        }
