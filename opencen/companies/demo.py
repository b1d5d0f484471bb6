# ruff: noqa: E501  (data tables and row tuples: one entry per line reads better wrapped less)
"""Demo data for the company database: ``opencen demo --companies N``.

Companies as they turn up behind seizures, deterministic for a seed:

- **Names** built from words of the company's country (English, French, Spanish, Portuguese,
  German, Dutch, Italian, Turkish, Arabic, Chinese, Russian, Vietnamese patterns: "Blue Ocean
  Trading (Pty) Ltd", "Société Ivoirienne de Négoce SARL", "Shenzhen Huaxin Electronics Co.,
  Ltd.", "Anadolu Lojistik A.S.") with the legal forms of that country, trading names
  for some; registration and tax numbers shaped as the country writes them (``2011/123456/07``
  in South Africa, ``HRB 12345`` in Germany, a SIREN with its Luhn digit in France, a CNPJ in
  Brazil...), stored as typed and normalised; addresses, phones (E.164), emails, websites;
  kind and status.
- **Seizures.** Importers, consignees and brokers of the installation country and shippers and
  manufacturers of the origin country are named in seizures of cargo, containers, parcels and
  vehicles, and recur across seizures of the same corridor (commodity and origin country);
  carriers and forwarders recur on their routes. A company is recorded by the unit of its
  first seizure, shortly after it.
- **People.** The organiser of a seizure is often the director or owner of its importer, its
  financier a shareholder, the driver an employee of the carrier; other companies have
  directors and owners among the persons of their country.
- **Near-duplicates** (about 2 %): the same company recorded again with its legal form written
  differently ("Ltd" / "Limited", "(Pty) Ltd" / "Proprietary Limited"), in capitals, with a
  typo, with or without its registration number.
- One :class:`CompanyVersion` per company and, per batch,
  :func:`opencen.matching.indexing.company_index` for the matching keys.

Written like the person and seizure generators: rows in database form, one INSERT (``COPY``)
per table and chunk, time-ordered ids.
"""

from __future__ import annotations

import datetime
import gc
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from anyascii import anyascii
from django.db import connections, router, transaction

from opencen.companies.models import (
    Company,
    CompanyAddress,
    CompanyEmail,
    CompanyPerson,
    CompanyPhone,
    CompanyVersion,
    SeizureCompany,
    TradingName,
)
from opencen.core import demo
from opencen.persons import demo_names as names
from opencen.persons.demo import (
    PERIOD_DAYS,
    PERIOD_START,
    PhoneMaker,
    Recorder,
    digits,
    find_duplicates,
    letters,
    load_recorders,
    load_seizures,
    normalise_identifier,
    typo,
)
from opencen.persons.models import Person, SeizurePerson
from opencen.reference.demo import demo_country
from opencen.reference.models import Country
from opencen.seizures.demo import (
    DatabaseValues,
    Weighted,
    _fast_writes,
    _FastRandom,
    insert_prepared,
    uuid7,
)

CHUNK = 10_000
DUPLICATE_SHARE = 0.02
#: Share of the second records made in the unit of the first (the others: another unit).
SAME_UNIT_SHARE = 0.4
#: At most this share of the companies is named in seizures.
INVOLVED_SHARE = 0.75

#: Company roles in a seizure by conveyance: (role, probability), drawn one after another.
SEIZURE_ROLES: dict[str, tuple[tuple[str, float], ...]] = {
    "sea_container": (("importer", 0.55), ("consignee", 0.3), ("shipper", 0.6), ("broker", 0.3), ("forwarder", 0.2), ("carrier", 0.06)),
    "air_cargo": (("importer", 0.4), ("consignee", 0.35), ("shipper", 0.5), ("forwarder", 0.3), ("broker", 0.2)),
    "express_courier": (("shipper", 0.35), ("consignee", 0.15), ("carrier", 0.1)),
    "postal": (("shipper", 0.15),),
    "road_vehicle": (("carrier", 0.3), ("importer", 0.12), ("consignee", 0.1), ("shipper", 0.1)),
    "rail": (("carrier", 0.4), ("consignee", 0.3), ("shipper", 0.3)),
    "sea_vessel": (("carrier", 0.3),),
}  # fmt: skip
#: The kind a company named in a seizure in this role is recorded as.
KIND_OF_ROLE = {"importer": "importer", "consignee": "importer", "shipper": "exporter", "broker": "broker", "forwarder": "forwarder", "carrier": "carrier", "manufacturer": "manufacturer", "exporter": "exporter"}  # fmt: skip
#: Roles whose company is in the origin country (the others are at home).
ORIGIN_ROLES = {"shipper", "manufacturer", "exporter"}

KINDS_ALONE = (("importer", 22), ("exporter", 14), ("broker", 8), ("carrier", 8), ("forwarder", 12), ("courier", 5), ("manufacturer", 11), ("shell", 10))  # fmt: skip
STATUS = (("active", 78), ("dissolved", 10), ("suspended", 5), ("unknown", 7))
HANDLING = (("H0", 85), ("H1", 12), ("H2", 3))
PERSON_ROLES = (("director", 40), ("owner", 25), ("shareholder", 15), ("representative", 10), ("employee", 10))  # fmt: skip
#: Where shell and front companies are registered.
HAVENS = ("AE", "HK", "PA", "CY", "SC", "BZ", "MT", "VG", "SG")

