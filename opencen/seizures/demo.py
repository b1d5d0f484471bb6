# ruff: noqa: E501  (data tables: one entry per line reads better than wrapped calls)
"""Demo data for the seizure database: ``opencen demo --seizures N``.

Seizures as a customs administration records them, deterministic for a seed:

- **Corridors.** Each seizure follows a trafficking corridor (:data:`CORRIDORS`): cocaine from
  Brazil, Colombia, Ecuador and Peru by sea container or air passenger; heroin from Afghanistan,
  Pakistan and Iran through Türkiye; cigarettes from the United Arab Emirates, Belarus and
  China; captagon from Syria and Lebanon to the Gulf; khat from Kenya and Ethiopia by air and
  post; ivory and pangolin scales from West and Central Africa to Asia; counterfeits from China,
  Hong Kong and Türkiye; cash going out; tramadol from India to West Africa... The installation
  country is the destination (import), a transit country, or the origin (export: cash).
- **Coherent details.** The unit is an office or border post whose kind fits the conveyance (an
  airport office for air passengers, a port for containers, a postal centre for parcels, a
  border post for vehicles); concealments fit the conveyance (swallowed or on the body for air
  passengers, rip-on/rip-off or in the goods for containers, natural cavity or built compartment
  for vehicles, in the item for post); quantities, units (always one the commodity allows) and
  values are in realistic ranges per commodity and conveyance; container numbers carry their
  ISO 6346 check digit, air waybills their mod-7 digit, IMO and UPU S10 tracking numbers theirs.
- **Time.** Five years up to :data:`PERIOD_END` (a fixed date, so the same seed gives the same
  data), more seizures in recent years and in the busy months; references are numbered per
  office and year in date order, and :class:`ReferenceSequence` is set to the last number given.
- **Workflow.** Mostly validated (older records) or closed; recent ones may still be drafts or
  submitted; handling code mostly H0.
- **Versions.** One :class:`SeizureVersion` (version 1) per seizure with the full snapshot, as
  ``seizure_create`` writes it, so history and conflict pages work on generated seizures.
- **Search.** The free-text document of each seizure is written as the seizure is, and the
  FTS5 index merged once at the end (:mod:`opencen.seizures.search`).
- **No audit event per seizure**: generated data is not a business event. One summary event
  (record created, target "seizures", details: how many, the seed) says the demo wrote them.
- **Photos.** One seizure in :data:`PHOTO_EVERY` (at most :data:`PHOTO_MAX`) gets a placeholder
  photo of its concealment, drawn with Pillow (never downloaded) and stored as the attachments
  app stores an upload (original with its SHA-256, thumbnail and display derivatives), tagged
  "concealment", without an audit event each, like the rest of the generated data.

Speed (see docs/benchmarks.md): every table is written with one compiled INSERT per batch
(``executemany``; ``COPY`` on PostgreSQL) of values already in database form
(:func:`insert_prepared`), ids are made in Python and nothing is read back. Seizure ids are
time-ordered version-7 UUIDs of the recording time (:func:`uuid7`), so that the indexes keyed
by them grow at their end instead of being rewritten page by page all over the file. On SQLite the generator's own
connection runs with ``synchronous=OFF`` and a 256 MB page cache while it writes (an interrupted
demo run is started again from an empty database anyway), and both are put back afterwards.
"""

from __future__ import annotations

import bisect
import datetime
import gc
import json
import math
import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction

from opencen.accounts.choices import Role, UnitKind
from opencen.accounts.models import RoleAssignment, Unit
from opencen.core import demo
from opencen.reference import models as ref
from opencen.reference.choices import PlaceKind
from opencen.reference.demo import demo_country
from opencen.seizures import search
from opencen.seizures.choices import Direction, RouteRole, SeizureStatus
from opencen.seizures.models import (
    Concealment,
    Conveyance,
    GoodsItem,
    ReferenceSequence,
    RouteLeg,
    Seizure,
    SeizureVersion,
)
from opencen.seizures.validators import iso6346_check_digit

#: The last day of generated seizures (fixed: the same seed gives the same data every day).
PERIOD_END = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
PERIOD_DAYS = 5 * 365
#: Seizures per chunk: generated in Python, then written table by table in one transaction.
CHUNK = 10_000
#: One seizure in this many gets a placeholder concealment photo, at most PHOTO_MAX in all.
PHOTO_EVERY = 200
PHOTO_MAX = 300

# --- corridors -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Corridor:
    """A trafficking route: what goes, from where, to where, by which conveyance."""

    name: str
    weight: float
    commodities: tuple[tuple[str, float], ...]
    origins: tuple[str, ...]
    conveyances: tuple[tuple[str, float], ...]
    destinations: tuple[str, ...]
    transits: tuple[str, ...] = ()
    #: True: goods leave the installation country (cash).
    outbound: bool = False
    #: Share of seizures bound for the installation country when it is not a destination of
    #: the corridor (the others pass through it).
    import_share: float = 0.8


CORRIDORS: tuple[Corridor, ...] = (
    Corridor("cocaine by sea", 9, (("cocaine", 1),), ("BR", "CO", "EC", "PE"), (("sea_container", 9), ("sea_vessel", 1)), ("NL", "BE", "ES", "ZA", "GB"), ("PA", "DO", "MA")),
    Corridor("cocaine by air", 6, (("cocaine", 1),), ("BR", "CO", "EC", "PE"), (("air_passenger", 8), ("air_cargo", 1), ("express_courier", 1)), ("NL", "BE", "ES", "GB", "ZA"), ("PT", "ET", "AE", "FR")),
    Corridor("heroin Balkan route", 5, (("heroin", 9), ("opiates_other", 1)), ("AF", "PK", "IR"), (("road_vehicle", 6), ("sea_container", 2), ("air_passenger", 2)), ("NL", "GB", "DE", "BE"), ("TR", "BG")),
    Corridor("cigarettes by road", 7, (("cigarettes", 9), ("raw_tobacco", 1)), ("BY", "UA"), (("road_vehicle", 8), ("rail", 2)), ("PL", "LT", "DE", "GB"), ("PL", "LT")),
    Corridor("cigarettes by sea", 7, (("cigarettes", 8), ("shisha_tobacco", 2)), ("AE", "CN"), (("sea_container", 9), ("express_courier", 1)), ("GB", "NL", "ZA", "NG"), ("MY", "OM")),
    Corridor("captagon", 3, (("captagon", 1),), ("SY", "LB"), (("road_vehicle", 5), ("sea_container", 5)), ("SA", "AE", "JO"), ("JO", "TR"), import_share=0.3),
    Corridor("khat", 5, (("khat", 1),), ("KE", "ET"), (("air_passenger", 5), ("postal", 3), ("air_cargo", 2)), ("GB", "NL", "SE", "US"), ("BE",)),
    Corridor("ivory and pangolin scales", 2, (("pangolin_scales", 5), ("ivory", 4), ("rhino_horn", 1)), ("NG", "CM", "CD", "MZ"), (("sea_container", 6), ("air_passenger", 3), ("air_cargo", 1)), ("VN", "CN", "MY"), ("AE", "ET", "TR"), import_share=0.3),
    Corridor("counterfeits", 16, (("ipr_clothing", 5), ("ipr_footwear", 3), ("ipr_watches", 2), ("ipr_electronics", 3), ("ipr_cosmetics", 2), ("ipr_toys", 2), ("ipr_spare_parts", 1)), ("CN", "HK", "TR"), (("postal", 5), ("express_courier", 3), ("sea_container", 2)), ("GB", "NL", "DE", "FR", "ES", "ZA")),
    Corridor("cash outbound", 5, (("banknotes", 1),), ("GB",), (("air_passenger", 7), ("road_vehicle", 2), ("express_courier", 1)), ("AE", "TR", "LB", "NG", "PK", "CN"), ("AE",), outbound=True),
    Corridor("tramadol to West Africa", 3, (("tramadol", 8), ("fake_medicines", 2)), ("IN",), (("sea_container", 6), ("air_cargo", 2), ("postal", 2)), ("NG", "GH", "BJ", "TG", "NE"), ("AE", "MA"), import_share=0.3),
    Corridor("cannabis resin", 6, (("cannabis_resin", 1),), ("MA",), (("road_vehicle", 6), ("sea_vessel", 2), ("sea_container", 2)), ("ES", "FR", "NL", "GB", "IT"), ("ES",)),
    Corridor("cannabis herb by air and post", 7, (("cannabis_herb", 1),), ("US", "CA", "TH"), (("air_passenger", 6), ("postal", 3), ("express_courier", 1)), ("GB", "NL", "DE")),
    Corridor("synthetic drugs", 3, (("mdma", 5), ("amphetamine", 3), ("methamphetamine", 2)), ("NL", "BE"), (("postal", 4), ("express_courier", 2), ("road_vehicle", 3), ("air_passenger", 1)), ("GB", "AU", "NZ", "ZA")),
    Corridor("falsified medicines", 4, (("fake_medicines", 6), ("medicines_other", 3), ("doping", 1)), ("IN", "CN"), (("postal", 6), ("express_courier", 3), ("air_cargo", 1)), ("GB", "NL", "DE", "NG")),
    Corridor("spirits", 2, (("spirits", 8), ("wine", 2)), ("FR", "BE", "IT"), (("road_vehicle", 8), ("sea_container", 2)), ("GB", "PL", "NO")),
    Corridor("firearms", 1, (("firearm_parts", 4), ("firearms", 3), ("ammunition", 3)), ("US", "TR"), (("postal", 4), ("express_courier", 3), ("road_vehicle", 3)), ("GB", "NL", "DE", "SE")),
    Corridor("gold", 1, (("precious_metals", 1),), ("AE", "GH", "ML"), (("air_passenger", 8), ("air_cargo", 2)), ("IN", "CH", "GB", "TR"), ("AE",)),
)  # fmt: skip

