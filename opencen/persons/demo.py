# ruff: noqa: E501  (data tables and row tuples: one entry per line reads better wrapped less)
"""Demo data for the suspect database: ``opencen demo --persons N``.

Persons as a customs service records them, deterministic for a seed:

- **Names of many cultures** (:mod:`opencen.persons.demo_names`): Arabic, Swahili, Yoruba and
  Igbo, West African francophone, Portuguese, Spanish, French, Chinese, Vietnamese, Russian and
  Ukrainian, Hindi, Turkish, Greek, English, Dutch, German, Italian, Albanian, Persian,
  Pakistani and Afghan. Sex follows the given name; women of Russian and Greek culture carry
  the feminine family name. Persons of cultures with their own script are often recorded with
  the name as written (``name_original``: Arabic, Cyrillic, Greek, Devanagari, Chinese) and
  its Latin form (``name_latin``, transliterated as the persons service does);
  a few only with those, no given or family name typed.
- **Who they are.** Couriers, drivers, passengers and crew are recorded by the unit that made
  the seizure, a few hours after it, and mostly come from the seizure's origin country;
  organisers and financiers recur across several seizures of the same corridor (commodity
  and origin); some couriers are caught again. Co-travellers are linked to each other
  (family or associate) and couriers to their organiser; contacts, witnesses and victims are
  recorded without a seizure, contacts linked to a suspect. Without seizures in the database
  every person is recorded on its own.
- **Details**: partial birth dates (some year-only or year-month), birth place and country,
  one or two nationalities, identity documents with number shapes of their type and issuing
  country (typed with spaces or in lower case at times; ``number_normalised`` as lookups
  compare it), issue and expiry dates, addresses written the local way, phones typed in
  national or international format with their E.164 form built directly (``phonenumbers``
  parses too slowly for a million; the country code and mobile prefixes come from its
  example numbers), emails, occupations, descriptions, aliases (nicknames, maiden names,
  spelling variants), category (mostly suspects), review date derived from the category by
  the persons service's rule, handling code mostly H0.
- **Near-duplicates** (about 2 %): the same person recorded a second time, by another unit or
  later, with another transliteration (Mohammed / Muhammad), family name first, a typo, the
  middle name missing, diacritics dropped, a birth date known only to the year, with or
  without the same passport; so the duplicates review has something to show.
- **Versions and matching keys.** One :class:`PersonVersion` (version 1) per person with its
  snapshot, and, per batch, :func:`opencen.matching.indexing.person_index` builds the
  blocking keys of the batch, so that generated persons can be matched.

Speed: rows are built in Python in their database form and written per chunk of
:data:`CHUNK` persons with one compiled INSERT per table (``COPY`` on PostgreSQL), the way the
seizure generator writes (:func:`opencen.seizures.demo.insert_prepared`). Person ids are
time-ordered (version-7 UUIDs of the recording time) so the indexes keyed by them grow at
their end.
"""

from __future__ import annotations

import datetime
import gc
import random
import re
import unicodedata
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from anyascii import anyascii
from django.db import connections, router, transaction

from opencen.accounts.models import RoleAssignment, Unit
from opencen.core import demo
from opencen.persons import demo_names as names
from opencen.persons.choices import (
    AliasType,
    InvolvementRole,
    PersonLinkType,
    Sex,
)
from opencen.persons.models import (
    IdentityDocument,
    Person,
    PersonAddress,
    PersonAlias,
    PersonEmail,
    PersonLink,
    PersonPhone,
    PersonVersion,
    SeizurePerson,
)
from opencen.persons.services import review_due_for, transliterate
from opencen.reference.demo import demo_country
from opencen.reference.models import Country
from opencen.seizures.choices import RouteRole
from opencen.seizures.demo import (
    PERIOD_DAYS,
    PERIOD_END,
    DatabaseValues,
    Weighted,
    _fast_writes,
    _FastRandom,
    insert_prepared,
    uuid7,
)
from opencen.seizures.models import Conveyance, GoodsItem, RouteLeg, Seizure

#: Up to this many records, the generator also finds the likely duplicate pairs for the review
#: pages (as ``opencen matching-duplicates`` does); above it, that command is left to run.
DUPLICATES_UP_TO = 200_000
#: Persons per chunk: generated in Python, then written table by table in one transaction.
CHUNK = 10_000
#: Share of the persons that are near-duplicates of another one.
DUPLICATE_SHARE = 0.02
#: Share of the second records made in the unit of the first (the others: another unit).
SAME_UNIT_SHARE = 0.4
#: At most this share of the persons is involved in seizures (the others are contacts,
#: witnesses, persons recorded from intelligence...).
INVOLVED_SHARE = 0.8
PERIOD_START = PERIOD_END - datetime.timedelta(days=PERIOD_DAYS)
#: Reviews due before this date were made (the record kept): a few weeks of records are due.
REVIEW_HORIZON = (PERIOD_END - datetime.timedelta(days=45)).date()


CATEGORY_INVOLVED = (("suspect", 82), ("convicted", 16), ("other", 2))
CATEGORY_ALONE = (("suspect", 55), ("contact", 18), ("witness", 14), ("victim", 4), ("convicted", 4), ("other", 5))  # fmt: skip
HANDLING = (("H0", 78), ("H1", 15), ("H2", 7))

#: Roles of persons in a seizure by conveyance: (role, probability) drawn one after another.
SEIZURE_ROLES: dict[str, tuple[tuple[str, float], ...]] = {
    "air_passenger": (("courier", 0.92), ("courier", 0.12), ("passenger", 0.08)),
    "pedestrian": (("courier", 0.9),),
    "road_vehicle": (("driver", 0.85), ("passenger", 0.3), ("owner", 0.08)),
    "rail": (("crew", 0.15), ("driver", 0.1)),
    "sea_vessel": (("crew", 0.8), ("crew", 0.5), ("crew", 0.2)),
    "sea_container": (("consignee", 0.12),),
    "air_cargo": (("consignee", 0.1),),
    "postal": (("consignee", 0.45), ("consignor", 0.05)),
    "express_courier": (("consignee", 0.35), ("consignor", 0.05)),
}
#: Share of seizures with a person that also name an organiser, a financier.
ORGANISER_SHARE = 0.22
FINANCIER_SHARE = 0.05
#: Share of couriers caught again (a person already involved in the same corridor).
REPEAT_COURIER_SHARE = 0.08