NOTES = (
    "Declared address is a virtual office.",
    "Director also linked to a freight forwarder under investigation.",
    "Registered less than a year before its first import.",
    "Same telephone number as another importer on file.",
    "Uses several customs brokers in turn.",
)  # fmt: skip

# --- names -----------------------------------------------------------------------------------

ADJECTIVES = ("Blue", "Golden", "Global", "Royal", "Silver", "Eastern", "Pacific", "Atlantic", "Sunrise", "Green", "Prime", "United", "Crown", "Northern", "Delta", "Summit", "Eagle", "Phoenix", "Horizon", "Apex", "Liberty", "Victory", "Diamond", "Emerald", "Falcon", "Lion", "Sahara", "Savannah", "Unity", "Trans", "Red Sea", "Orient", "Continental", "Coastal", "Metro", "Express", "Star", "Zenith", "Oasis", "Alpha")  # fmt: skip
NOUNS = ("Ocean", "Star", "Bridge", "Gate", "Harbour", "Line", "Point", "River", "Coast", "Link", "Wave", "Field", "Crest", "Rock", "Valley", "Peak", "Trust", "Way", "Sun", "Anchor", "Compass", "Route", "Port", "World")  # fmt: skip
ACTIVITIES = {
    "importer": ("Trading", "Imports", "General Trading", "Import & Export", "Commodities", "Merchants", "Distribution", "Supplies", "Wholesale"),
    "exporter": ("Exports", "Trading", "International", "Global Trade", "Import & Export", "Trade Company"),
    "broker": ("Clearing & Forwarding", "Customs Services", "Clearing Agency", "Customs Brokers", "Clearing"),
    "carrier": ("Transport", "Haulage", "Shipping", "Logistics", "Freight Lines", "Trucking", "Carriers"),
    "forwarder": ("Logistics", "Freight", "Cargo", "Forwarding", "Freight Services", "Shipping Agency"),
    "courier": ("Express", "Courier Services", "Parcel Services", "Express Delivery"),
    "manufacturer": ("Industries", "Manufacturing", "Textiles", "Electronics", "Pharmaceuticals", "Foods", "Garments", "Plastics", "Cosmetics", "Auto Parts"),
    "shell": ("Holdings", "Investments", "Ventures", "Capital", "Enterprises", "Group", "International"),
}  # fmt: skip
LOCAL_PATTERNS: dict[str, tuple[str, ...]] = {
    "fr": ("Société {adj_fr} de {act_fr}", "{surname} {act_fr}", "Établissements {surname}", "Comptoir {adj_fr} du Commerce", "{surname} Import-Export"),
    "es": ("Comercializadora {adj_es}", "Importadora {surname}", "Transportes {surname}", "Distribuidora {adj_es}", "Agencia de Aduanas {surname}", "{surname} y Asociados"),
    "pt": ("Comercial {surname}", "Importadora {adj_pt}", "Transportes {surname}", "{surname} Comércio Exterior", "Distribuidora {adj_pt}"),
    "de": ("{surname} Logistik", "{surname} Handels", "{surname} Spedition", "{adj} Import Export", "{surname} & Partner"),
    "nl": ("{surname} Transport", "{surname} Handelsonderneming", "{surname} Logistiek", "{adj} {noun} Trading"),
    "it": ("{surname} Trasporti", "{surname} Import Export", "Commerciale {surname}", "{surname} Logistica"),
    "tr": ("{surname} Dış Ticaret", "{surname} Tekstil", "{surname} Lojistik", "{surname} Nakliyat", "Anadolu {activity}"),
    "ar": ("Al {word_ar} General Trading", "{surname} Trading", "Al {word_ar} Shipping", "{surname} Brothers {activity}", "Al {word_ar} {activity}"),
    "zh": ("{city} {pinyin} {activity}", "{city} {pinyin} {activity}", "{pinyin} {activity}"),
    "ru": ("{word_ru}Trans", "{word_ru} Impex", "{surname} Trade", "{word_ru}Logistic"),
    "vi": ("{surname} {word_vi} {activity}", "{word_vi} {activity}"),
}  # fmt: skip
WORDS = {
    "adj_fr": ("Ivoirienne", "Sénégalaise", "Africaine", "Atlantique", "Générale", "Nouvelle", "Internationale", "Camerounaise", "Maritime"),
    "act_fr": ("Négoce", "Transit", "Commerce", "Distribution", "Import-Export", "Logistique"),
    "adj_es": ("del Pacífico", "Andina", "del Caribe", "Internacional", "del Sur", "Global", "Atlántica", "Bolivariana"),
    "adj_pt": ("Atlântico", "Sul Americana", "Brasil Global", "do Norte", "Internacional", "Lusitana"),
    "word_ar": ("Noor", "Amal", "Baraka", "Salam", "Rawda", "Fajr", "Hilal", "Zahra", "Khaleej", "Waha", "Manar", "Sahraa"),
    "pinyin": ("Huaxin", "Jinhai", "Hengda", "Tianli", "Xinghe", "Dongfang", "Hongyuan", "Jiahe", "Shengda", "Yongxing", "Zhongtai", "Ruifeng"),
    "word_ru": ("Volga", "Baltic", "Sever", "Vostok", "Ural", "Neva", "Sibir", "Don", "Dnepr", "Polar"),
    "word_vi": ("Thành Công", "Hưng Thịnh", "Phú Quý", "Sao Mai", "Hoàng Long", "Việt Tiến"),
}  # fmt: skip
LANGUAGE_OF = {
    **dict.fromkeys(("FR", "SN", "CI", "ML", "GN", "CM", "CD", "BF", "TG", "BJ", "MA", "DZ", "TN"), "fr"),
    **dict.fromkeys(("ES", "CO", "MX", "PE", "EC", "VE", "DO", "AR", "PA", "CL", "BO"), "es"),
    **dict.fromkeys(("BR", "PT", "AO", "MZ", "CV"), "pt"),
    **dict.fromkeys(("DE", "AT", "CH"), "de"),
    **dict.fromkeys(("NL", "SR"), "nl"),
    "BE": "nl", "IT": "it", "TR": "tr",
    **dict.fromkeys(("AE", "SA", "EG", "SD", "SY", "LB", "JO", "IQ", "YE", "LY", "OM", "QA", "KW"), "ar"),
    **dict.fromkeys(("CN", "HK", "TW"), "zh"),
    **dict.fromkeys(("RU", "BY", "UA", "KZ"), "ru"),
    "VN": "vi",
}  # fmt: skip