#: What a commodity is counted in and how much of it a seizure holds, by conveyance class
#: ("body": a traveller or pedestrian, "small": a parcel, "vehicle": a car, truck or wagon,
#: "bulk": a container, vessel or air cargo): (unit, {class: (low, high)}, value per unit in
#: EUR, kg per unit or None). Quantities are drawn log-uniformly between low and high.
QUANTITIES: dict[str, tuple[str, dict[str, tuple[float, float]], float, float | None]] = {
    "cocaine": ("kg", {"body": (0.4, 6), "small": (0.05, 2), "vehicle": (1, 120), "bulk": (20, 4000)}, 32000, 1),
    "heroin": ("kg", {"body": (0.3, 4), "small": (0.05, 1), "vehicle": (2, 200), "bulk": (10, 1200)}, 25000, 1),
    "opiates_other": ("kg", {"body": (0.5, 5), "small": (0.05, 1), "vehicle": (2, 100), "bulk": (10, 500)}, 4000, 1),
    "cannabis_resin": ("kg", {"body": (0.2, 8), "small": (0.05, 3), "vehicle": (20, 3000), "bulk": (200, 9000)}, 3000, 1),
    "cannabis_herb": ("kg", {"body": (2, 45), "small": (0.1, 4), "vehicle": (5, 600), "bulk": (50, 2500)}, 5000, 1),
    "mdma": ("tablets", {"body": (50, 3000), "small": (20, 5000), "vehicle": (1000, 300000), "bulk": (10000, 2000000)}, 3, 0.0003),
    "amphetamine": ("kg", {"body": (0.1, 3), "small": (0.05, 2), "vehicle": (2, 150), "bulk": (20, 1500)}, 4000, 1),
    "methamphetamine": ("kg", {"body": (0.1, 2), "small": (0.02, 1), "vehicle": (1, 80), "bulk": (10, 700)}, 20000, 1),
    "captagon": ("tablets", {"body": (200, 8000), "small": (100, 5000), "vehicle": (20000, 3000000), "bulk": (200000, 15000000)}, 5, 0.00017),
    "khat": ("kg", {"body": (5, 60), "small": (0.5, 12), "vehicle": (30, 600), "bulk": (80, 2500)}, 20, 1),
    "tramadol": ("tablets", {"body": (100, 5000), "small": (50, 20000), "vehicle": (10000, 800000), "bulk": (200000, 30000000)}, 0.5, 0.0003),
    "fake_medicines": ("tablets", {"body": (20, 2000), "small": (10, 2000), "vehicle": (1000, 200000), "bulk": (10000, 5000000)}, 0.4, 0.0003),
    "medicines_other": ("tablets", {"body": (20, 1000), "small": (10, 1000), "vehicle": (500, 50000), "bulk": (5000, 1000000)}, 0.6, 0.0003),
    "doping": ("doses", {"body": (10, 300), "small": (5, 400), "vehicle": (100, 5000), "bulk": (1000, 50000)}, 4, None),
    "cigarettes": ("sticks", {"body": (400, 8000), "small": (200, 4000), "vehicle": (10000, 9000000), "bulk": (1000000, 10000000)}, 0.35, 0.001),
    "raw_tobacco": ("kg", {"body": (2, 30), "small": (1, 10), "vehicle": (100, 20000), "bulk": (5000, 25000)}, 8, 1),
    "shisha_tobacco": ("kg", {"body": (1, 20), "small": (0.5, 10), "vehicle": (50, 3000), "bulk": (1000, 20000)}, 30, 1),
    "pangolin_scales": ("kg", {"body": (2, 30), "small": (0.2, 5), "vehicle": (20, 800), "bulk": (500, 12000)}, 500, 1),
    "ivory": ("kg", {"body": (1, 30), "small": (0.1, 5), "vehicle": (10, 500), "bulk": (100, 7000)}, 1500, 1),
    "rhino_horn": ("kg", {"body": (0.5, 15), "small": (0.1, 3), "vehicle": (2, 40), "bulk": (5, 200)}, 60000, 1),
    "ipr_clothing": ("pieces", {"body": (5, 80), "small": (1, 40), "vehicle": (50, 5000), "bulk": (1000, 60000)}, 25, 0.3),
    "ipr_footwear": ("pairs", {"body": (2, 30), "small": (1, 20), "vehicle": (50, 3000), "bulk": (500, 20000)}, 40, 0.9),
    "ipr_watches": ("pieces", {"body": (2, 60), "small": (1, 30), "vehicle": (20, 2000), "bulk": (200, 20000)}, 80, 0.15),
    "ipr_electronics": ("pieces", {"body": (2, 40), "small": (1, 50), "vehicle": (50, 5000), "bulk": (500, 50000)}, 30, 0.2),
    "ipr_cosmetics": ("pieces", {"body": (3, 60), "small": (1, 50), "vehicle": (100, 8000), "bulk": (1000, 80000)}, 15, 0.15),
    "ipr_toys": ("pieces", {"body": (3, 50), "small": (1, 40), "vehicle": (100, 8000), "bulk": (1000, 100000)}, 8, 0.3),
    "ipr_spare_parts": ("pieces", {"body": (1, 20), "small": (1, 30), "vehicle": (20, 2000), "bulk": (200, 20000)}, 20, 1),
    "banknotes": ("pieces", {"body": (200, 4000), "small": (20, 600), "vehicle": (400, 40000), "bulk": (2000, 100000)}, 50, 0.001),
    "spirits": ("l", {"body": (2, 30), "small": (1, 10), "vehicle": (100, 20000), "bulk": (5000, 24000)}, 15, 1),
    "wine": ("l", {"body": (3, 40), "small": (1, 12), "vehicle": (200, 20000), "bulk": (5000, 24000)}, 6, 1),
    "firearms": ("pieces", {"body": (1, 3), "small": (1, 2), "vehicle": (1, 25), "bulk": (5, 200)}, 1500, 1.2),
    "firearm_parts": ("pieces", {"body": (1, 10), "small": (1, 12), "vehicle": (5, 200), "bulk": (50, 3000)}, 200, 0.3),
    "ammunition": ("pieces", {"body": (10, 300), "small": (10, 500), "vehicle": (100, 20000), "bulk": (5000, 200000)}, 1, 0.012),
    "precious_metals": ("kg", {"body": (0.3, 12), "small": (0.1, 2), "vehicle": (1, 60), "bulk": (10, 300)}, 60000, 1),
}  # fmt: skip

CONVEYANCE_CLASS = {
    "air_passenger": "body", "pedestrian": "body", "postal": "small", "express_courier": "small",
    "road_vehicle": "vehicle", "rail": "vehicle", "sea_container": "bulk", "sea_vessel": "bulk",
    "air_cargo": "bulk",
}  # fmt: skip

#: Concealment methods that fit each conveyance, weighted.
CONCEALMENTS: dict[str, tuple[tuple[str, float], ...]] = {
    "air_passenger": (("in_baggage", 45), ("internal", 20), ("on_body", 20), ("personal_effects", 15)),
    "pedestrian": (("on_body", 60), ("personal_effects", 40)),
    "air_cargo": (("in_cargo", 55), ("misdeclaration", 45)),
    "postal": (("postal_item", 70), ("misdeclaration", 30)),
    "express_courier": (("postal_item", 40), ("in_cargo", 30), ("misdeclaration", 30)),
    "sea_container": (("in_cargo", 45), ("rip_on_rip_off", 25), ("misdeclaration", 15), ("compartment", 15)),
    "sea_vessel": (("compartment", 50), ("natural_cavity", 30), ("in_cargo", 20)),
    "road_vehicle": (("natural_cavity", 35), ("compartment", 30), ("in_cargo", 25), ("personal_effects", 10)),
    "rail": (("in_cargo", 50), ("natural_cavity", 30), ("compartment", 20)),
}  # fmt: skip

#: Detection methods that fit each conveyance, weighted (a seizure gets one or two).
DETECTIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "air_passenger": (("risk_profiling", 35), ("detector_dog", 20), ("routine_control", 20), ("xray", 15), ("intelligence", 10)),
    "pedestrian": (("routine_control", 50), ("detector_dog", 25), ("random_check", 25)),
    "air_cargo": (("risk_profiling", 40), ("xray", 30), ("document_check", 20), ("intelligence", 10)),
    "postal": (("xray", 45), ("risk_profiling", 25), ("detector_dog", 20), ("random_check", 10)),
    "express_courier": (("risk_profiling", 40), ("xray", 35), ("document_check", 15), ("detector_dog", 10)),
    "sea_container": (("risk_profiling", 35), ("xray", 30), ("intelligence", 20), ("joint_operation", 10), ("post_clearance", 5)),
    "sea_vessel": (("intelligence", 50), ("joint_operation", 30), ("routine_control", 20)),
    "road_vehicle": (("routine_control", 35), ("xray", 25), ("detector_dog", 20), ("risk_profiling", 10), ("intelligence", 10)),
    "rail": (("xray", 40), ("routine_control", 30), ("detector_dog", 30)),
}  # fmt: skip