NICKNAMES = ("Papa", "Chino", "El Flaco", "Bigman", "Doc", "Tiger", "Senator", "Baba", "Professor", "Shorty", "Boss", "Chairman", "Oga", "Mzee", "Tonton", "El Gordo", "Sasha", "Blondie")  # fmt: skip
NOTES = (
    "Known to travel frequently between {city} and {other}.",
    "Reported by the intelligence unit as linked to a network operating from {city}.",
    "Uses several phones; changes numbers often.",
    "Information from a partner service: previously stopped in {other}.",
    "Claims to work for a freight company in {city}.",
    "Travels with cash above the declaration threshold.",
)  # fmt: skip

_NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def normalise_identifier(text: str) -> str:
    """Upper case, letters and digits only: how document and company numbers are compared."""
    return _NOT_ALNUM.sub("", text.upper())


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


# --- shared with the company generator ------------------------------------------------------


def find_duplicates(ctx: demo.DemoContext, kind: str, total: int) -> int:
    """Store the likely duplicate pairs of ``kind``, or say which command does it at scale."""
    if total > DUPLICATES_UP_TO:
        ctx.note(
            f"Likely duplicate {kind} are not listed yet: run `opencen matching-duplicates {kind}` "
            "to fill the duplicates review pages."
        )
        return 0
    from opencen.matching.duplicates import duplicates_find

    return duplicates_find(kind)["stored"]


@dataclass
class Recorder:
    """A unit that records persons and companies, with the users who do."""

    id: int
    path: str
    officers: list[int]


def load_recorders() -> list[Recorder]:
    """Units with active staff, in path order (sorted in Python: collations differ)."""
    staff: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id in sorted(
        RoleAssignment.objects.filter(user__is_active=True).values_list("user_id", "user__unit_id")
    ):
        if user_id not in staff[unit_id]:
            staff[unit_id].append(user_id)
    units = sorted(Unit.objects.values_list("id", "path"), key=lambda unit: unit[1])
    recorders = [
        Recorder(unit_id, path, staff[unit_id]) for unit_id, path in units if staff[unit_id]
    ]
    return recorders or [Recorder(unit_id, path, []) for unit_id, path in units]


@dataclass(frozen=True, slots=True)
class SeizureInfo:
    """What the person and company generators need of a seizure."""

    id: str  # in database form
    unit_id: int
    created_at: datetime.datetime
    commodity: str
    conveyance: str
    origin: str

    @property
    def corridor(self) -> tuple[str, str]:
        return self.commodity, self.origin


def load_seizures(db: DatabaseValues) -> list[SeizureInfo]:
    """Every seizure with its first commodity, conveyance and departure country, in time order."""
    if not Seizure.objects.exists():
        return []
    intern: dict[Any, Any] = {}
    commodities = {
        seizure_id: intern.setdefault(code, code)
        for seizure_id, code in GoodsItem.objects.filter(position=0)
        .values_list("seizure_id", "commodity_type_id")
        .iterator(chunk_size=20_000)
    }
    conveyances = {
        seizure_id: intern.setdefault(code, code)
        for seizure_id, code in Conveyance.objects.filter(position=0)
        .values_list("seizure_id", "type_id")
        .iterator(chunk_size=20_000)
    }
    origins = {
        seizure_id: intern.setdefault(code, code)
        for seizure_id, code in RouteLeg.objects.filter(role=RouteRole.DEPARTURE)
        .values_list("seizure_id", "country_id")
        .iterator(chunk_size=20_000)
    }
    seizures = [
        SeizureInfo(
            db.uuid(seizure_id), unit_id, created_at, commodities.get(seizure_id, ""),
            conveyances.get(seizure_id, ""), origins.get(seizure_id) or "",
        )
        for seizure_id, unit_id, created_at in Seizure.objects.values_list("id", "unit_id", "created_at").iterator(chunk_size=20_000)
    ]  # fmt: skip
    seizures.sort(key=lambda s: (s.created_at, s.id))
    return seizures


@dataclass(frozen=True)
class PhoneShape:
    """How mobile numbers of a country look: country code, leading digits, length, formats."""

    code: str
    prefixes: tuple[str, ...]
    length: int
    national: str  # "0{}{}{} {}{}{}..." with one {} per digit of the national number
    international: str


class PhoneMaker:
    """Phone numbers as typed and in E.164, built from ``phonenumbers``' example numbers once
    per country (parsing a million typed numbers would take minutes)."""

    #: Shared by every run in the process (reading phonenumbers' metadata is the slow part).
    shapes: ClassVar[dict[str, PhoneShape | None]] = {}

    def shape(self, country: str) -> PhoneShape | None:
        if country not in self.shapes:
            self.shapes[country] = self._shape(country)
        return self.shapes[country]

    @staticmethod
    def _shape(country: str) -> PhoneShape | None:
        import phonenumbers
        from phonenumbers import PhoneNumberFormat, PhoneNumberType

        example = phonenumbers.example_number_for_type(country, PhoneNumberType.MOBILE)
        if example is None:
            return None
        national = phonenumbers.national_significant_number(example)

        def template(formatted: str, keep: int) -> str:
            out, seen = [], 0
            for char in formatted:
                if char.isdigit():
                    out.append(char if seen < keep else "{}")
                    seen += 1
                else:
                    out.append(char.replace("{", "").replace("}", ""))
            return "".join(out)

        national_text = phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
        international_text = phonenumbers.format_number(example, PhoneNumberFormat.INTERNATIONAL)
        national_digits = sum(c.isdigit() for c in national_text)
        code = str(example.country_code)
        if national_digits < len(national):
            return None
        national_template = template(national_text, national_digits - len(national))
        international_template = template(international_text, len(code))
        plain = "{}" * len(national)
        if national_template.count("{}") != len(national):
            national_template = plain  # a format that adds digits of its own
        if international_template.count("{}") != len(national):
            international_template = f"+{code} {plain}"
        expected = f"+{code}{national}"
        try:  # typed the national way, the example must read back as the same number
            again = phonenumbers.parse(national_template.format(*national), country)
            if phonenumbers.format_number(again, PhoneNumberFormat.E164) != expected:
                national_template = international_template
        except phonenumbers.NumberParseException:
            national_template = international_template
        # Leading digits whose numbers phonenumbers finds valid (a fixed, seeded sample).
        stem = national[: 3 if len(national) > 8 else 2 if len(national) > 7 else 1]
        sample = random.Random(country)  # noqa: S311 - a demo sample, seeded by the country
        prefixes = []
        for extra in "0123456789":
            prefix = stem + extra
            number = prefix + "".join(sample.choice("0123456789") for _ in range(len(national) - len(prefix)))  # fmt: skip
            if phonenumbers.is_valid_number(phonenumbers.parse(f"+{code}{number}")):
                prefixes.append(prefix)
        return PhoneShape(
            code=code,
            prefixes=tuple(prefixes) or (national[: len(stem) + 1],),
            length=len(national),
            national=national_template,
            international=international_template,
        )

    def make(self, rng, country: str) -> tuple[str, str] | None:
        """(as typed, E.164) of a mobile number of ``country``, or None."""
        shape = self.shape(country)
        if shape is None:
            return None
        prefix = rng.choice(shape.prefixes)
        digits = prefix + "".join(
            str(int(rng.random() * 10)) for _ in range(shape.length - len(prefix))
        )
        typed = (shape.national if rng.random() < 0.6 else shape.international).format(*digits)
        return typed, f"+{shape.code}{digits}"