#: Words of a name pattern that say what the company does: only companies of those kinds.
KIND_WORDS: dict[str, frozenset[str]] = {
    "Aduanas": frozenset({"broker"}), "Transport": frozenset({"carrier", "forwarder"}),
    "Trasporti": frozenset({"carrier", "forwarder"}), "Spedition": frozenset({"forwarder", "carrier"}),
    "Logisti": frozenset({"carrier", "forwarder", "courier"}), "Lojistik": frozenset({"carrier", "forwarder", "courier"}),
    "Nakliyat": frozenset({"carrier"}), "Shipping": frozenset({"carrier", "forwarder", "exporter"}),
    "Tekstil": frozenset({"manufacturer", "exporter"}), "}Trans": frozenset({"carrier", "forwarder"}),
    "Transit": frozenset({"broker", "forwarder"}),
}  # fmt: skip


def _fits(pattern: str, kind: str) -> bool:
    return all(kind in kinds for word, kinds in KIND_WORDS.items() if word in pattern)


#: Legal forms by country, most common first.
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "GB": ("Ltd", "Limited", "PLC", "LLP"), "IE": ("Ltd", "Limited", "DAC"),
    "ZA": ("(Pty) Ltd", "(Pty) Ltd", "Proprietary Limited", "CC"), "US": ("LLC", "Inc.", "Corp.", "Co."),
    "CA": ("Inc.", "Ltd."), "AU": ("Pty Ltd",), "NZ": ("Limited",),
    "FR": ("SARL", "SAS", "SA"), "ES": ("S.L.", "S.A."), "MX": ("S.A. de C.V.", "S. de R.L. de C.V."),
    "BR": ("Ltda.", "S.A.", "EIRELI"), "PT": ("Lda.", "S.A."), "AO": ("Lda.", "S.A."), "MZ": ("Lda.",),
    "DE": ("GmbH", "GmbH & Co. KG", "AG"), "AT": ("GmbH", "AG"), "CH": ("AG", "GmbH", "SA"),
    "NL": ("B.V.", "N.V."), "BE": ("BV", "NV", "SRL"), "IT": ("S.r.l.", "S.p.A."), "TR": ("Ltd. Şti.", "A.Ş."),
    "AE": ("FZE", "LLC", "FZCO", "L.L.C."), "CN": ("Co., Ltd.", "Co., Ltd.", "Limited"), "HK": ("Limited", "Co., Limited"),
    "SG": ("Pte Ltd",), "MY": ("Sdn Bhd",), "IN": ("Pvt Ltd", "Private Limited", "Ltd"), "PK": ("(Pvt.) Ltd", "(Private) Limited"),
    "NG": ("Ltd", "Limited", "Nigeria Ltd"), "GH": ("Ltd", "Limited"), "KE": ("Ltd", "Limited"), "TZ": ("Ltd", "Limited"), "UG": ("Ltd", "Limited"),
    "RU": ("OOO", "AO", "LLC"), "BY": ("OOO", "ODO"), "UA": ("TOV", "LLC"), "KZ": ("TOO", "LLP"),
    "GR": ("S.A.", "E.P.E."), "CY": ("Ltd", "Limited"), "VN": ("Co., Ltd", "JSC"), "PL": ("Sp. z o.o.",),
    "CO": ("S.A.S.", "S.A.", "Ltda."), "PE": ("S.A.C.", "S.A."), "EC": ("S.A.", "Cía. Ltda."), "VE": ("C.A.", "S.A."),
    "PA": ("S.A.", "Inc."), "AR": ("S.A.", "S.R.L."), "DO": ("S.R.L.", "S.A."),
}  # fmt: skip
for _country in ("SN", "CI", "ML", "GN", "CM", "CD", "BF", "TG", "BJ", "MA", "DZ", "TN"):
    LEGAL_FORMS[_country] = ("SARL", "SA", "SARLU")
for _country in ("SA", "EG", "SD", "SY", "LB", "JO", "IQ", "YE", "LY", "OM", "QA", "KW", "IR"):
    LEGAL_FORMS[_country] = ("LLC", "Co.", "Est.")
DEFAULT_LEGAL_FORMS = ("Ltd", "LLC", "S.A.")