#: Offence types by commodity section.
OFFENCES: dict[str, tuple[str, ...]] = {
    "drugs": ("drug_trafficking", "smuggling"),
    "tobacco": ("smuggling", "excise_fraud"),
    "alcohol": ("excise_fraud", "undeclared"),
    "ipr": ("ipr_infringement",),
    "cites": ("cites_violation", "smuggling"),
    "cash": ("cash_declaration", "money_laundering"),
    "medicines": ("prohibited_goods", "restricted_goods"),
    "weapons": ("smuggling", "restricted_goods"),
    "other_revenue": ("undeclared", "misdecl_value"),
}

#: The kind of office each conveyance is controlled at: a unit code's stem (``O-PORT2`` -> PORT).
UNIT_STEMS: dict[str, tuple[str, ...]] = {
    "air_passenger": ("AIR",), "air_cargo": ("AIR",), "express_courier": ("MAIL", "AIR"),
    "postal": ("MAIL",), "sea_container": ("PORT", "ICD"), "sea_vessel": ("PORT",),
    "road_vehicle": ("B", "ICD"), "rail": ("RAIL", "B"), "pedestrian": ("B",),
}  # fmt: skip

#: Main international airports (IATA) by country, for route legs; missing ones are skipped.
AIRPORTS: dict[str, tuple[str, ...]] = {
    "BR": ("GRU", "GIG", "REC"), "CO": ("BOG", "MDE"), "EC": ("UIO", "GYE"), "PE": ("LIM",),
    "NL": ("AMS",), "BE": ("BRU", "LGG"), "ES": ("MAD", "BCN"), "ZA": ("JNB", "CPT"),
    "GB": ("LHR", "LGW", "MAN", "BHX", "EMA"), "PT": ("LIS",), "ET": ("ADD",), "AE": ("DXB", "AUH"),
    "FR": ("CDG", "ORY"), "AF": ("KBL",), "PK": ("KHI", "LHE", "ISB"), "IR": ("IKA",), "TR": ("IST", "SAW"),
    "KE": ("NBO",), "SE": ("ARN",), "US": ("JFK", "LAX", "ORD", "MIA"), "NG": ("LOS", "ABV"),
    "CM": ("DLA",), "CD": ("FIH",), "MZ": ("MPM",), "VN": ("SGN", "HAN"), "CN": ("PVG", "PEK", "CAN"),
    "MY": ("KUL",), "HK": ("HKG",), "LB": ("BEY",), "IN": ("DEL", "BOM", "MAA"), "GH": ("ACC",),
    "TH": ("BKK",), "CA": ("YYZ", "YVR"), "DE": ("FRA", "MUC"), "AU": ("SYD", "MEL"), "NZ": ("AKL",),
    "SA": ("RUH", "JED"), "JO": ("AMM",), "CH": ("ZRH", "GVA"), "ML": ("BKO",), "TG": ("LFW",),
    "BJ": ("COO",), "IT": ("FCO", "MXP"), "PL": ("WAW",), "NO": ("OSL",), "QA": ("DOH",),
}  # fmt: skip

#: Airlines (IATA code, name, air waybill prefix) by country, and hub carriers for any route.
AIRLINES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "BR": (("LA", "LATAM Airlines", "045"), ("TP", "TAP Air Portugal", "047")),
    "CO": (("AV", "Avianca", "134"), ("IB", "Iberia", "075")),
    "EC": (("AV", "Avianca", "134"), ("KL", "KLM", "074")),
    "PE": (("LA", "LATAM Airlines", "045"), ("IB", "Iberia", "075")),
    "KE": (("KQ", "Kenya Airways", "706"),), "ET": (("ET", "Ethiopian Airlines", "071"),),
    "NG": (("ET", "Ethiopian Airlines", "071"), ("WB", "RwandAir", "459")),
    "PK": (("PK", "Pakistan International Airlines", "214"),), "IN": (("AI", "Air India", "098"),),
    "TR": (("TK", "Turkish Airlines", "235"),), "AE": (("EK", "Emirates", "176"), ("EY", "Etihad Airways", "607")),
    "US": (("AA", "American Airlines", "001"), ("DL", "Delta Air Lines", "006")), "TH": (("TG", "Thai Airways", "217"),),
    "CA": (("AC", "Air Canada", "014"),), "NL": (("KL", "KLM", "074"),), "GB": (("BA", "British Airways", "125"),),
    "CN": (("CA", "Air China", "999"), ("MU", "China Eastern", "781")), "HK": (("CX", "Cathay Pacific", "160"),),
}  # fmt: skip
HUB_AIRLINES = (
    ("EK", "Emirates", "176"), ("QR", "Qatar Airways", "157"), ("TK", "Turkish Airlines", "235"),
    ("ET", "Ethiopian Airlines", "071"), ("KL", "KLM", "074"), ("AF", "Air France", "057"),
    ("LH", "Lufthansa", "020"), ("BA", "British Airways", "125"),
)  # fmt: skip

#: Container owner prefixes (BIC codes of large carriers and lessors, category U).
CONTAINER_OWNERS = (
    "MSCU", "MSDU", "MEDU", "MAEU", "MRKU", "MSKU", "CMAU", "CGMU", "HLXU", "HLBU", "COSU",
    "CSNU", "OOLU", "EGHU", "EISU", "ONEU", "TGHU", "TCNU", "SEGU", "TRLU", "CAIU", "GESU",
    "BMOU", "FCIU", "TEMU", "CRXU", "ZIMU", "YMLU", "HDMU", "SUDU",
)  # fmt: skip
VESSEL_PREFIXES = ("MSC", "MAERSK", "CMA CGM", "COSCO", "EVER", "HMM", "ONE", "YM", "ZIM", "MOL")
VESSEL_NAMES = (
    "AURORA", "BEATRICE", "CAPELLA", "DIANA", "ELENI", "FAITH", "GENEVA", "HAMBURG", "ISTANBUL",
    "JADE", "KALINA", "LUCIA", "MARINA", "NOVA", "OCEANIA", "PALERMO", "QINGDAO", "RIVIERA",
    "SAVANNAH", "TIGRIS", "ULYSSES", "VALENCIA", "WINTER", "XIAMEN", "YOKOHAMA", "ZENITH",
)  # fmt: skip
S10_SERVICES = ("RR", "RB", "CP", "CX", "LX", "LY", "EE", "EA", "UA", "UB")

#: Brands written on goods (genuine brands for counterfeits, illicit whites for cigarettes).
BRANDS: dict[str, tuple[str, ...]] = {
    "cigarettes": ("Marlboro", "Jin Ling", "Raquel", "Oris", "Minsk", "Fest", "NZ Gold", "Manchester", "Gold Mount", "Capital"),
    "shisha_tobacco": ("Al Fakher", "Afzal", "Adalya"),
    "ipr_clothing": ("Nike", "Adidas", "Gucci", "Louis Vuitton", "Burberry", "Lacoste", "The North Face"),
    "ipr_footwear": ("Nike", "Adidas", "Puma", "Converse", "New Balance"),
    "ipr_watches": ("Rolex", "Omega", "Cartier", "Tag Heuer", "Pandora"),
    "ipr_electronics": ("Apple", "Samsung", "Sony", "JBL", "Beats"),
    "ipr_cosmetics": ("Chanel", "Dior", "MAC", "L'Oréal", "Yves Saint Laurent"),
    "ipr_toys": ("Lego", "Disney", "Pokémon", "Barbie", "Labubu"),
    "ipr_spare_parts": ("Bosch", "Toyota", "Brembo", "Mercedes-Benz"),
    "spirits": ("Smirnoff", "Johnnie Walker", "Glen's", "Hennessy"),
    "fake_medicines": ("Viagra", "Cialis", "Xanax"),
}  # fmt: skip