def digits(rng, count: int) -> str:
    return "".join(str(int(rng.random() * 10)) for _ in range(count))


def letters(rng, count: int, alphabet: str = "ABCDEFGHJKLMNPRSTUVWXYZ") -> str:
    return "".join(alphabet[int(rng.random() * len(alphabet))] for _ in range(count))


# --- identity documents ---------------------------------------------------------------------


def passport_number(rng, country: str) -> str:
    """A passport number of the shape the country uses (close enough for a demo)."""
    if country in ("GB", "US", "AU", "CA", "RU", "UA", "BY"):
        return digits(rng, 9)
    if country in ("FR",):
        return f"{digits(rng, 2)}{letters(rng, 2)}{digits(rng, 5)}"
    if country in ("DE", "AT"):
        return f"C{letters(rng, 1, 'CFGHJKLMNPRTVWXYZ')}{digits(rng, 7)}"
    if country in ("CN",):
        return f"E{letters(rng, 1)}{digits(rng, 7)}"
    if country in ("NG", "ZA", "SD", "KE", "GH", "TZ", "UG"):
        return f"{letters(rng, 1, 'ABDP')}{digits(rng, 8)}"
    if country in ("BR", "NL", "BE", "ES", "CO", "MX", "PE", "EC", "TR", "IT"):
        return f"{letters(rng, 2)}{digits(rng, 6 if country in ('BR', 'NL', 'BE') else 7)}"
    if country in ("IN", "PK", "AF", "IR", "VN"):
        return f"{letters(rng, 1)}{digits(rng, 7 if country != 'PK' else 8)}"
    return f"{letters(rng, 1 + (rng.random() < 0.4))}{digits(rng, 7)}"


SPANISH_ID_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def national_id_number(rng, country: str, birth: tuple[int | None, int | None, int | None], sex: str) -> str:  # fmt: skip
    year, month, day = birth
    year, month, day = year or 1980, month or 1, day or 1
    if country == "ZA":  # YYMMDD SSSS C A Z
        gender = int(rng.random() * 5000) + (5000 if sex == Sex.MALE else 0)
        return f"{year % 100:02d}{month:02d}{day:02d}{gender:04d}0{int(rng.random() * 10)}{int(rng.random() * 10)}"
    if country == "CN":
        return f"{rng.choice(('110101', '310104', '440301', '440106', '350203', '330782'))}{year:04d}{month:02d}{day:02d}{digits(rng, 3)}{rng.choice('0123456789X')}"
    if country == "ES":
        number = int(rng.random() * 10**8)
        return f"{number:08d}{SPANISH_ID_LETTERS[number % 23]}"
    if country in ("NG", "TR"):
        return digits(rng, 11)
    if country == "IN":
        return f"{digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)}"
    if country == "EG":
        return f"{2 if year < 2000 else 3}{year % 100:02d}{month:02d}{day:02d}{digits(rng, 7)}"
    if country == "BR":
        return f"{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 3)}-{digits(rng, 2)}"
    if country == "KE":
        return digits(rng, 8)
    if country == "FR":
        return f"{letters(rng, 1)}{digits(rng, 1)}{letters(rng, 1)}{digits(rng, 1)}{letters(rng, 1)}{digits(rng, 4)}"
    if country in ("NL", "BE", "DE", "IT", "PT", "GR"):
        return f"{letters(rng, 2)}{digits(rng, 7)}"
    return digits(rng, 9 + (rng.random() < 0.5))


def driving_licence_number(rng, country: str, family: str, given: str, birth, sex: str) -> str:
    year, month, day = birth
    year, month, day = year or 1980, month or 1, day or 1
    if (
        country == "GB"
    ):  # surname(5, padded with 9) decade, month(+5 female), day, year, initials, 9, 2 check
        surname = re.sub(r"[^A-Z]", "", anyascii(family).upper())[:5].ljust(5, "9")
        initials = re.sub(r"[^A-Z]", "", anyascii(given).upper())[:2].ljust(2, "9")
        month_digits = f"{month + (50 if sex == Sex.FEMALE else 0):02d}"
        return f"{surname}{(year // 10) % 10}{month_digits}{day:02d}{year % 10}{initials}9{letters(rng, 2)}"
    if country in ("US", "CA"):
        return f"{letters(rng, 1)}{digits(rng, 7)}"
    return f"{letters(rng, 1 + (rng.random() < 0.5))}{digits(rng, 7)}"


def typed_like_an_officer(rng, number: str) -> str:
    """Documents are sometimes typed in lower case or with spaces; normalising undoes it."""
    draw = rng.random()
    if draw < 0.08:
        return number.lower()
    if draw < 0.16 and len(number) >= 8 and " " not in number:
        middle = len(number) // 2
        return f"{number[:middle]} {number[middle:]}"
    return number