#: How the same legal form is written by someone else (near-duplicates).
LEGAL_FORM_VARIANTS: dict[str, tuple[str, ...]] = {
    "Ltd": ("Limited", "LTD", "Ltd."), "Limited": ("Ltd", "Ltd."), "(Pty) Ltd": ("Proprietary Limited", "PTY LTD", "Pty Ltd"),
    "Proprietary Limited": ("(Pty) Ltd", "(PTY) LTD"), "Pty Ltd": ("Proprietary Limited", "PTY. LTD."),
    "LLC": ("L.L.C.", "Limited Liability Company"), "L.L.C.": ("LLC",), "Inc.": ("Incorporated", "Inc"), "Corp.": ("Corporation",),
    "S.A.": ("SA", "Sociedad Anónima", "Société Anonyme"), "SA": ("S.A.",), "SARL": ("S.A.R.L.", "Sarl"), "SAS": ("S.A.S.",),
    "S.L.": ("SL", "Sociedad Limitada"), "GmbH": ("G.m.b.H.", "Gesellschaft mit beschränkter Haftung"), "AG": ("Aktiengesellschaft",),
    "B.V.": ("BV", "Besloten Vennootschap"), "BV": ("B.V.",), "N.V.": ("NV",), "Co., Ltd.": ("Company Limited", "Co. Ltd", "Co Ltd"),
    "Co., Limited": ("Company Limited",), "Lda.": ("Limitada", "Lda"), "Ltda.": ("Limitada", "LTDA"), "S.r.l.": ("SRL", "Srl"),
    "FZE": ("F.Z.E.", "Free Zone Establishment"), "FZCO": ("F.Z.CO", "FZ Co."), "Pvt Ltd": ("Private Limited", "Pvt. Ltd."),
    "Private Limited": ("Pvt Ltd",), "(Pvt.) Ltd": ("(Private) Limited", "Pvt Ltd"), "OOO": ("LLC", "ООО"), "Co.": ("Company", "Co"),
    "Sdn Bhd": ("Sdn. Bhd.",), "Pte Ltd": ("Pte. Ltd.", "Private Limited"), "Ltd. Şti.": ("Ltd. Sti.", "Limited Şirketi"),
    "S.A. de C.V.": ("SA de CV",), "S.A.S.": ("SAS",), "Est.": ("Establishment",), "PLC": ("Public Limited Company", "plc"),
}  # fmt: skip

TLD = {"GB": "co.uk", "ZA": "co.za", "NG": "com.ng", "KE": "co.ke", "IN": "in", "BR": "com.br", "CN": "com.cn", "AE": "ae", "TR": "com.tr", "FR": "fr", "DE": "de", "NL": "nl", "BE": "be", "ES": "es", "IT": "it", "PT": "pt", "CO": "com.co", "MX": "com.mx", "HK": "com.hk", "RU": "ru", "PK": "com.pk", "AU": "com.au", "SG": "com.sg", "VN": "vn", "EG": "com.eg", "MA": "ma", "GH": "com.gh", "TZ": "co.tz"}  # fmt: skip


def siren(rng) -> str:
    """A French SIREN: eight digits and a Luhn check digit, typed in groups of three."""
    body = digits(rng, 8)
    total = 0
    for position, char in enumerate(reversed(body + "0")):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    number = body + str((10 - total % 10) % 10)
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def registration_number(rng, country: str, year: int) -> str:
    """A company registration number of the shape the country's registry gives."""
    if country == "ZA":
        return f"{year}/{digits(rng, 6)}/{rng.choice(('07', '07', '23', '08'))}"
    if country == "GB":
        return (
            f"{int(rng.random() * 14_000_000):08d}" if rng.random() < 0.9 else f"SC{digits(rng, 6)}"
        )
    if country == "FR":
        return siren(rng)
    if country in ("DE", "AT"):
        return f"HRB {int(rng.random() * 250_000) + 1000}"
    if country == "NL":
        return digits(rng, 8)
    if country == "BE":
        number = f"0{digits(rng, 9)}"
        return f"{number[:4]}.{number[4:7]}.{number[7:]}"
    if country == "ES":
        return f"{rng.choice('ABB')}{digits(rng, 8)}"
    if country == "CN":
        return f"9144{digits(rng, 4)}MA{letters(rng, 1, '0123456789ABCDEFGHJKLMNPQRTUWXY')}{letters(rng, 7, '0123456789ABCDEFGHJKLMNPQRTUWXY')}{int(rng.random() * 10)}"
    if country == "AE":
        return f"CN-{digits(rng, 7)}"
    if country == "NG":
        return f"RC {int(rng.random() * 1_800_000) + 10_000}"
    if country == "KE":
        return f"PVT-{letters(rng, 3)}{digits(rng, 1)}{letters(rng, 2)}{digits(rng, 1)}{letters(rng, 1)}"
    if country == "IN":
        return f"U{digits(rng, 5)}{rng.choice(('MH', 'DL', 'TN', 'GJ', 'KA'))}{year}PTC{digits(rng, 6)}"
    if country == "BR":
        return f"{digits(rng, 2)}.{digits(rng, 3)}.{digits(rng, 3)}/0001-{digits(rng, 2)}"
    if country == "CO":
        return f"900.{digits(rng, 3)}.{digits(rng, 3)}-{digits(rng, 1)}"
    if country == "RU":
        return f"1{year % 100:02d}{digits(rng, 10)}"
    if country == "HK":
        return digits(rng, 7)
    if country == "TR":
        return digits(rng, 16)
    return digits(rng, 8 + int(rng.random() * 3))