#: Descriptions of goods; ``{n}`` is a small count, ``{brand}`` the brand.
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "cocaine": ("{n} bricks of white powder marked with a crown logo", "white powder in vacuum-sealed packages", "{n} pellets of cocaine hydrochloride", "cocaine impregnated in clothing", "{n} packages marked with a scorpion logo", "liquid cocaine in wine bottles"),
    "heroin": ("brown powder in {n} packages", "{n} blocks of heroin base wrapped in tape", "heroin in pellets"),
    "opiates_other": ("opium in {n} cakes", "morphine base in bags"),
    "cannabis_resin": ("{n} slabs of cannabis resin", "resin in soap-bar shape", "resin packed in bales"),
    "cannabis_herb": ("herbal cannabis in vacuum bags", "{n} vacuum-packed bags of cannabis buds", "cannabis herb in suitcases"),
    "mdma": ("ecstasy tablets with a logo", "pink MDMA tablets", "MDMA crystals"),
    "amphetamine": ("amphetamine paste", "white amphetamine powder in bags"),
    "methamphetamine": ("crystal methamphetamine in tea packaging", "methamphetamine in {n} bags"),
    "captagon": ("captagon tablets with a double-crescent logo", "yellow tablets stamped with two half-moons"),
    "khat": ("fresh khat in bundles wrapped in banana leaves", "dried khat leaves", "khat bundles declared as vegetables"),
    "tramadol": ("tramadol 225 mg tablets in blister packs", "tramadol tablets without marketing authorisation", "red tramadol capsules"),
    "fake_medicines": ("falsified {brand} tablets", "unlabelled tablets in blister packs", "counterfeit antimalarial tablets"),
    "medicines_other": ("unauthorised slimming pills", "prescription medicines without licence"),
    "doping": ("anabolic steroids in vials", "testosterone ampoules"),
    "cigarettes": ("{brand} cigarettes without tax stamps", "counterfeit {brand} cigarettes", "{brand} cigarettes in master cases"),
    "raw_tobacco": ("raw tobacco leaves in bales", "cut tobacco in bags"),
    "shisha_tobacco": ("{brand} water-pipe tobacco without tax stamps",),
    "pangolin_scales": ("pangolin scales in sacks", "pangolin scales declared as cashew nuts"),
    "ivory": ("raw elephant tusks", "{n} cut ivory pieces", "carved ivory items"),
    "rhino_horn": ("rhinoceros horn pieces wrapped in foil", "{n} rhinoceros horns"),
    "ipr_clothing": ("counterfeit {brand} T-shirts", "counterfeit {brand} handbags", "fake {brand} jackets"),
    "ipr_footwear": ("counterfeit {brand} trainers", "fake {brand} sneakers"),
    "ipr_watches": ("counterfeit {brand} watches", "fake {brand} jewellery"),
    "ipr_electronics": ("counterfeit {brand} earphones", "fake {brand} phone chargers", "counterfeit {brand} phones"),
    "ipr_cosmetics": ("counterfeit {brand} perfume", "fake {brand} make-up"),
    "ipr_toys": ("counterfeit {brand} toys", "fake {brand} figures"),
    "ipr_spare_parts": ("counterfeit {brand} brake pads", "fake {brand} filters"),
    "banknotes": ("undeclared cash in euro banknotes", "US dollar banknotes in bundles", "sterling banknotes vacuum-packed"),
    "spirits": ("{brand} vodka without duty paid", "counterfeit {brand} whisky"),
    "wine": ("wine in cases without excise documents",),
    "firearms": ("semi-automatic pistols", "disassembled rifles", "converted blank-firing pistols"),
    "firearm_parts": ("pistol slides and barrels", "3D-printed firearm frames", "firearm parts declared as tools"),
    "ammunition": ("9 mm cartridges", "shotgun cartridges"),
    "precious_metals": ("gold bars", "gold jewellery", "gold paste"),
}  # fmt: skip

CITES_SPECIES: dict[str, tuple[tuple[str, str], ...]] = {
    "ivory": (("Loxodonta africana", "I"), ("Loxodonta cyclotis", "I")),
    "pangolin_scales": (("Phataginus tricuspis", "I"), ("Smutsia gigantea", "I"), ("Phataginus tetradactyla", "I")),
    "rhino_horn": (("Diceros bicornis", "I"), ("Ceratotherium simum", "I")),
}  # fmt: skip

#: HS subheadings used when the code list holds them.
HS_CODES: dict[str, str] = {
    "cocaine": "293972", "heroin": "293911", "cigarettes": "240220", "raw_tobacco": "240110",
    "shisha_tobacco": "240311", "khat": "121190", "ivory": "050790", "pangolin_scales": "050790",
    "ipr_footwear": "640411", "ipr_watches": "910211", "ipr_toys": "950300", "spirits": "220860",
    "wine": "220421", "firearms": "930200", "ammunition": "930630", "precious_metals": "710812",
    "banknotes": "490700", "tramadol": "300490", "fake_medicines": "300490",
}  # fmt: skip

#: The goods a consignment was declared as, for cover loads and misdeclarations.
COVER_GOODS = (
    "bananas", "pineapples", "frozen fish", "coffee beans", "timber", "ceramic tiles", "car parts",
    "furniture", "textiles", "scrap metal", "rice", "plastic toys", "machinery", "sugar",
)  # fmt: skip

CONCEALMENT_TEXT: dict[str, tuple[str, ...]] = {
    "in_baggage": ("in a false bottom of a suitcase", "among clothes in checked baggage", "in the lining of a suitcase"),
    "internal": ("swallowed in {n} pellets, confirmed by a hospital scan", "ingested capsules, {n} expelled under supervision"),
    "on_body": ("strapped to the legs under clothing", "in a vest worn under a jacket", "taped around the waist"),
    "personal_effects": ("inside shampoo bottles", "in hollowed-out books", "in food tins", "in a laptop case"),
    "in_cargo": ("among the declared {cover}", "inside pallets of {cover}", "inside machinery declared as {cover}"),
    "rip_on_rip_off": ("in sports bags just inside the container doors", "in holdalls behind a cloned seal"),
    "misdeclaration": ("declared as {cover}", "declared as samples of {cover}"),
    "compartment": ("in a purpose-built compartment under the floor", "behind a false wall", "in a hidden compartment in the fuel tank"),
    "natural_cavity": ("in the spare wheel", "inside the door panels", "behind the dashboard", "in the roof lining"),
    "postal_item": ("inside a parcel declared as {cover}", "in greeting cards", "inside a hollowed-out toy"),
}  # fmt: skip

FOLLOW_UP = (
    "The case was handed to the investigation service.",
    "The public prosecutor was informed.",
    "The goods were destroyed under supervision.",
    "A controlled delivery was considered and refused.",
    "The suspect was arrested and the case referred to the prosecutor.",
    "An administrative penalty was imposed.",
    "Samples were sent to the laboratory.",
)

#: Seizures per month of year (January first): busier before the holidays and in spring.
MONTH_WEIGHTS = (0.9, 0.85, 1.0, 1.05, 1.05, 0.95, 0.9, 0.85, 1.0, 1.1, 1.2, 1.15)
#: Hours of the day when seizures are made, weighted (early flights, day shifts).
HOUR_WEIGHTS = (1, 1, 1, 1, 2, 4, 6, 7, 8, 8, 8, 7, 6, 6, 7, 7, 6, 5, 4, 4, 3, 2, 2, 1)
#: Growth of seizures from one year to the next.
YEARLY_GROWTH = 1.08

STATUS_OLD = (("validated", 84), ("closed", 13), ("submitted", 2), ("returned", 1))  # fmt: skip
STATUS_RECENT = (("validated", 55), ("submitted", 20), ("draft", 18), ("returned", 7))  # fmt: skip
HANDLING = (("H0", 90), ("H1", 6), ("H2", 3), ("H3", 1))
RELIABILITY = (("A", 55), ("B", 35), ("C", 6), ("X", 4))
ACCURACY = (("1", 60), ("2", 25), ("3", 10), ("4", 5))

#: Currency of the values by installation country; EUR otherwise.
CURRENCIES = {"GB": "GBP", "ZA": "ZAR", "US": "USD", "NG": "NGN", "KE": "KES", "AE": "AED", "SA": "SAR", "CH": "CHF", "SE": "SEK", "NO": "NOK", "PL": "PLN", "AU": "AUD", "IN": "INR", "BR": "BRL"}  # fmt: skip
#: Units of each currency in one euro (rounded; good enough for demo values).
EURO_RATES = {"EUR": 1, "GBP": 0.86, "ZAR": 20, "USD": 1.08, "NGN": 1600, "KES": 140, "AED": 4, "SAR": 4, "CHF": 0.95, "SEK": 11.5, "NOK": 11.7, "PLN": 4.3, "AUD": 1.65, "INR": 90, "BRL": 6}  # fmt: skip


# --- helpers -------------------------------------------------------------------------------


class Weighted:
    """A weighted choice drawn with one random number and a bisection."""

    def __init__(self, items: Sequence[tuple[Any, float]]):
        self.values = [value for value, _ in items]
        total = 0.0
        self.cumulative = []
        for _, weight in items:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def __call__(self, rng) -> Any:
        index = bisect.bisect(self.cumulative, rng.random() * self.total)
        return self.values[min(index, len(self.values) - 1)]


def container_number(rng) -> str:
    """An ISO 6346 container number with its check digit."""
    head = rng.choice(CONTAINER_OWNERS) + f"{rng.randrange(1_000_000):06d}"
    return head + str(iso6346_check_digit(head))


def air_waybill(rng, prefix: str) -> str:
    serial = rng.randrange(10_000_000)
    return f"{prefix}{serial:07d}{serial % 7}"


def imo_number(rng) -> str:
    digits = [9, *(rng.randrange(10) for _ in range(5))]
    check = sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return "".join(map(str, digits)) + str(check)


def s10_tracking(rng, country: str) -> str:
    """A UPU S10 postal item number (service, 8 digits, check digit, country)."""
    digits = [rng.randrange(10) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(digits, (8, 6, 4, 2, 3, 5, 9, 7), strict=True)) % 11
    check = {10: 0, 11: 5}.get(check, check)
    return f"{rng.choice(S10_SERVICES)}{''.join(map(str, digits))}{check}{country}"