# --- the generator --------------------------------------------------------------------------


@demo.register
class PersonGenerator(demo.DemoGenerator):
    """Persons with names of many cultures, documents, contacts, seizures and near-duplicates."""

    name = "persons"
    label = "Persons"
    order = 60
    dependencies = ("units", "users", "places", "seizures")
    options = (
        demo.DemoOption("persons", default=3000, help="How many persons to make (default 3000)."),
    )

    def is_empty(self) -> bool:
        return not Person.objects.exists()

    def estimate(self, ctx: demo.DemoContext) -> int:
        return ctx.options["persons"]

    def check(self, ctx: demo.DemoContext) -> None:
        if ctx.options["persons"] < 0:
            raise demo.DemoDataError("--persons cannot be negative.")
        if ctx.options["persons"] and not Country.objects.exists():
            raise demo.DemoDataError(
                "The country list is empty: run `opencen load-reference` first, then "
                "`opencen demo` again."
            )

    def generate(self, ctx: demo.DemoContext) -> dict[str, int]:
        total = ctx.options["persons"]
        if not total:
            return {}
        from opencen.matching.indexing import person_index

        connection = connections[router.db_for_write(Person)]
        plan = PersonPlan.load(ctx, total)
        progress = ctx.progress
        counts: Counter[str] = Counter()
        with _fast_writes(connection):
            gc_was_enabled = gc.isenabled()
            gc.disable()  # millions of short-lived rows, no cycles: see the seizure generator
            try:
                for ids, tables in plan.chunks():
                    with transaction.atomic(using=connection.alias):
                        for label, model, fields, rows in tables:
                            counts[label] += insert_prepared(connection, model, fields, rows, batch_size=ctx.batch_size)  # fmt: skip
                        person_index(ids)
                    progress.update(len(ids))
                with transaction.atomic(using=connection.alias):
                    label, model, fields, rows = plan.link_rows()
                    counts[label] += insert_prepared(connection, model, fields, rows, batch_size=ctx.batch_size)  # fmt: skip
            finally:
                if gc_was_enabled:
                    gc.enable()
        plan.audit_summary(counts["persons"])
        counts["likely duplicate pairs"] = find_duplicates(ctx, "persons", total)
        order = ["persons", "nationalities", "identity documents", "aliases", "addresses", "phones", "emails", "seizure involvements", "person links", "versions", "likely duplicate pairs"]  # fmt: skip
        return {label: counts[label] for label in order if counts[label]}


@dataclass(slots=True)
class Planned:
    """A person decided before the rows are drawn: when, where, and why they are on file."""

    index: int
    anchor: int  # index of the first seizure they were involved in, -1 for none
    created_at: datetime.datetime | None = None
    unit: Recorder | None = None
    duplicate_of: int = -1  # index of the person this one is a second record of
    has_duplicate: bool = False
    contact_of: int = -1