def tax_number(rng, country: str, registration: str) -> str:
    """A tax or VAT number as the country writes it."""
    plain = normalise_identifier(registration)
    if country == "GB":
        number = digits(rng, 9)
        return f"GB {number[:3]} {number[3:7]} {number[7:]}"
    if country == "ZA":
        return f"4{digits(rng, 9)}"
    if country == "FR":
        return f"FR{digits(rng, 2)} {plain}"
    if country in ("DE", "IT", "PT", "GR"):
        return f"{country}{digits(rng, 9 if country != 'IT' else 11)}"
    if country == "NL":
        return f"NL{digits(rng, 9)}B01"
    if country in ("BE", "ES"):
        return f"{country}{plain}"
    if country in ("CN", "BR", "CO"):
        return registration
    if country == "IN":
        return (
            f"{digits(rng, 2)}{letters(rng, 5)}{digits(rng, 4)}{letters(rng, 1)}1Z{letters(rng, 1)}"
        )
    if country == "NG":
        return f"{digits(rng, 8)}-0001"
    if country == "KE":
        return f"P05{digits(rng, 7)}{letters(rng, 1)}"
    if country == "AE":
        return f"100{digits(rng, 12)}"
    if country == "US":
        return f"{digits(rng, 2)}-{digits(rng, 7)}"
    if country in ("RU", "TR"):
        return digits(rng, 10)
    return digits(rng, 9 + int(rng.random() * 2))


# --- the generator --------------------------------------------------------------------------


@demo.register
class CompanyGenerator(demo.DemoGenerator):
    """Companies with legal forms, numbers, contacts, people, seizures and near-duplicates."""

    name = "companies"
    label = "Companies"
    order = 70
    dependencies = ("units", "users", "places", "seizures", "persons")
    options = (
        demo.DemoOption("companies", default=900, help="How many companies to make (default 900)."),
    )

    def is_empty(self) -> bool:
        return not Company.objects.exists()

    def estimate(self, ctx: demo.DemoContext) -> int:
        return ctx.options["companies"]

    def check(self, ctx: demo.DemoContext) -> None:
        if ctx.options["companies"] < 0:
            raise demo.DemoDataError("--companies cannot be negative.")
        if ctx.options["companies"] and not Country.objects.exists():
            raise demo.DemoDataError(
                "The country list is empty: run `opencen load-reference` first, then "
                "`opencen demo` again."
            )

    def generate(self, ctx: demo.DemoContext) -> dict[str, int]:
        total = ctx.options["companies"]
        if not total:
            return {}
        from opencen.matching.indexing import company_index

        connection = connections[router.db_for_write(Company)]
        plan = CompanyPlan.load(ctx, total)
        progress = ctx.progress
        counts: Counter[str] = Counter()
        with _fast_writes(connection):
            gc_was_enabled = gc.isenabled()
            gc.disable()
            try:
                for ids, tables in plan.chunks():
                    with transaction.atomic(using=connection.alias):
                        for label, model, fields, rows in tables:
                            counts[label] += insert_prepared(connection, model, fields, rows, batch_size=ctx.batch_size)  # fmt: skip
                        company_index(ids)
                    progress.update(len(ids))
            finally:
                if gc_was_enabled:
                    gc.enable()
        plan.audit_summary(counts["companies"])
        counts["likely duplicate pairs"] = find_duplicates(ctx, "companies", total)
        return {
            label: counts[label] for label in [*MODELS, "likely duplicate pairs"] if counts[label]
        }


@dataclass(slots=True)
class PlannedCompany:
    index: int
    anchor: int  # first seizure, -1 for none
    country: str = ""
    kind: str = ""
    created_at: datetime.datetime | None = None
    unit: Recorder | None = None
    duplicate_of: int = -1
    has_duplicate: bool = False