def vehicle_plate(rng, country: str) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    pick = lambda n: "".join(rng.choice(letters) for _ in range(n))  # noqa: E731
    number = lambda n: "".join(str(rng.randrange(10)) for _ in range(n))  # noqa: E731
    if country == "GB":
        return f"{pick(2)}{number(2)} {pick(3)}"
    if country == "TR":
        return f"{rng.randint(1, 81):02d} {pick(3)} {number(3)}"
    if country == "BY":
        return f"{number(4)} {pick(2)}-{rng.randint(1, 7)}"
    if country in ("PL", "LT", "DE", "NL", "BE", "FR", "ES", "IT"):
        return f"{pick(2)}-{number(3)}-{pick(2)}"
    return f"{pick(3)} {number(4)}"


#: Colours of the placeholder pictures: (background, load, contraband) by conveyance class.
PICTURE_COLOURS = {
    "bulk": ((96, 104, 112), (150, 110, 60), (235, 235, 225)),
    "vehicle": ((60, 64, 70), (30, 30, 30), (120, 160, 60)),
    "small": ((200, 180, 140), (170, 130, 90), (240, 240, 240)),
    "body": ((70, 90, 120), (40, 40, 50), (220, 215, 200)),
}


def concealment_picture(rng, reference: str, method: str, conveyance: str):
    """A placeholder photo of a concealment: a cover load, packages hidden in it, a label."""
    from PIL import Image, ImageDraw

    background, load, contraband = PICTURE_COLOURS[CONVEYANCE_CLASS.get(conveyance, "bulk")]
    image = Image.new("RGB", (800, 600), background)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(6, 14)):  # the cover load
        x, y = rng.randint(0, 700), rng.randint(120, 520)
        draw.rectangle([x, y, x + rng.randint(60, 180), y + rng.randint(40, 90)], fill=load, outline=(20, 20, 20))  # fmt: skip
    x0, y0 = rng.randint(60, 400), rng.randint(180, 380)
    for row in range(rng.randint(2, 4)):  # the packages found
        for column in range(rng.randint(3, 6)):
            x, y = x0 + column * 58, y0 + row * 36
            draw.rectangle([x, y, x + 52, y + 30], fill=contraband, outline=(160, 20, 20), width=2)  # fmt: skip
    draw.rectangle([0, 0, 800, 70], fill=(20, 20, 20))
    draw.text((16, 12), f"{reference}  -  concealment: {method.replace('_', ' ')}", fill=(255, 255, 255))  # fmt: skip
    draw.text((16, 40), "OpenCEN demo data: generated placeholder, not a real photograph", fill=(255, 200, 0))  # fmt: skip
    return image


def uuid7(when: datetime.datetime, random_id: uuid.UUID) -> uuid.UUID:
    """An RFC 9562 version-7 UUID: the time ``when`` (milliseconds) then random bits.

    What a record made at that time would get from a time-ordered generator: index entries
    keyed by these ids are appended rather than scattered, which keeps the inserts of a million
    seizures and their rows from rewriting index pages all over the file (measured: the
    random version-4 ids made each batch slower as the tables grew).
    """
    milliseconds = int(when.timestamp() * 1000)
    bits = (milliseconds << 80) | (random_id.int & ((1 << 80) - 1))
    bits = (bits & ~(0xF << 76)) | (0x7 << 76)  # version 7
    bits = (bits & ~(0x3 << 62)) | (0x2 << 62)  # RFC 9562 variant
    return uuid.UUID(int=bits)


def log_uniform(rng, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


# --- the generator -------------------------------------------------------------------------


@dataclass
class Station:
    """A unit that makes seizures, with what the generator needs of it."""

    id: int
    code: str
    path: str
    stem: str
    place: str | None
    officers: list[int]
    supervisors: list[int]


@demo.register
class SeizureGenerator(demo.DemoGenerator):
    """Seizures with goods, concealments, conveyances, route legs, methods and versions."""

    name = "seizures"
    label = "Seizures"
    order = 50
    dependencies = ("units", "users", "places")
    options = (
        demo.DemoOption("seizures", default=2000, help="How many seizures to make (default 2000)."),
    )

    def is_empty(self) -> bool:
        return not Seizure.objects.exists()

    def estimate(self, ctx: demo.DemoContext) -> int:
        return ctx.options["seizures"]

    def check(self, ctx: demo.DemoContext) -> None:
        if ctx.options["seizures"] < 0:
            raise demo.DemoDataError("--seizures cannot be negative.")
        if ctx.options["seizures"] and not ref.CommodityType.objects.exists():
            raise demo.DemoDataError(
                "The commodity code lists are empty: run `opencen load-reference` first, then "
                "`opencen demo` again."
            )

    def generate(self, ctx: demo.DemoContext) -> dict[str, int]:
        total = ctx.options["seizures"]
        if not total:
            return {}
        plan = SeizurePlan.load(ctx)
        connection = connections[router.db_for_write(Seizure)]
        progress = ctx.progress
        counts: Counter[str] = Counter()
        with _fast_writes(connection):
            ctx.progress = demo._NoProgress()  # insert_rows would count every table's rows
            # Millions of short-lived rows and no reference cycles: the cyclic garbage
            # collector would only rescan them over and over.
            gc_was_enabled = gc.isenabled()
            gc.disable()
            try:
                for chunk in plan.chunks(total):
                    with transaction.atomic(using=connection.alias):
                        for label, model, fields, rows in chunk:
                            if model is None:  # the search documents
                                counts[label] += search.seizure_index_insert(
                                    rows,
                                    using=connection.alias,
                                    batch_size=ctx.batch_size,
                                    prepared=True,
                                )
                            else:
                                counts[label] += insert_prepared(
                                    connection, model, fields, rows, batch_size=ctx.batch_size
                                )
                    progress.update(len(chunk[0][3]))
            finally:
                ctx.progress = progress
                if gc_was_enabled:
                    gc.enable()
            search.seizure_index_optimize(using=connection.alias)
        photos = plan.save_photos()
        if photos:
            counts["concealment photos"] = photos
        plan.save_sequences()
        plan.audit_summary(counts["seizures"])
        return {str(name): count for name, count in counts.items()}


class _fast_writes:
    """On SQLite, write without waiting for the disk and with a large cache; put back after."""

    def __init__(self, connection):
        self.connection = connection
        self.saved: dict[str, Any] = {}

    def __enter__(self):
        if self.connection.vendor != "sqlite" or self.connection.in_atomic_block:
            return self  # (SQLite refuses to change the safety level inside a transaction)
        with self.connection.cursor() as cursor:
            for name in ("synchronous", "cache_size"):
                cursor.execute(f"PRAGMA {name}")
                self.saved[name] = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
        return self

    def __exit__(self, *exc):
        if self.saved:
            with self.connection.cursor() as cursor:
                cursor.execute(f"PRAGMA synchronous = {int(self.saved['synchronous'])}")
                cursor.execute(f"PRAGMA cache_size = {int(self.saved['cache_size'])}")
        return False


def insert_prepared(connection, model, fields: Sequence[str], rows: list[tuple], *, batch_size: int) -> int:  # fmt: skip
    """:meth:`DemoContext.insert_rows` for rows already holding database values.

    ``insert_rows`` turns every value into its database form through the model field (about
    half of the generator's time at a million seizures, measured); the generator makes ids,
    dates, decimals and JSON in their database form directly (:class:`DatabaseValues`), so
    only the columns left out get the model default, once, as ``insert_rows`` does.
    """
    quote = connection.ops.quote_name
    given = [model._meta.get_field(name) for name in fields]
    now = datetime.datetime.now(tz=datetime.UTC)
    defaults = []
    for field in model._meta.concrete_fields:
        if field in given or field.primary_key:
            continue
        value = now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) else field.get_default()  # fmt: skip
        defaults.append((field, field.get_db_prep_save(value, connection)))
    columns = [f.column for f in given] + [f.column for f, _ in defaults]
    constant = tuple(value for _, value in defaults)
    table = quote(model._meta.db_table)
    column_list = ", ".join(quote(c) for c in columns)
    sql = f"INSERT INTO {table} ({column_list}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    count = 0
    for start in range(0, len(rows), batch_size):
        chunk = rows[start : start + batch_size]
        if constant:
            chunk = [row + constant for row in chunk]
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                    for row in chunk:
                        copy.write_row(row)
            else:
                cursor.executemany(sql, chunk)
        count += len(chunk)
    return count


class DatabaseValues:
    """Values in the form the database driver takes them (what the model fields would make)."""

    def __init__(self, vendor: str):
        sqlite = vendor == "sqlite"
        # SQLite: UUIDs as 32 hex digits, UTC times as naive text; PostgreSQL takes both as is.
        self.uuid = (lambda value: value.hex) if sqlite else str
        self.datetime = (lambda value: value and str(value.replace(tzinfo=None))) if sqlite else (lambda value: value)  # fmt: skip
        self.json = json.dumps