class PersonPlan:
    """Everything read from the database once, then the persons drawn chunk by chunk."""

    def __init__(self, ctx: demo.DemoContext, total: int):
        self.ctx = ctx
        self.total = total
        self.rng = _FastRandom(ctx.rng.getrandbits(64))
        self.db = DatabaseValues(connections[router.db_for_write(Person)].vendor)
        self.phones = PhoneMaker()

    @classmethod
    def load(cls, ctx: demo.DemoContext, total: int) -> PersonPlan:
        plan = cls(ctx, total)
        plan.home = demo_country(ctx.options.get("country"))
        plan.countries = set(Country.objects.values_list("code", flat=True))
        plan.recorders = load_recorders()
        if not plan.recorders:
            raise demo.DemoDataError("There are no units to record demo persons in.")
        plan.recorders_by_unit = {recorder.id: recorder for recorder in plan.recorders}
        plan.seizures = load_seizures(plan.db)
        plan._tables()
        plan._plan_involvements()
        plan._plan_persons()
        return plan

    def _tables(self) -> None:
        known = self.countries
        self.cultures = []
        for culture in names.CULTURES:
            countries = [(code, weight) for code, weight in culture.countries if code in known]
            if countries:
                self.cultures.append((culture, Weighted(countries)))
        if not self.cultures:
            raise demo.DemoDataError("None of the demo nationalities is in the country list: run `opencen load-reference` first.")  # fmt: skip
        self.culture_table = Weighted([(entry, entry[0].weight) for entry in self.cultures])
        self.culture_by_name = {culture.name: (culture, table) for culture, table in self.cultures}
        self.country_cultures = {
            country: [
                self.culture_by_name[name] for name in cultures if name in self.culture_by_name
            ]
            for country, cultures in names.COUNTRY_CULTURES.items()
        }
        self.home_cultures = self.country_cultures.get(self.home) or [self.culture_by_name.get("english") or self.cultures[0]]  # fmt: skip
        self.category_involved = Weighted(CATEGORY_INVOLVED)
        self.category_alone = Weighted(CATEGORY_ALONE)
        self.handling = Weighted(HANDLING)
        self.occupations = Weighted(names.OCCUPATIONS)
        self.birth_years = Weighted([(year, max(1.0, 30 - abs(year - 1988))) for year in range(1950, 2007)])  # fmt: skip
        self.all_countries = sorted(known)

    # ---- planning: who is involved where ---------------------------------------------------

    def _plan_involvements(self) -> None:
        """Decide, seizure by seizure, which persons (by index) are involved and how."""
        rng, total = self.rng, self.total
        self.planned: list[Planned] = []
        self.involvements: dict[int, list[tuple[int, str]]] = defaultdict(list)
        self.links: dict[tuple[int, int], str] = {}
        fresh_limit = int(total * INVOLVED_SHARE)
        couriers: dict[tuple[str, str], list[int]] = defaultdict(list)
        organisers: dict[tuple[str, str], list[int]] = defaultdict(list)
        organiser_seizures: Counter[tuple[str, str]] = Counter()
        financiers: dict[str, list[int]] = defaultdict(list)
        financier_seizures: Counter[str] = Counter()

        def fresh(seizure_index: int) -> int:
            if len(self.planned) >= fresh_limit:
                return -1
            self.planned.append(Planned(len(self.planned), seizure_index))
            return len(self.planned) - 1

        # Newest first: when there are fewer persons than seizures want, the recent seizures
        # (what a user opens first) have theirs.
        for seizure_index in range(len(self.seizures) - 1, -1, -1):
            if len(self.planned) >= fresh_limit:
                break
            seizure = self.seizures[seizure_index]
            corridor = seizure.corridor
            present: dict[int, str] = {}
            for role, share in SEIZURE_ROLES.get(seizure.conveyance, ()):
                if rng.random() >= share:
                    continue
                pool = couriers[corridor]
                person = -1
                if pool and rng.random() < REPEAT_COURIER_SHARE:
                    person = rng.choice(pool)
                if person < 0 or person in present:
                    person = fresh(seizure_index)
                if person < 0:
                    break
                present[person] = role
                pool.append(person)
                if len(pool) > 60:
                    del pool[:20]
            if not present:
                continue
            carriers = list(present)
            if rng.random() < ORGANISER_SHARE:
                pool = organisers[corridor]
                organiser_seizures[corridor] += 1
                # The pool grows slowly, so every organiser recurs in several seizures.
                if len(pool) < 1 + organiser_seizures[corridor] // 5:
                    organiser = fresh(seizure_index)
                    if organiser >= 0:
                        pool.append(organiser)
                else:
                    organiser = pool[int(len(pool) * rng.random() ** 2)]
                if organiser >= 0 and organiser not in present:
                    present[organiser] = InvolvementRole.ORGANISER
                    for carrier in carriers:
                        self._link(organiser, carrier, PersonLinkType.ASSOCIATE)
                    if rng.random() < FINANCIER_SHARE / ORGANISER_SHARE:
                        pool = financiers[seizure.commodity]
                        financier_seizures[seizure.commodity] += 1
                        if len(pool) < 1 + financier_seizures[seizure.commodity] // 6:
                            financier = fresh(seizure_index)
                            if financier >= 0:
                                pool.append(financier)
                        else:
                            financier = rng.choice(pool)
                        if financier >= 0 and financier not in present:
                            present[financier] = InvolvementRole.FINANCIER
                            self._link(financier, organiser, PersonLinkType.ASSOCIATE)
            if len(carriers) > 1:
                kind = PersonLinkType.FAMILY if rng.random() < 0.4 else PersonLinkType.ASSOCIATE
                for other in carriers[1:]:
                    self._link(carriers[0], other, kind)
            for person, role in present.items():
                self.involvements[person].append((seizure_index, str(role)))
        for person, involvements in self.involvements.items():
            involvements.sort()
            self.planned[person].anchor = involvements[0][0]  # recorded at their first seizure

    def _link(self, first: int, second: int, kind: str) -> None:
        if first == second:
            return
        key = (first, second) if first < second else (second, first)
        self.links.setdefault(key, str(kind))

    def _plan_persons(self) -> None:
        """Everyone else, the recording time and unit of each, and the near-duplicates."""
        rng = self.rng
        involved = len(self.planned)
        while len(self.planned) < self.total:
            self.planned.append(Planned(len(self.planned), -1))
        # Contacts of involved persons: a share of those recorded on their own.
        for planned in self.planned[involved:]:
            if involved and rng.random() < 0.2:
                planned.contact_of = int(rng.random() * involved)
        duplicates = round(self.total * DUPLICATE_SHARE) if self.total >= 20 else 0
        pairs = rng.sample(range(self.total), 2 * duplicates)
        for first, second in zip(pairs[::2], pairs[1::2], strict=True):
            self.planned[second].duplicate_of = first
            self.planned[second].contact_of = -1
        for planned in self.planned:
            if planned.anchor >= 0:
                seizure = self.seizures[planned.anchor]
                planned.created_at = seizure.created_at + datetime.timedelta(
                    hours=rng.uniform(0.2, 8)
                )
                planned.unit = self.recorders_by_unit.get(seizure.unit_id) or rng.choice(
                    self.recorders
                )
            else:
                planned.created_at = PERIOD_START + datetime.timedelta(
                    seconds=rng.random() * PERIOD_DAYS * 86400
                )
                planned.unit = rng.choice(self.recorders)
        # A second record is made after the first: swap the pair when it was not.
        for planned in self.planned:
            if planned.duplicate_of < 0:
                continue
            original = self.planned[planned.duplicate_of]
            if original.created_at > planned.created_at:
                original.created_at, planned.created_at = planned.created_at, original.created_at
                original.unit, planned.unit = planned.unit, original.unit
            original.has_duplicate = True
            if rng.random() < SAME_UNIT_SHARE:
                planned.unit = original.unit  # another officer of the office did not find it
        self.order = sorted(range(self.total), key=lambda index: (self.planned[index].created_at, self.planned[index].duplicate_of >= 0))  # fmt: skip
        self.ids: list[uuid.UUID | None] = [None] * self.total
        self.remembered: dict[int, dict[str, Any]] = {}

    # ---- drawing ---------------------------------------------------------------------------

    def chunks(self):
        """(ids, tables) for ``CHUNK`` persons at a time, in recording order."""
        for start in range(0, self.total, CHUNK):
            yield self._chunk(self.order[start : start + CHUNK])

    def _chunk(self, indexes: Sequence[int]):
        db = self.db
        tables: dict[str, list[tuple]] = defaultdict(list)
        ids = []
        for index in indexes:
            planned = self.planned[index]
            person_id = uuid7(planned.created_at, self.ctx.uuid())
            self.ids[index] = person_id
            ids.append(person_id)
            if planned.duplicate_of >= 0:
                person = self.second_record(planned, self.remembered.pop(planned.duplicate_of))
            else:
                person = self.draw(planned)
            if planned.has_duplicate:
                self.remembered[index] = person
            self.rows(planned, db.uuid(person_id), person, tables)
        return ids, [(label, MODELS[label][0], MODELS[label][1], tables[label]) for label in MODELS if label != "person links"]  # fmt: skip

    def draw(self, planned: Planned) -> dict[str, Any]:
        """A new person: culture, names, birth, nationalities, documents, contacts."""
        rng = self.rng
        culture, nationality_table = self.culture_for(planned)
        sex = Sex.MALE if rng.random() < (0.82 if planned.anchor >= 0 else 0.6) else Sex.FEMALE
        given_pool = culture.male if sex == Sex.MALE else culture.female
        given = [rng.choice(given_pool)]
        if rng.random() < culture.middle_share:
            second = rng.choice(
                culture.male if culture.name in ("arabic", "south_asian_muslim") else given_pool
            )
            if second != given[0]:
                given.append(second)
        family_latin, family_native = rng.choice(culture.family)
        if sex == Sex.FEMALE:
            family_latin, family_native = names.feminine_family(
                culture, family_latin, family_native
            )
        year = self.birth_years(rng)
        precision = rng.random()
        month = int(rng.random() * 12) + 1 if precision < 0.84 else None
        day = int(rng.random() * 28) + 1 if precision < 0.78 else None
        nationalities = [nationality_table(rng)]
        if rng.random() < 0.12:
            second = rng.choice(
                ("GB", "FR", "NL", "US", "BE", "PT", "ES", "DE", "CA", "ZA", "AE", "TR")
            )
            if second in self.countries and second not in nationalities:
                nationalities.append(second)
        return {
            "culture": culture, "sex": sex, "given": given, "family": (family_latin, family_native),
            "birth": (year, month, day), "nationalities": nationalities, "passport": None,
            "native": bool(culture.script) and rng.random() < 0.55, "variant": "",
        }  # fmt: skip

    def culture_for(self, planned: Planned):
        """Couriers mostly come from the seizure's origin country, others from home or anywhere."""
        rng = self.rng
        draw = rng.random()
        if planned.anchor >= 0:
            options = self.country_cultures.get(self.seizures[planned.anchor].origin)
            if options and draw < 0.45:
                return rng.choice(options)
            if draw < 0.7:
                return rng.choice(self.home_cultures)
        elif draw < 0.3:
            return rng.choice(self.home_cultures)
        return self.culture_table(rng)

    def second_record(self, planned: Planned, first: dict[str, Any]) -> dict[str, Any]:
        """The same person recorded again, spelled or known differently."""
        rng = self.rng
        person = dict(first)
        given = list(first["given"])
        family_latin, family_native = first["family"]
        changes = []
        draws = 1 + (rng.random() < 0.4)
        for _ in range(draws):
            kind = rng.choice(
                ("spelling", "spelling", "order", "typo", "middle", "accents", "title")
            )
            if kind == "spelling":
                for position in range(len(given) + 1):
                    current = family_latin if position == len(given) else given[position][0]
                    variants = names.SPELLING_VARIANTS.get(current)
                    if variants:
                        variant = rng.choice(variants)
                        if position == len(given):
                            family_latin = variant
                        else:
                            given[position] = (variant, given[position][1])
                        changes.append("spelling")
                        break
                else:
                    kind = "typo"
            if kind == "middle" and len(given) > 1:
                given = given[:1]
                changes.append("middle name missing")
            elif kind == "middle":
                kind = "typo"
            if kind == "accents" and strip_accents(family_latin) != family_latin:
                family_latin = strip_accents(family_latin)
                changes.append("accents dropped")
            elif kind == "accents":
                kind = "typo"
            if kind == "typo" and len(family_latin) > 4:
                family_latin = typo(rng, family_latin)
                changes.append("typo")
            if kind == "order":
                changes.append("family name first")
            if kind == "title" and "title" not in changes:
                title = rng.choice(names.HONORIFICS[str(first["sex"])])
                given[0] = (f"{title} {given[0][0]}", given[0][1])  # typed into the given names
                changes.append("title")
        person["given"] = given
        person["family"] = (family_latin, family_native)
        person["swapped"] = "family name first" in changes
        year, month, _ = first["birth"]
        draw = rng.random()
        if draw < 0.3:
            person["birth"] = (year, None, None)
        elif draw < 0.38:
            person["birth"] = (year, month, None)
        elif draw < 0.45:
            person["birth"] = (None, None, None)
        person["nationalities"] = first["nationalities"][:1]
        person["native"] = first["native"] and rng.random() < 0.5
        person["same_passport"] = first.get("passport") is not None and rng.random() < 0.5
        person["variant"] = ", ".join(changes)
        return person

    def rows(self, planned: Planned, person_id: str, person: dict[str, Any], tables) -> None:
        """Append the rows of one person to ``tables``."""
        rng, db = self.rng, self.db
        culture = person["culture"]
        given = person["given"]
        family_latin, family_native = person["family"]
        sex = person["sex"]
        given_latin = " ".join(latin for latin, _ in given)
        name_original = name_latin = ""
        if person["native"]:
            given_native = " ".join(native for _, native in given if native)
            if given_native and family_native:
                if culture.family_first:
                    name_original = (
                        f"{family_native}{given_native}"
                        if culture.script == "Han"
                        else f"{family_native} {given_native}"
                    )
                    name_latin = transliterate(f"{family_native} {given_native}")
                else:
                    name_original = f"{given_native} {family_native}"
                    name_latin = transliterate(name_original)
        if person.get("swapped"):
            given_field, family_field = family_latin, given_latin
        else:
            given_field, family_field = given_latin, family_latin
        if name_original and rng.random() < 0.03:
            given_field = family_field = ""  # only the name as written was typed
        year, month, day = person["birth"]
        nationalities = person["nationalities"]
        first_nationality = nationalities[0]
        birth_country = first_nationality if rng.random() < 0.85 else None
        cities = names.CITIES.get(first_nationality, ())
        birth_place = rng.choice(cities) if cities and rng.random() < 0.7 else ""
        involved = planned.anchor >= 0
        times = len(self.involvements.get(planned.index, ()))
        if involved:
            category = (
                "convicted" if times > 1 and rng.random() < 0.45 else self.category_involved(rng)
            )
        elif planned.contact_of >= 0:
            category = "contact"
        else:
            category = self.category_alone(rng)
        if planned.duplicate_of >= 0 and category == "contact":
            category = "suspect"
        created = planned.created_at
        # Records older than their review period were reviewed and kept: the next review falls
        # after the generated period, save for the few that are due now.
        review_due = review_due_for(category, start=created.date())
        while review_due < REVIEW_HORIZON:
            review_due = review_due_for(category, start=review_due)
        review_due = review_due.isoformat()
        occupation = self.occupations(rng)
        if occupation == "Businesswoman" and sex == Sex.MALE:
            occupation = "Businessman"
        elif occupation == "Businessman" and sex == Sex.FEMALE:
            occupation = "Businesswoman"
        description = ""
        if category in ("suspect", "convicted") and rng.random() < 0.35:
            height = rng.uniform(1.58, 1.92) if sex == Sex.MALE else rng.uniform(1.50, 1.78)
            mark = rng.choice(names.MARKS)
            description = (
                f"About {height:.2f} m, {rng.choice(names.BUILDS)}, {rng.choice(names.HAIR)}"
                + (f", {mark}" if mark else "")
                + "."
            )
        residence = self.home if rng.random() < 0.45 else first_nationality
        notes = ""
        if rng.random() < 0.08:
            city_list = (
                names.CITIES.get(residence)
                or names.CITIES.get(first_nationality)
                or ("the capital",)
            )
            other = names.CITIES.get(
                rng.choice(("AE", "TR", "NL", "ES", "BR", "NG", "CN")), ("Dubai",)
            )
            notes = rng.choice(NOTES).format(city=rng.choice(city_list), other=rng.choice(other))
        if planned.duplicate_of >= 0:
            again = (
                "Recorded again."
                if planned.unit is self.planned[planned.duplicate_of].unit
                else "Recorded again by another unit."
            )
            notes = (notes + " " if notes else "") + again
        officer = rng.choice(planned.unit.officers) if planned.unit.officers else None
        created_text = db.datetime(created)
        tables["persons"].append(
            (person_id, created_text, created_text, officer, officer, planned.unit.id,
             planned.unit.path, given_field, family_field, name_original, name_latin, str(sex),
             year, month, day, birth_place, birth_country, occupation, description, category,
             review_due, notes, self.handling(rng))
        )  # fmt: skip
        for code in nationalities:
            tables["nationalities"].append((person_id, code))

        # identity documents
        documents = []
        issue_base = created.date()
        if person.get("same_passport") and person.get("passport"):
            kind, number, country, issued, expires = person["passport"]
            documents.append((kind, typed_like_an_officer(rng, number), country, issued, expires))
        elif rng.random() < (0.85 if involved else 0.45):
            number = passport_number(rng, first_nationality)
            issued = issue_base - datetime.timedelta(days=int(rng.random() * 3000) + 30)
            expires = add_months(issued, 120 if rng.random() < 0.8 else 60)
            documents.append(("passport", typed_like_an_officer(rng, number), first_nationality, issued.isoformat(), expires.isoformat()))  # fmt: skip
            person["passport"] = ("passport", number, first_nationality, issued.isoformat(), expires.isoformat())  # fmt: skip
        if rng.random() < 0.3:
            issued = issue_base - datetime.timedelta(days=int(rng.random() * 3600) + 30)
            number = national_id_number(rng, first_nationality, (year, month, day), sex)
            documents.append(("national_id", typed_like_an_officer(rng, number), first_nationality, issued.isoformat(), add_months(issued, 120).isoformat()))  # fmt: skip
        if rng.random() < 0.14:
            country = residence
            issued = issue_base - datetime.timedelta(days=int(rng.random() * 3600) + 30)
            number = driving_licence_number(
                rng, country, family_latin, given_latin, (year, month, day), sex
            )
            documents.append(("driving_licence", number, country, issued.isoformat(), add_months(issued, 120).isoformat() if rng.random() < 0.8 else None))  # fmt: skip
        if residence == self.home and first_nationality != self.home and rng.random() < 0.3:
            issued = issue_base - datetime.timedelta(days=int(rng.random() * 1500) + 30)
            documents.append(("residence_permit", f"{letters(rng, 2)}{digits(rng, 7)}", self.home, issued.isoformat(), add_months(issued, 60).isoformat()))  # fmt: skip
        if (
            planned.anchor >= 0
            and self.seizures[planned.anchor].conveyance == "sea_vessel"
            and rng.random() < 0.7
        ):
            issued = issue_base - datetime.timedelta(days=int(rng.random() * 2500) + 30)
            documents.append(("seamans_book", f"{letters(rng, 2)}{digits(rng, 6)}", first_nationality, issued.isoformat(), add_months(issued, 120).isoformat()))  # fmt: skip
        for kind, number, country, issued, expires in documents:
            tables["identity documents"].append(
                (person_id, kind, number, normalise_identifier(number), country if country in self.countries else None, issued, expires)
            )  # fmt: skip

        # aliases
        aliases = []
        if rng.random() < 0.14:
            draw = rng.random()
            if draw < 0.35:
                if culture.name in ("arabic",) and sex == Sex.MALE:
                    aliases.append((f"Abu {rng.choice(culture.male)[0]}", AliasType.NICKNAME))
                else:
                    aliases.append((rng.choice(NICKNAMES), AliasType.NICKNAME))
            elif draw < 0.6 and names.SPELLING_VARIANTS.get(given[0][0]):
                variant = rng.choice(names.SPELLING_VARIANTS[given[0][0]])
                aliases.append((f"{variant} {family_latin}", AliasType.SPELLING))
            elif draw < 0.8 and sex == Sex.FEMALE:
                maiden = rng.choice(culture.family)[0]
                if maiden != family_latin:
                    aliases.append((f"{given_latin} {maiden}", AliasType.MAIDEN))
            else:
                other_given = rng.choice(culture.male if sex == Sex.MALE else culture.female)[0]
                aliases.append((f"{other_given} {rng.choice(culture.family)[0]}", AliasType.ALIAS))
        for alias, kind in aliases:
            tables["aliases"].append((person_id, alias, str(kind)))

        # addresses, phones, emails
        addresses = []
        if rng.random() < (0.75 if involved else 0.6):
            street_culture = (
                culture.name if residence == first_nationality else (self.home_cultures[0][0].name)
            )
            templates, streets = names.STREETS.get(street_culture, names.STREETS["english"])
            address = rng.choice(templates).format(
                n=int(rng.random() * 180) + 1, street=rng.choice(streets)
            )
            city_list = names.CITIES.get(residence, ())
            city = rng.choice(city_list) if city_list else ""
            addresses.append((address, city, residence if residence in self.countries else None))
        for address, city, country in addresses:
            tables["addresses"].append((person_id, address, city, country))
        phones = []
        for _ in range(int(rng.random() < 0.7) + int(rng.random() < 0.2)):
            phone = self.phones.make(rng, residence if rng.random() < 0.7 else first_nationality)
            if phone and phone[1] not in (p[1] for p in phones):
                phones.append(phone)
        for typed, e164 in phones:
            tables["phones"].append((person_id, typed, e164))
        emails = []
        if rng.random() < 0.35:
            local = re.sub(r"[^a-z0-9]", "", anyascii(given[0][0]).lower()) or "mail"
            surname = re.sub(r"[^a-z0-9]", "", anyascii(family_latin).lower())
            separator = rng.choice((".", "_", ""))
            suffix = str(int(rng.random() * 100)) if rng.random() < 0.5 else ""
            emails.append(
                f"{local}{separator}{surname}{suffix}@{rng.choice(culture.email_domains)}"
            )
        for email in emails:
            tables["emails"].append((person_id, email))

        for seizure_index, role in self.involvements.get(planned.index, ()):
            seizure = self.seizures[seizure_index]
            when = max(created, seizure.created_at) + datetime.timedelta(minutes=int(rng.random() * 90) + 5)  # fmt: skip
            tables["seizure involvements"].append((seizure.id, person_id, role, db.datetime(when), officer))  # fmt: skip

        snapshot = {
            "given_names": given_field, "family_name": family_field, "name_original": name_original,
            "name_latin": name_latin, "sex": str(sex), "birth_date": _partial(year, month, day),
            "birth_place": birth_place, "birth_country": birth_country, "nationalities": sorted(nationalities),
            "occupation": occupation, "description": description, "category": category,
            "review_due": review_due, "notes": notes, "handling_code": tables["persons"][-1][-1],
            "photo": None, "aliases": [{"name": a, "type": str(t)} for a, t in aliases],
            "documents": [{"type": k, "number": n, "country": c, "issued_on": i, "expires_on": e} for k, n, c, i, e in documents],
            "addresses": [{"address": a, "city": c, "country": k} for a, c, k in addresses],
            "phones": [e164 for _, e164 in phones], "emails": emails,
        }  # fmt: skip
        tables["versions"].append(
            (person_id, 1, created_text, officer, db.json(snapshot), "{}", "")
        )

    def link_rows(self):
        """Links between persons, once every person has its id."""
        rng = self.rng
        rows = []
        for (first, second), kind in sorted(self.links.items()):
            rows.append(self._link_row(first, second, kind))
        for planned in self.planned:
            if planned.contact_of >= 0 and planned.contact_of != planned.index:
                kind = PersonLinkType.FAMILY if rng.random() < 0.5 else PersonLinkType.ASSOCIATE
                key = tuple(sorted((planned.index, planned.contact_of)))
                if key not in self.links:
                    self.links[key] = str(kind)
                    rows.append(self._link_row(key[0], key[1], str(kind)))
        return (
            "person links",
            PersonLink,
            ["person_id", "other_id", "type", "note", "created_at", "created_by_id"],
            rows,
        )

    def _link_row(self, first: int, second: int, kind: str) -> tuple:
        later = max(self.planned[first], self.planned[second], key=lambda p: p.created_at)
        officer = later.unit.officers[0] if later.unit.officers else None
        return (self.db.uuid(self.ids[first]), self.db.uuid(self.ids[second]), kind, "", self.db.datetime(later.created_at), officer)  # fmt: skip

    def audit_summary(self, count: int) -> None:
        from opencen.audit.choices import AuditEventType
        from opencen.audit.services import audit_record

        audit_record(
            actor=None,
            event_type=AuditEventType.RECORD_CREATED,
            target_type=Person._meta.label_lower,
            target_label="demo data",
            details={"generated": count, "seed": self.ctx.seed, "generator": "opencen demo"},
        )