class CompanyPlan:
    """Everything read once, then the companies drawn chunk by chunk."""

    def __init__(self, ctx: demo.DemoContext, total: int):
        self.ctx = ctx
        self.total = total
        self.rng = _FastRandom(ctx.rng.getrandbits(64))
        self.db = DatabaseValues(connections[router.db_for_write(Company)].vendor)
        self.phones = PhoneMaker()

    @classmethod
    def load(cls, ctx: demo.DemoContext, total: int) -> CompanyPlan:
        plan = cls(ctx, total)
        plan.home = demo_country(ctx.options.get("country"))
        plan.countries = set(Country.objects.values_list("code", flat=True))
        plan.recorders = load_recorders()
        if not plan.recorders:
            raise demo.DemoDataError("There are no units to record demo companies in.")
        plan.recorders_by_unit = {recorder.id: recorder for recorder in plan.recorders}
        plan.seizures = load_seizures(plan.db)
        plan._load_people()
        plan.kinds_alone = Weighted(KINDS_ALONE)
        plan.status = Weighted(STATUS)
        plan.handling = Weighted(HANDLING)
        plan.person_roles = Weighted(PERSON_ROLES)
        origins = sorted({s.origin for s in plan.seizures if s.origin} - {plan.home}) or ["CN", "TR", "AE", "IN", "BR", "NG"]  # fmt: skip
        plan.other_countries = [c for c in origins if c in plan.countries]
        plan._plan()
        return plan

    def _load_people(self) -> None:
        """Persons by nationality, and the organisers, financiers and drivers of seizures."""
        uuid = self.db.uuid
        by_country: dict[str, list[str]] = defaultdict(list)
        rows = Person.nationalities.through.objects.values_list("person_id", "country_id").iterator(chunk_size=20_000)  # fmt: skip
        for person_id, country in sorted((uuid(p), c) for p, c in rows):
            by_country[country].append(person_id)
        self.persons_by_country = dict(by_country)
        self.any_persons = sorted({p for people in by_country.values() for p in people})
        seizure_people: dict[str, list[tuple[str, str]]] = defaultdict(list)
        rows = SeizurePerson.objects.filter(role__in=("organiser", "financier", "driver")).values_list("seizure_id", "person_id", "role").iterator(chunk_size=20_000)  # fmt: skip
        for seizure_id, person_id, role in sorted((uuid(s), uuid(p), r) for s, p, r in rows):
            seizure_people[seizure_id].append((person_id, role))
        self.seizure_people = dict(seizure_people)

    def _plan(self) -> None:
        rng, total = self.rng, self.total
        self.planned: list[PlannedCompany] = []
        self.involvements: dict[int, list[tuple[int, str]]] = defaultdict(list)
        fresh_limit = int(total * INVOLVED_SHARE)
        pools: dict[tuple, list[int]] = defaultdict(list)
        uses: Counter[tuple] = Counter()
        for seizure_index in range(len(self.seizures) - 1, -1, -1):  # newest first
            if len(self.planned) >= fresh_limit:
                break
            seizure = self.seizures[seizure_index]
            roles = list(SEIZURE_ROLES.get(seizure.conveyance, ()))
            if seizure.commodity.startswith("ipr_"):
                roles.append(("manufacturer", 0.15))
            present: dict[int, str] = {}
            for role, share in roles:
                if rng.random() >= share:
                    continue
                if role in ORIGIN_ROLES:
                    key = ("origin", role, seizure.commodity, seizure.origin)
                    country = seizure.origin if seizure.origin in self.countries else self.home
                elif role == "broker":
                    key = ("broker", seizure.unit_id)
                    country = self.home
                elif role in ("carrier", "forwarder"):
                    key = (role, seizure.conveyance, seizure.origin)
                    country = (
                        self.home
                        if rng.random() < 0.6 or seizure.origin not in self.countries
                        else seizure.origin
                    )
                else:
                    key = ("home", seizure.commodity, seizure.origin)
                    country = self.home
                pool = pools[key]
                uses[key] += 1
                # Pools grow slowly: every company recurs in several seizures of its corridor.
                if len(pool) < 1 + uses[key] // 4:
                    if len(self.planned) >= fresh_limit:
                        break
                    company = len(self.planned)
                    self.planned.append(
                        PlannedCompany(company, seizure_index, country, KIND_OF_ROLE[role])
                    )
                    pool.append(company)
                else:
                    company = pool[int(len(pool) * rng.random() ** 2)]
                if company not in present:
                    present[company] = role
            for company, role in present.items():
                self.involvements[company].append((seizure_index, role))
        for company, involvements in self.involvements.items():
            involvements.sort()
            self.planned[company].anchor = involvements[0][0]
        while len(self.planned) < total:
            kind = self.kinds_alone(rng)
            if kind == "shell":
                country = rng.choice(HAVENS)
            elif kind in ("exporter", "manufacturer") and self.other_countries:
                country = rng.choice(self.other_countries)
            else:
                country = (
                    self.home
                    if rng.random() < 0.55 or not self.other_countries
                    else rng.choice(self.other_countries)
                )
            self.planned.append(
                PlannedCompany(
                    len(self.planned), -1, country if country in self.countries else self.home, kind
                )
            )
        duplicates = round(total * DUPLICATE_SHARE) if total >= 20 else 0
        pairs = rng.sample(range(total), 2 * duplicates)
        for first, second in zip(pairs[::2], pairs[1::2], strict=True):
            self.planned[second].duplicate_of = first
        for planned in self.planned:
            if planned.anchor >= 0:
                seizure = self.seizures[planned.anchor]
                planned.created_at = seizure.created_at + datetime.timedelta(
                    hours=rng.uniform(1, 72)
                )
                planned.unit = self.recorders_by_unit.get(seizure.unit_id) or rng.choice(
                    self.recorders
                )
            else:
                planned.created_at = PERIOD_START + datetime.timedelta(
                    seconds=rng.random() * PERIOD_DAYS * 86400
                )
                planned.unit = rng.choice(self.recorders)
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
        self.order = sorted(range(total), key=lambda i: (self.planned[i].created_at, self.planned[i].duplicate_of >= 0))  # fmt: skip
        self.remembered: dict[int, dict[str, Any]] = {}

    # ---- drawing ---------------------------------------------------------------------------

    def chunks(self):
        for start in range(0, self.total, CHUNK):
            yield self._chunk(self.order[start : start + CHUNK])

    def _chunk(self, indexes: Sequence[int]):
        tables: dict[str, list[tuple]] = defaultdict(list)
        ids = []
        for index in indexes:
            planned = self.planned[index]
            company_id = uuid7(planned.created_at, self.ctx.uuid())
            ids.append(company_id)
            if planned.duplicate_of >= 0:
                company = self.second_record(self.remembered.pop(planned.duplicate_of))
            else:
                company = self.draw(planned)
            if planned.has_duplicate:
                self.remembered[index] = company
            self.rows(planned, self.db.uuid(company_id), company, tables)
        return ids, [
            (label, model, fields, tables[label]) for label, (model, fields) in MODELS.items()
        ]

    def draw(self, planned: PlannedCompany) -> dict[str, Any]:
        rng = self.rng
        country, kind = planned.country, planned.kind
        base = self.base_name(country, kind)
        forms = LEGAL_FORMS.get(country, DEFAULT_LEGAL_FORMS)
        legal_form = forms[0] if rng.random() < 0.5 else rng.choice(forms)
        founded = planned.created_at.year - int(rng.random() * 15) - 1
        registration = registration_number(rng, country, founded) if rng.random() < 0.88 else ""
        tax = tax_number(rng, country, registration or digits(rng, 9)) if rng.random() < 0.6 else ""
        return {"base": base, "legal_form": legal_form, "country": country, "kind": kind, "registration": registration, "tax": tax, "founded": founded, "variant": ""}  # fmt: skip

    def base_name(self, country: str, kind: str) -> str:
        """A company name without its legal form."""
        rng = self.rng
        language = LANGUAGE_OF.get(country)
        activity = rng.choice(ACTIVITIES.get(kind, ACTIVITIES["importer"]))
        cultures = names.COUNTRY_CULTURES.get(country)
        culture = (
            names.CULTURES_BY_NAME[rng.choice(cultures)]
            if cultures
            else names.CULTURES_BY_NAME["english"]
        )
        surname = rng.choice(culture.family)[0]
        if language and kind != "shell" and rng.random() < 0.6:
            patterns = [p for p in LOCAL_PATTERNS[language] if _fits(p, kind)]
            pattern = rng.choice(patterns or ("{surname} {activity}",))
            values = {key: rng.choice(words) for key, words in WORDS.items()}
            city_list = names.CITIES.get(country) or ("Central",)
            return pattern.format(surname=surname, adj=rng.choice(ADJECTIVES), noun=rng.choice(NOUNS), activity=activity, city=rng.choice(city_list), **values)  # fmt: skip
        draw = rng.random()
        if draw < 0.45:
            return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {activity}"
        if draw < 0.7:
            return f"{rng.choice(ADJECTIVES)} {activity}"
        if draw < 0.85:
            return f"{surname} {activity}"
        if draw < 0.93:
            return f"{surname} & Sons {activity}"
        return f"{letters(rng, 3)} {activity}"

    def second_record(self, first: dict[str, Any]) -> dict[str, Any]:
        """The same company recorded again: legal form written differently, capitals, a typo."""
        rng = self.rng
        company = dict(first)
        changes = []
        variants = LEGAL_FORM_VARIANTS.get(first["legal_form"])
        if variants and rng.random() < 0.75:
            company["legal_form"] = rng.choice(variants)
            changes.append("legal form")
        draw = rng.random()
        if draw < 0.3:
            company["base"] = company["base"].upper()
            company["legal_form"] = company["legal_form"].upper()
            changes.append("capitals")
        elif draw < 0.55:
            words = company["base"].split()
            longest = max(range(len(words)), key=lambda i: len(words[i]))
            if len(words[longest]) > 4:
                words[longest] = typo(rng, words[longest])
                company["base"] = " ".join(words)
                changes.append("typo")
        elif draw < 0.7 and "&" in company["base"]:
            company["base"] = company["base"].replace("&", "and")
            changes.append("and")
        if first["registration"] and rng.random() < 0.4:
            company["registration"] = ""
        company["tax"] = first["tax"] if rng.random() < 0.4 else ""
        company["variant"] = ", ".join(changes) or "recorded again"
        return company

    def rows(
        self, planned: PlannedCompany, company_id: str, company: dict[str, Any], tables
    ) -> None:
        rng, db = self.rng, self.db
        country = company["country"]
        legal_form = company["legal_form"]
        name = f"{company['base']} {legal_form}"
        created = planned.created_at
        created_text = db.datetime(created)
        officer = rng.choice(planned.unit.officers) if planned.unit.officers else None
        slug = re.sub(r"[^a-z0-9]", "", anyascii(company["base"]).lower())[:30] or "company"
        domain = f"{slug}.{TLD.get(country, 'com')}"
        website = f"www.{domain}" if rng.random() < 0.45 else ""
        kind = company["kind"]
        status = self.status(rng)
        if kind == "shell" and status == "active" and rng.random() < 0.3:
            status = "dissolved"
        notes = rng.choice(NOTES) if rng.random() < 0.08 else ""
        if planned.duplicate_of >= 0:
            again = (
                "Recorded again."
                if planned.unit is self.planned[planned.duplicate_of].unit
                else "Recorded again by another unit."
            )
            notes = (notes + " " if notes else "") + again
        handling = self.handling(rng)
        registration, tax = company["registration"], company["tax"]
        tables["companies"].append(
            (company_id, created_text, created_text, officer, officer, planned.unit.id,
             planned.unit.path, name, legal_form, registration, normalise_identifier(registration),
             tax, normalise_identifier(tax), country, website, kind, status, notes, handling)
        )  # fmt: skip
        trading = []
        if rng.random() < 0.25:
            words = company["base"].split()
            if len(words) > 2 and rng.random() < 0.5:
                trading.append(
                    "".join(w[0] for w in words if w[0].isalpha()).upper() + " " + words[-1]
                )
            elif len(words) > 1:
                trading.append(" ".join(w for w in (words[0], words[-1]) if w != "&"))
        for trading_name in trading:
            tables["trading names"].append((company_id, trading_name))
        addresses = []
        if rng.random() < 0.9:
            cultures = names.COUNTRY_CULTURES.get(country)
            templates, streets = names.STREETS.get(cultures[0] if cultures else "english", names.STREETS["english"])  # fmt: skip
            city_list = names.CITIES.get(country, ())
            for position in range(1 + (rng.random() < 0.1)):
                address = rng.choice(templates).format(
                    n=int(rng.random() * 300) + 1, street=rng.choice(streets)
                )
                if position:
                    address = f"Warehouse {int(rng.random() * 40) + 1}, {address}"
                addresses.append((address, rng.choice(city_list) if city_list else "", country))
        for address, city, where in addresses:
            tables["addresses"].append((company_id, address, city, where))
        phones = []
        if rng.random() < 0.7:
            phone = self.phones.make(rng, country)
            if phone:
                phones.append(phone)
        for typed, e164 in phones:
            tables["phones"].append((company_id, typed, e164))
        emails = [f"{rng.choice(('info', 'sales', 'contact', 'office', 'admin'))}@{domain}"] if rng.random() < 0.55 else []  # fmt: skip
        for email in emails:
            tables["emails"].append((company_id, email))

        # people: the organiser behind a seizure runs its importer; others from the country
        people: dict[tuple[str, str], None] = {}
        for seizure_index, role in self.involvements.get(planned.index, ()):
            seizure = self.seizures[seizure_index]
            when = max(created, seizure.created_at) + datetime.timedelta(minutes=int(rng.random() * 120) + 5)  # fmt: skip
            tables["seizure involvements"].append((seizure.id, company_id, role, db.datetime(when), officer))  # fmt: skip
            for person_id, person_role in self.seizure_people.get(seizure.id, ()):
                if (
                    person_role == "organiser"
                    and role in ("importer", "consignee")
                    and rng.random() < 0.6
                ):
                    people.setdefault((person_id, rng.choice(("director", "owner"))))
                elif (
                    person_role == "financier"
                    and role in ("importer", "consignee", "shipper")
                    and rng.random() < 0.5
                ):
                    people.setdefault((person_id, "shareholder"))
                elif person_role == "driver" and role == "carrier" and rng.random() < 0.7:
                    people.setdefault((person_id, "employee"))
        if not people and self.any_persons and rng.random() < 0.55:
            candidates = self.persons_by_country.get(country) or self.any_persons
            for _ in range(1 + (rng.random() < 0.35)):
                people.setdefault((rng.choice(candidates), self.person_roles(rng)))
        founded = datetime.date(company["founded"], 1, 1)
        for person_id, role in people:
            started = founded + datetime.timedelta(days=int(rng.random() * 2000))
            started = min(started, created.date())
            ended = (started + datetime.timedelta(days=int(rng.random() * 1500) + 90)).isoformat() if rng.random() < 0.1 else None  # fmt: skip
            tables["people"].append((company_id, person_id, role, started.isoformat(), ended, created_text, officer))  # fmt: skip

        snapshot = {
            "name": name, "legal_form": legal_form, "registration_number": registration,
            "tax_number": tax, "country": country, "website": website, "kind": kind,
            "status": status, "notes": notes, "handling_code": handling,
            "trading_names": list(trading),
            "addresses": [{"address": a, "city": c, "country": w} for a, c, w in addresses],
            "phones": [typed for typed, _ in phones], "emails": emails,
        }  # fmt: skip
        tables["versions"].append(
            (company_id, 1, created_text, officer, db.json(snapshot), "{}", "")
        )

    def audit_summary(self, count: int) -> None:
        from opencen.audit.choices import AuditEventType
        from opencen.audit.services import audit_record

        audit_record(
            actor=None,
            event_type=AuditEventType.RECORD_CREATED,
            target_type=Company._meta.label_lower,
            target_label="demo data",
            details={"generated": count, "seed": self.ctx.seed, "generator": "opencen demo"},
        )


COMPANY_FIELDS = [
    "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "unit_id", "unit_path",
    "name", "legal_form", "registration_number", "registration_normalised", "tax_number",
    "tax_normalised", "country_id", "website", "kind", "status", "notes", "handling_code",
]  # fmt: skip

#: Every table the generator writes: label -> (model, fields), in writing order.
MODELS: dict[str, tuple[Any, list[str]]] = {
    "companies": (Company, COMPANY_FIELDS),
    "trading names": (TradingName, ["company_id", "name"]),
    "addresses": (CompanyAddress, ["company_id", "address", "city", "country_id"]),
    "phones": (CompanyPhone, ["company_id", "number", "e164"]),
    "emails": (CompanyEmail, ["company_id", "email"]),
    "people": (CompanyPerson, ["company_id", "person_id", "role", "started_on", "ended_on", "created_at", "created_by_id"]),
    "seizure involvements": (SeizureCompany, ["seizure_id", "company_id", "role", "created_at", "created_by_id"]),
    "versions": (CompanyVersion, ["company_id", "version", "changed_at", "changed_by_id", "snapshot", "changes", "comment"]),
}  # fmt: skip