class _FastRandom(random.Random):
    """``random.Random`` whose ``choice``, ``randint`` and ``randrange`` use one float draw
    (several times faster than the exact integer method; deterministic all the same)."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a, b):
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start, stop=None, step=1):
        if stop is None:
            start, stop = 0, start
        return start + int(self.random() * (stop - start))


class SeizurePlan:
    """Everything read from the database once, and the drawing of seizures from it."""

    def __init__(self, ctx: demo.DemoContext):
        self.ctx = ctx
        self.rng = _FastRandom(ctx.rng.getrandbits(64))
        self.db = DatabaseValues(connections[router.db_for_write(Seizure)].vendor)

    # ---- loading -------------------------------------------------------------------------

    @classmethod
    def load(cls, ctx: demo.DemoContext) -> SeizurePlan:
        plan = cls(ctx)
        plan.country = demo_country(ctx.options.get("country"))
        plan.reference_country = settings.INSTALLATION_COUNTRY or "XX"
        plan.stations = plan._load_stations()
        if not plan.stations:
            raise demo.DemoDataError("There are no units to record demo seizures in.")
        plan.countries = set(ref.Country.objects.values_list("code", flat=True))
        commodity_types = {
            code: (section, label)
            for code, section, label in ref.CommodityType.objects.values_list(
                "code", "section_id", "label"
            )
        }
        allowed: dict[str, list[str]] = defaultdict(list)
        through = ref.CommodityType.allowed_units.through.objects.values_list(
            "commoditytype_id", "measurementunit_id"
        )
        for commodity, unit in sorted(through):
            allowed[commodity].append(unit)
        plan.commodities = commodity_types
        plan.allowed_units = allowed
        plan.units = set(ref.MeasurementUnit.objects.values_list("code", flat=True))
        plan.concealment_methods = set(ref.ConcealmentMethod.objects.values_list("code", flat=True))
        plan.conveyance_types = set(ref.ConveyanceType.objects.values_list("code", flat=True))
        plan.detection_methods = set(ref.DetectionMethod.objects.values_list("code", flat=True))
        plan.offence_types = set(ref.OffenceType.objects.values_list("code", flat=True))
        plan.hs_codes = set(
            ref.HSCode.objects.filter(code__in=set(HS_CODES.values())).values_list(
                "code", flat=True
            )
        )
        currency = CURRENCIES.get(plan.country, "EUR")
        known = set(ref.Currency.objects.filter(code__in=[currency, "EUR"]).values_list("code", flat=True))  # fmt: skip
        plan.currency = currency if currency in known else ("EUR" if "EUR" in known else None)
        plan.rate = EURO_RATES.get(plan.currency or "EUR", 1)
        plan._load_places()
        plan._build_tables()
        plan.photos = []
        plan.seizure_count = 0
        plan.sequences: Counter[tuple[str, int]] = Counter(
            {
                (office, year): last
                for office, year, last in ReferenceSequence.objects.values_list(
                    "office_code", "year", "last_value"
                )
            }
        )
        return plan

    def _load_stations(self) -> list[Station]:
        kinds = (UnitKind.OFFICE, UnitKind.BORDER_POST)
        units = sorted(
            Unit.objects.filter(kind__in=kinds).values_list("id", "code", "path", "kind"),
            key=lambda unit: unit[2],
        )
        if not units:
            units = sorted(
                Unit.objects.values_list("id", "code", "path", "kind"), key=lambda u: u[2]
            )
        staff: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for user_id, unit_id, role in sorted(
            RoleAssignment.objects.filter(user__is_active=True).values_list(
                "user_id", "user__unit_id", "role"
            )
        ):
            staff[unit_id][role].append(user_id)
        places = set(
            ref.Place.objects.filter(
                kind__in=(PlaceKind.CUSTOMS_OFFICE, PlaceKind.BORDER_POST)
            ).values_list("code", flat=True)
        )
        country = demo_country(self.ctx.options.get("country"))
        stations = []
        for unit_id, code, path, kind in units:
            stem = "B" if kind == UnitKind.BORDER_POST else code.split("-", 1)[-1].rstrip("0123456789")  # fmt: skip
            place = f"{country}-{code}"[:16]
            officers = staff[unit_id][Role.OFFICER] or staff[unit_id][Role.SUPERVISOR]
            supervisors = staff[unit_id][Role.SUPERVISOR] or officers
            stations.append(
                Station(
                    unit_id,
                    code,
                    path,
                    stem,
                    place if place in places else None,
                    officers,
                    supervisors,
                )
            )
        return stations

    def _load_places(self) -> None:
        wanted = {iata for codes in AIRPORTS.values() for iata in codes}
        airports: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for code, country, iata in sorted(
            ref.Place.objects.filter(kind=PlaceKind.AIRPORT, iata__in=wanted).values_list(
                "code", "country_id", "iata"
            )
        ):
            airports[country].append((code, iata))
        self.airports = dict(airports)
        seaports: dict[str, list[str]] = defaultdict(list)
        for code, country in sorted(
            ref.Place.objects.filter(kind=PlaceKind.SEAPORT).values_list("code", "country_id")
        ):
            seaports[country].append(code)
        self.seaports = dict(seaports)
        self.place_labels = dict(
            ref.Place.objects.filter(
                code__in=[s.place for s in self.stations if s.place]
            ).values_list("code", "label")
        )
        labels = dict(ref.Country.objects.values_list("code", "label"))
        self.country_labels = labels

    def _build_tables(self) -> None:
        corridors = []
        for corridor in CORRIDORS:
            commodities = [(c, w) for c, w in corridor.commodities if c in self.commodities]
            conveyances = [(c, w) for c, w in corridor.conveyances if c in self.conveyance_types]
            if commodities and conveyances:
                corridors.append((corridor, Weighted(commodities), Weighted(conveyances)))
        if not corridors:
            raise demo.DemoDataError(
                "None of the demo commodities or conveyance types is in the code lists: run "
                "`opencen load-reference` first."
            )
        self.corridors = Weighted([(entry, entry[0].weight) for entry in corridors])
        self.concealment_tables = {
            conveyance: Weighted([(m, w) for m, w in table if m in self.concealment_methods])
            for conveyance, table in CONCEALMENTS.items()
            if any(m in self.concealment_methods for m, _ in table)
        }
        self.detection_tables = {
            conveyance: Weighted([(m, w) for m, w in table if m in self.detection_methods])
            for conveyance, table in DETECTIONS.items()
            if any(m in self.detection_methods for m, _ in table)
        }
        self.stations_by_stem: dict[str, list[Station]] = defaultdict(list)
        for station in self.stations:
            self.stations_by_stem[station.stem].append(station)
        self.status_old, self.status_recent = Weighted(STATUS_OLD), Weighted(STATUS_RECENT)
        self.handling, self.reliability = Weighted(HANDLING), Weighted(RELIABILITY)
        self.accuracy = Weighted(ACCURACY)
        self.hours = Weighted(list(enumerate(HOUR_WEIGHTS)))
        start = PERIOD_END - datetime.timedelta(days=PERIOD_DAYS)
        self.start = start
        days = []
        for offset in range(PERIOD_DAYS):
            day = start + datetime.timedelta(days=offset)
            weight = MONTH_WEIGHTS[day.month - 1] * YEARLY_GROWTH ** (offset / 365)
            weight *= 0.75 if day.weekday() == 6 else 1.0
            days.append((offset, weight))
        self.days = Weighted(days)
        self.vessels = [
            (f"{self.rng.choice(VESSEL_PREFIXES)} {name}", imo_number(self.rng))
            for name in VESSEL_NAMES
            for _ in range(2)
        ]

    # ---- drawing -------------------------------------------------------------------------

    def unit_for(self, conveyance: str) -> Station:
        for stem in UNIT_STEMS.get(conveyance, ()):
            candidates = self.stations_by_stem.get(stem)
            if candidates:
                return self.rng.choice(candidates)
        return self.rng.choice(self.stations)

    def quantity(self, commodity: str, conveyance: str) -> tuple[Decimal, str, Decimal | None, Decimal | None]:  # fmt: skip
        """Quantity, unit, weight in kg and value in the installation's currency."""
        rng = self.rng
        unit, ranges, price, kg_per_unit = QUANTITIES.get(commodity, ("kg", {}, 100, 1))
        low, high = ranges.get(CONVEYANCE_CLASS.get(conveyance, "bulk"), (1, 100))
        amount = log_uniform(rng, low, high)
        allowed = self.allowed_units.get(commodity)
        if allowed and unit not in allowed:
            unit = allowed[0]
            kg_per_unit = None
        if unit in ("kg", "l"):
            quantity = Decimal(f"{amount:.3f}") if amount < 10 else Decimal(f"{amount:.1f}")
        else:
            quantity = Decimal(max(1, round(amount, -2 if amount > 5000 else 0)))
        weight = None
        if kg_per_unit is not None:
            weight = Decimal(f"{float(quantity) * kg_per_unit:.3f}")
        value = None
        if self.currency:
            value = Decimal(f"{float(quantity) * price * rng.uniform(0.7, 1.3) * self.rate:.2f}")
        return quantity, unit, weight, value

    def text(self, template: str, **values: Any) -> str:
        return template.format(n=self.rng.randint(2, 120), **values)

    def route(self, corridor: Corridor, conveyance: str, when: datetime.datetime):
        """(direction, legs as (role, country, place), origin, destination)."""
        rng = self.rng
        home = self.country
        if corridor.outbound:
            origin = home
            destination = rng.choice([c for c in corridor.destinations if c != home] or ["AE"])
            direction = Direction.EXPORT
        elif home in corridor.origins:
            origin = home
            destination = rng.choice([c for c in corridor.destinations if c != home] or ["XX"])
            direction = Direction.EXPORT
        else:
            origin = rng.choice(corridor.origins)
            share = 0.9 if home in corridor.destinations else corridor.import_share
            if rng.random() < share:
                destination, direction = home, Direction.IMPORT
            else:
                others = [c for c in corridor.destinations if c != home]
                destination, direction = (
                    (rng.choice(others), Direction.TRANSIT) if others else (home, Direction.IMPORT)
                )
        legs = []
        if origin != home and rng.random() < 0.25 and corridor.transits:
            # produced in one country, shipped from a neighbour
            departure = rng.choice(corridor.origins)
            if departure != origin:
                legs.append((RouteRole.ORIGIN, origin, None))
            origin = departure
        legs.append((RouteRole.DEPARTURE, origin, self.place_in(origin, conveyance)))
        transits = [c for c in corridor.transits if c not in (origin, destination, home)]
        if transits and rng.random() < 0.3:
            legs.append((RouteRole.TRANSIT, rng.choice(transits), None))
        if direction == Direction.TRANSIT:
            legs.append((RouteRole.TRANSIT, home, self.place_in(home, conveyance)))
        legs.append((RouteRole.DESTINATION, destination, self.place_in(destination, conveyance)))
        return direction, [leg for leg in legs if leg[1] in self.countries], origin, destination

    def place_in(self, country: str, conveyance: str) -> str | None:
        if conveyance.startswith("air") or conveyance == "express_courier":
            airports = self.airports.get(country)
            return self.rng.choice(airports)[0] if airports else None
        if conveyance.startswith("sea"):
            ports = self.seaports.get(country)
            return self.rng.choice(ports) if ports else None
        return None

    def airline(self, country: str) -> tuple[str, str, str]:
        options = AIRLINES.get(country)
        if options and self.rng.random() < 0.6:
            return self.rng.choice(options)
        return self.rng.choice(HUB_AIRLINES)

    def conveyance(self, kind: str, origin: str) -> dict[str, Any]:
        rng = self.rng
        values: dict[str, Any] = {}
        if kind in ("air_passenger", "air_cargo"):
            code, name, prefix = self.airline(origin)
            values.update(flight_number=f"{code}{rng.randint(1, 999)}", airline=name)
            if kind == "air_cargo":
                values["air_waybill"] = air_waybill(rng, prefix)
        elif kind == "sea_container":
            vessel, imo = rng.choice(self.vessels)
            number = container_number(rng)
            values.update(
                container_number=number, vessel_name=vessel, imo_number=imo,
                bill_of_lading=f"{number[:4]}{rng.randrange(10**9):09d}",
            )  # fmt: skip
        elif kind == "sea_vessel":
            vessel, imo = rng.choice(self.vessels)
            values.update(vessel_name=vessel, imo_number=imo)
        elif kind == "postal":
            values["tracking_number"] = s10_tracking(rng, origin)
        elif kind == "express_courier":
            values["tracking_number"] = f"{rng.randrange(10**11, 10**12)}"
        elif kind == "road_vehicle":
            values.update(vehicle_plate=vehicle_plate(rng, origin), vehicle_country=origin if origin in self.countries else None)  # fmt: skip
        return values

    def chunks(self, total: int) -> Iterator[list[tuple[Any, list[str], list[tuple]]]]:
        """Rows of every table for ``CHUNK`` seizures at a time, in date order."""
        rng = self.rng
        day_offsets = sorted(self.days(rng) for _ in range(total))
        for start in range(0, total, CHUNK):
            yield self._chunk(day_offsets[start : start + CHUNK])

    def _chunk(self, day_offsets: list[int]):
        rng, ctx, db = self.rng, self.ctx, self.db
        seizures, goods_rows, concealment_rows, conveyance_rows, leg_rows = [], [], [], [], []
        detection_rows, offence_rows, version_rows, documents = [], [], [], []
        recent = PERIOD_END - datetime.timedelta(days=60)
        for offset in day_offsets:
            corridor, commodity_table, conveyance_table = self.corridors(rng)
            commodity = commodity_table(rng)
            conveyance_kind = conveyance_table(rng)
            station = self.unit_for(conveyance_kind)
            occurred = self.start + datetime.timedelta(
                days=offset, hours=self.hours(rng), minutes=rng.randrange(60)
            )
            direction, legs, origin, _ = self.route(corridor, conveyance_kind, occurred)
            created_at = occurred + datetime.timedelta(hours=rng.uniform(0.5, 30))
            seizure_id = db.uuid(uuid7(created_at, ctx.uuid()))
            year = occurred.year
            self.sequences[(station.code, year)] += 1
            reference = f"{self.reference_country}-{station.code}-{year}-{self.sequences[(station.code, year)]:06d}"  # fmt: skip
            status = (self.status_recent if occurred > recent else self.status_old)(rng)
            officer = rng.choice(station.officers) if station.officers else None
            supervisor = rng.choice(station.supervisors) if station.supervisors else None
            submitted_at = validated_at = validated_by = None
            if status != SeizureStatus.DRAFT:
                submitted_at = created_at + datetime.timedelta(hours=rng.uniform(0.2, 48))
            if status in (SeizureStatus.VALIDATED, SeizureStatus.CLOSED):
                validated_at = submitted_at + datetime.timedelta(hours=rng.uniform(1, 120))
                validated_by = supervisor
            updated_at = validated_at or submitted_at or created_at
            handling = self.handling(rng)
            shared = status in (SeizureStatus.VALIDATED, SeizureStatus.CLOSED)
            section, commodity_label = self.commodities[commodity]

            # goods: one item, sometimes a second of the same corridor
            goods = []
            for position in range(2 if rng.random() < 0.12 else 1):
                if position:
                    commodity = commodity_table(rng)
                    section, commodity_label = self.commodities[commodity]
                quantity, unit, weight, value = self.quantity(commodity, conveyance_kind)
                brand = rng.choice(BRANDS[commodity]) if commodity in BRANDS else ""
                description = self.text(rng.choice(DESCRIPTIONS.get(commodity, ("{brand}",))), brand=brand)  # fmt: skip
                species, appendix = rng.choice(CITES_SPECIES[commodity]) if commodity in CITES_SPECIES else ("", "")  # fmt: skip
                hs = HS_CODES.get(commodity)
                goods.append(
                    {
                        "commodity_section": section, "commodity_type": commodity,
                        "hs_code": hs if hs in self.hs_codes else None, "description": description,
                        "brand": brand, "cites_species": species, "cites_appendix": appendix,
                        "quantity": str(quantity), "unit": unit,
                        "weight_kg": None if weight is None else str(weight),
                        "estimated_value": None if value is None else str(value),
                        "currency": self.currency if value is not None else None,
                    }
                )  # fmt: skip
                item = goods[-1]
                goods_rows.append(
                    (seizure_id, position, section, commodity, item["hs_code"], description,
                     brand, species, appendix, item["quantity"], unit, item["weight_kg"],
                     item["estimated_value"], item["currency"])
                )  # fmt: skip

            concealments = []
            table = self.concealment_tables.get(conveyance_kind)
            if table:
                method = table(rng)
                cover = rng.choice(COVER_GOODS)
                description = self.text(rng.choice(CONCEALMENT_TEXT.get(method, ("",))), cover=cover)  # fmt: skip
                concealments.append({"method": method, "description": description})
                concealment_rows.append((seizure_id, 0, method, description))

            conveyances = []
            if conveyance_kind in self.conveyance_types:
                values = self.conveyance(conveyance_kind, origin)
                conveyance = {name: values.get(name, "") for name in _CONVEYANCE_TEXT}
                conveyance["vehicle_country"] = values.get("vehicle_country")
                conveyances.append({"type": conveyance_kind, **conveyance})
                conveyance_rows.append(
                    (
                        seizure_id,
                        0,
                        conveyance_kind,
                        *(conveyance[n] for n in _CONVEYANCE_TEXT),
                        conveyance["vehicle_country"],
                    )
                )

            route = []
            leg_days = {"bulk": 25, "vehicle": 3, "small": 8}.get(CONVEYANCE_CLASS.get(conveyance_kind, ""), 1)  # fmt: skip
            for position, (role, country, place) in enumerate(legs):
                date = None
                if role == RouteRole.DEPARTURE:
                    date = (occurred - datetime.timedelta(days=rng.randint(0, leg_days))).date()
                elif role == RouteRole.DESTINATION and direction == Direction.IMPORT:
                    date = occurred.date()
                route.append({"role": role.value, "country": country, "place": place, "date": date.isoformat() if date else None})  # fmt: skip
                leg_rows.append(
                    (seizure_id, position, role.value, country, place, route[-1]["date"])
                )

            detection_table = self.detection_tables.get(conveyance_kind)
            detections = set()
            if detection_table:
                detections.add(detection_table(rng))
                if rng.random() < 0.35:
                    detections.add(detection_table(rng))
            for code in sorted(detections):
                detection_rows.append((seizure_id, code))
            offences = [code for code in OFFENCES.get(section, ("smuggling",)) if code in self.offence_types]  # fmt: skip
            offences = offences[: 1 + (rng.random() < 0.5)]
            for code in offences:
                offence_rows.append((seizure_id, code))

            place = station.place
            place_label = self.place_labels.get(place, station.code) if place else station.code
            narrative = self.narrative(
                occurred, place_label, conveyance_kind, conveyances, concealments, goods,
                commodity_label, origin,
            )  # fmt: skip
            seizure = (
                seizure_id, reference, station.id, station.path, db.datetime(occurred), place,
                direction.value, status, narrative, handling, self.reliability(rng),
                self.accuracy(rng), shared and rng.random() < 0.6, shared and rng.random() < 0.75,
                db.datetime(submitted_at), db.datetime(validated_at), validated_by,
                db.datetime(created_at), db.datetime(updated_at), officer, officer,
            )  # fmt: skip
            seizures.append(seizure)
            snapshot = {
                "occurred_at": occurred.isoformat(), "place": place, "latitude": None,
                "longitude": None, "direction": direction.value, "narrative": narrative,
                "handling_code": handling, "source_reliability": seizure[10],
                "information_accuracy": seizure[11], "share_regional": seizure[12],
                "share_cen": seizure[13], "status": "draft",
                "offence_types": sorted(offences), "detection_methods": sorted(detections),
                "goods": goods, "concealments": concealments, "conveyances": conveyances,
                "route": route,
            }  # fmt: skip
            version_rows.append(
                (seizure_id, 1, db.datetime(created_at), officer, db.json(snapshot), "{}", "")
            )
            if self.seizure_count % PHOTO_EVERY == 0 and len(self.photos) < PHOTO_MAX and concealments:  # fmt: skip
                photo_caption = f"{concealments[0]['description'][:1].upper()}{concealments[0]['description'][1:]} ({commodity_label.lower()})"  # fmt: skip
                self.photos.append((seizure_id, reference, concealments[0]["method"], conveyance_kind, photo_caption, officer))  # fmt: skip
            self.seizure_count += 1
            documents.append(
                (
                    seizure_id,
                    search.search_document(
                        reference=reference,
                        narrative=narrative,
                        texts=[t for g in goods for t in (g["description"], g["brand"], g["cites_species"])]
                        + [t for c in conveyances for t in (c["airline"], c["vessel_name"])],
                        identifiers=[c[n] for c in conveyances for n in search.IDENTIFIER_FIELDS],
                    ),
                )
            )  # fmt: skip

        return [
            ("seizures", Seizure, SEIZURE_FIELDS, seizures),
            ("goods items", GoodsItem, GOODS_FIELDS, goods_rows),
            ("concealments", Concealment, ["seizure_id", "position", "method_id", "description"], concealment_rows),
            ("conveyances", Conveyance, CONVEYANCE_FIELDS, conveyance_rows),
            ("route legs", RouteLeg, ["seizure_id", "position", "role", "country_id", "place_id", "date"], leg_rows),
            ("detection methods", Seizure.detection_methods.through, ["seizure_id", "detectionmethod_id"], detection_rows),
            ("offence types", Seizure.offence_types.through, ["seizure_id", "offencetype_id"], offence_rows),
            ("versions", SeizureVersion, ["seizure_id", "version", "changed_at", "changed_by_id", "snapshot", "changes", "comment"], version_rows),
            ("search documents", None, [], documents),
        ]  # fmt: skip

    def narrative(self, occurred, place_label, kind, conveyances, concealments, goods, commodity_label, origin) -> str:  # fmt: skip
        rng = self.rng
        origin_label = self.country_labels.get(origin, origin)
        conveyance = conveyances[0] if conveyances else {}
        subject = {
            "air_passenger": f"a passenger arriving on flight {conveyance.get('flight_number', '')} from {origin_label}",
            "air_cargo": f"an air cargo consignment under air waybill {conveyance.get('air_waybill', '')} from {origin_label}",
            "postal": f"a postal item {conveyance.get('tracking_number', '')} from {origin_label}",
            "express_courier": f"an express consignment {conveyance.get('tracking_number', '')} from {origin_label}",
            "sea_container": f"container {conveyance.get('container_number', '')} discharged from the {conveyance.get('vessel_name', '')}, loaded in {origin_label}",
            "sea_vessel": f"the vessel {conveyance.get('vessel_name', '')} arriving from {origin_label}",
            "road_vehicle": f"a vehicle registered {conveyance.get('vehicle_plate', '')} coming from {origin_label}",
            "rail": f"a rail freight wagon from {origin_label}",
            "pedestrian": f"a pedestrian crossing from {origin_label}",
        }.get(kind, f"a consignment from {origin_label}")  # fmt: skip
        action = rng.choice(("selected", "stopped", "examined", "targeted"))
        text = f"On {occurred:%d %B %Y}, officers at {place_label} {action} {subject}."
        if concealments:
            text += f" The goods were found {concealments[0]['description']}."
        item = goods[0]
        text += f" {item['quantity']} {item['unit']} of {commodity_label.lower()} ({item['description']}) were seized."
        return text + " " + rng.choice(FOLLOW_UP)

    # ---- after the rows ------------------------------------------------------------------

    def save_photos(self) -> int:
        """Draw and store the placeholder concealment photos chosen while generating."""
        from django.apps import apps

        if not self.photos or not apps.is_installed("opencen.attachments"):
            return 0
        import hashlib
        import io

        from django.contrib.contenttypes.models import ContentType
        from django.core.files.base import ContentFile

        from opencen.attachments.choices import AttachmentKind, AttachmentTag
        from opencen.attachments.derivatives import render_derivatives
        from opencen.attachments.models import Attachment
        from opencen.attachments.services import DERIVATIVES_FOLDER, ORIGINALS_FOLDER

        storage = Attachment._meta.get_field("original").storage
        content_type = ContentType.objects.get_for_model(Seizure)
        rng = random.Random(demo.derived_seed(self.ctx.seed, "seizures", "photos"))  # noqa: S311
        rows = []
        for seizure_id, reference, method, conveyance, caption, officer in self.photos:
            image = concealment_picture(rng, reference, method, conveyance)
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=85)
            data = buffer.getvalue()
            derivatives = render_derivatives(image)
            attachment_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            folder = f"{PERIOD_END:%Y/%m}"
            original = storage.save(f"{ORIGINALS_FOLDER}/{folder}/{attachment_id}.jpg", ContentFile(data))  # fmt: skip
            base = f"{DERIVATIVES_FOLDER}/{folder}/{attachment_id}"
            thumbnail = storage.save(f"{base}-thumbnail.jpg", ContentFile(derivatives.thumbnail))
            display = storage.save(f"{base}-display.jpg", ContentFile(derivatives.display))
            rows.append(
                Attachment(
                    id=attachment_id, content_type=content_type,
                    object_id=str(uuid.UUID(hex=seizure_id) if len(seizure_id) == 32 else seizure_id),
                    original=original, original_filename=f"{reference}-concealment.jpg",
                    media_type="image/jpeg", size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                    kind=AttachmentKind.IMAGE, width=derivatives.width, height=derivatives.height,
                    caption=caption[:500], tag=AttachmentTag.CONCEALMENT, thumbnail=thumbnail,
                    display=display, created_by_id=officer, updated_by_id=officer,
                )
            )  # fmt: skip
        Attachment.objects.bulk_create(rows, batch_size=500)
        return len(rows)

    def save_sequences(self) -> None:
        """Set every office's and year's sequence to the last number given."""
        existing = {
            (office, year): pk
            for pk, office, year in ReferenceSequence.objects.values_list(
                "pk", "office_code", "year"
            )
        }
        new = []
        for (office, year), last in sorted(self.sequences.items()):
            if (office, year) in existing:
                ReferenceSequence.objects.filter(pk=existing[(office, year)], last_value__lt=last).update(last_value=last)  # fmt: skip
            else:
                new.append(ReferenceSequence(office_code=office, year=year, last_value=last))
        ReferenceSequence.objects.bulk_create(new, batch_size=1000)

    def audit_summary(self, count: int) -> None:
        from opencen.audit.choices import AuditEventType
        from opencen.audit.services import audit_record

        audit_record(
            actor=None,
            event_type=AuditEventType.RECORD_CREATED,
            target_type=Seizure._meta.label_lower,
            target_label="demo data",
            details={"generated": count, "seed": self.ctx.seed, "generator": "opencen demo"},
        )


_CONVEYANCE_TEXT = (
    "flight_number", "airline", "vessel_name", "imo_number", "container_number",
    "vehicle_plate", "air_waybill", "bill_of_lading", "tracking_number",
)  # fmt: skip
SEIZURE_FIELDS = [
    "id", "reference", "unit_id", "unit_path", "occurred_at", "place_id", "direction", "status",
    "narrative", "handling_code", "source_reliability", "information_accuracy",
    "share_regional", "share_cen", "submitted_at", "validated_at", "validated_by_id",
    "created_at", "updated_at", "created_by_id", "updated_by_id",
]  # fmt: skip
GOODS_FIELDS = [
    "seizure_id", "position", "commodity_section_id", "commodity_type_id", "hs_code_id",
    "description", "brand", "cites_species", "cites_appendix", "quantity", "unit_id",
    "weight_kg", "estimated_value", "currency_id",
]  # fmt: skip
CONVEYANCE_FIELDS = ["seizure_id", "position", "type_id", *_CONVEYANCE_TEXT, "vehicle_country_id"]