def typo(rng, word: str) -> str:
    """One slip of the keyboard: a letter dropped, doubled, swapped with the next, or replaced."""
    position = 1 + int(rng.random() * (len(word) - 2))
    kind = rng.random()
    if kind < 0.3:
        return word[:position] + word[position + 1 :]
    if kind < 0.5:
        return word[:position] + word[position] + word[position:]
    if kind < 0.8 and position + 1 < len(word):
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    replacement = "aeiou"[int(rng.random() * 5)] if word[position].lower() in "aeiou" else "nrstl"[int(rng.random() * 5)]  # fmt: skip
    return word[:position] + replacement + word[position + 1 :]


def _partial(year, month, day) -> str:
    if not year:
        return ""
    return (
        f"{year:04d}"
        + (f"-{month:02d}" if month else "")
        + (f"-{day:02d}" if month and day else "")
    )


PERSON_FIELDS = [
    "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "unit_id", "unit_path",
    "given_names", "family_name", "name_original", "name_latin", "sex", "birth_year",
    "birth_month", "birth_day", "birth_place", "birth_country_id", "occupation", "description",
    "category", "review_due", "notes", "handling_code",
]  # fmt: skip

#: Every table the generator writes: label -> (model, fields), in writing order.
MODELS: dict[str, tuple[Any, list[str]]] = {
    "persons": (Person, PERSON_FIELDS),
    "nationalities": (Person.nationalities.through, ["person_id", "country_id"]),
    "identity documents": (IdentityDocument, ["person_id", "type", "number", "number_normalised", "country_id", "issued_on", "expires_on"]),
    "aliases": (PersonAlias, ["person_id", "name", "type"]),
    "addresses": (PersonAddress, ["person_id", "address", "city", "country_id"]),
    "phones": (PersonPhone, ["person_id", "number", "e164"]),
    "emails": (PersonEmail, ["person_id", "email"]),
    "seizure involvements": (SeizurePerson, ["seizure_id", "person_id", "role", "created_at", "created_by_id"]),
    "versions": (PersonVersion, ["person_id", "version", "changed_at", "changed_by_id", "snapshot", "changes", "comment"]),
    "person links": (PersonLink, ["person_id", "other_id", "type", "note", "created_at", "created_by_id"]),
}  # fmt: skip
