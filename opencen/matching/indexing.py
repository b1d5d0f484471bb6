"""Blocking keys kept current on every write of a person or company.

Persons and companies services call these in the same transaction as the write; the demo
generator and ``opencen matching-reindex`` call them per batch of thousands. Each call reads
the records with their names and numbers in a few queries, deletes their old keys and
profiles and bulk-inserts the new ones. A record deleted, or merged into another, keeps no keys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from django.db import connection, transaction

from opencen.matching.models import CompanyKey, CompanyProfile, PersonKey, PersonProfile
from opencen.matching.normalise import (
    COMPANY_COMMON,
    company_name_form,
    key_tokens,
    normalise_number,
    person_name_form,
    skeleton,
)

#: Pairs kept per person at most (names with many parts and aliases).
MAX_PAIRS = 40
BATCH = 2000


def person_names(person, aliases: Iterable[str] = ()) -> list[str]:
    """Every name a person is known by: given and family names, as written, in Latin
    letters, and aliases; duplicates removed."""
    names = []
    full = " ".join(p for p in (person.given_names, person.family_name) if p).strip()
    for name in (full, person.name_latin, person.name_original, *aliases):
        name = (name or "").strip()
        if name and name not in names:
            names.append(name)
    return names


def person_keys(names: list[str], documents: Iterable[str]) -> set[str]:
    """The blocking keys of a person known by ``names`` with these normalised numbers."""
    keys: set[str] = set()
    pairs: set[str] = set()
    for name in names:
        form = person_name_form(name)
        skeletons = sorted({skeleton(t) for t in key_tokens(form)})
        for skel in skeletons:
            keys.add(f"t:{skel}")
        for a, b in combinations(skeletons, 2):
            if a.startswith(b) or b.startswith(a):
                continue
            pairs.add(f"p:{a}|{b}")
            pairs.add("q:{}|{}".format(*sorted((a[:2], b[:2]))))
    keys.update(sorted(pairs)[: MAX_PAIRS * 2])
    for number in documents:
        if number:
            keys.add(f"d:{number}")
    return {k[:80] for k in keys}


def person_query_keys(names: list[str], documents: Iterable[str]) -> set[str]:
    """The keys a query looks up: the same as a stored person's."""
    return person_keys(names, documents)


def person_index(person_ids: Iterable) -> None:
    """(Re)build the blocking keys and profile of these persons; removes those of deleted
    or merged ones."""
    from opencen.persons.models import IdentityDocument, Person, PersonAlias

    ids = list(dict.fromkeys(person_ids))
    for start in range(0, len(ids), BATCH):
        _person_index_batch(ids[start : start + BATCH], Person, PersonAlias, IdentityDocument)


def _person_index_batch(ids, Person, PersonAlias, IdentityDocument) -> None:
    with transaction.atomic():
        PersonKey.objects.filter(person_id__in=ids).delete()
        PersonProfile.objects.filter(person_id__in=ids).delete()
        persons = list(
            Person.objects.filter(id__in=ids, merged_into__isnull=True).only(
                "id",
                "given_names",
                "family_name",
                "name_original",
                "name_latin",
                "sex",
                "birth_year",
                "birth_month",
                "birth_day",
                "unit_path",
                "handling_code",
            )
        )
        if not persons:
            return
        live = [p.id for p in persons]
        aliases: dict = defaultdict(list)
        for person_id, name in PersonAlias.objects.filter(person_id__in=live).values_list(
            "person_id", "name"
        ):
            aliases[person_id].append(name)
        documents: dict = defaultdict(list)
        for person_id, type_, number, country in IdentityDocument.objects.filter(
            person_id__in=live
        ).values_list("person_id", "type", "number_normalised", "country_id"):
            documents[person_id].append([type_, number or "", country or ""])
        nationalities: dict = defaultdict(list)
        through = Person.nationalities.through
        for person_id, country in through.objects.filter(person_id__in=live).values_list(
            "person_id", "country_id"
        ):
            nationalities[person_id].append(country)
        keys: list[tuple] = []
        profiles: list[PersonProfile] = []
        id_field = PersonKey._meta.get_field("person").target_field
        for person in persons:
            names = person_names(person, aliases[person.id])
            docs = documents[person.id]
            profiles.append(
                PersonProfile(
                    person_id=person.id,
                    display_name=person.display_name[:300],
                    names=[[n, person_name_form(n).tokens] for n in names],
                    birth_year=person.birth_year,
                    birth_month=person.birth_month,
                    birth_day=person.birth_day,
                    sex=person.sex or "",
                    nationalities=sorted(nationalities[person.id]),
                    documents=docs,
                    unit_path=person.unit_path,
                    handling_code=person.handling_code,
                )
            )
            stored_id = id_field.get_db_prep_value(person.id, connection)
            for key in person_keys(names, (d[1] for d in docs)):
                keys.append((key, person.birth_year, stored_id))
        PersonProfile.objects.bulk_create(profiles, batch_size=1000)
        _insert(PersonKey, ("key", "birth_year", "person_id"), keys)


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert plain rows in one prepared statement (keys are many and simple: building a
    model instance for each costs more than the insert)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names only
        quote(model._meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def company_names(company, trading_names: Iterable[str] = ()) -> list[str]:
    names = []
    for name in (company.name, *trading_names):
        name = (name or "").strip()
        if name and name not in names:
            names.append(name)
    return names


def company_keys(names: list[str], registration: str = "", tax: str = "") -> set[str]:
    """The blocking keys of a company known by ``names`` with these normalised numbers."""
    keys: set[str] = set()
    for name in names:
        form = company_name_form(name)
        if form.key:
            keys.add(f"n:{form.key}")
        words = sorted(set(form.tokens))
        for word in words:
            if word not in COMPANY_COMMON:
                keys.add(f"t:{word}")
                keys.add(f"s:{skeleton(word)}")
        for a, b in combinations(words, 2):
            keys.add(f"p:{a}|{b}")
    if registration:
        keys.add(f"r:{registration}")
    if tax:
        keys.add(f"x:{tax}")
    return {k[:120] for k in keys}


def company_index(company_ids: Iterable) -> None:
    """(Re)build the blocking keys and profile of these companies; removes those of deleted
    or merged ones."""
    from opencen.companies.models import Company, TradingName

    ids = list(dict.fromkeys(company_ids))
    for start in range(0, len(ids), BATCH):
        _company_index_batch(ids[start : start + BATCH], Company, TradingName)


def _company_index_batch(ids, Company, TradingName) -> None:
    with transaction.atomic():
        CompanyKey.objects.filter(company_id__in=ids).delete()
        CompanyProfile.objects.filter(company_id__in=ids).delete()
        companies = list(
            Company.objects.filter(id__in=ids, merged_into__isnull=True).only(
                "id",
                "name",
                "registration_number",
                "registration_normalised",
                "tax_number",
                "tax_normalised",
                "country_id",
                "unit_path",
                "handling_code",
            )
        )
        if not companies:
            return
        trading: dict = defaultdict(list)
        for company_id, name in TradingName.objects.filter(
            company_id__in=[c.id for c in companies]
        ).values_list("company_id", "name"):
            trading[company_id].append(name)
        keys: list[tuple] = []
        profiles: list[CompanyProfile] = []
        id_field = CompanyKey._meta.get_field("company").target_field
        for company in companies:
            names = company_names(company, trading[company.id])
            registration = company.registration_normalised or normalise_number(
                company.registration_number
            )
            tax = company.tax_normalised or normalise_number(company.tax_number)
            forms = [company_name_form(n) for n in names]
            profiles.append(
                CompanyProfile(
                    company_id=company.id,
                    display_name=company.name[:300],
                    names=[[f.text, f.tokens, f.legal_form] for f in forms],
                    registration=registration[:64],
                    tax=tax[:64],
                    country=company.country_id or "",
                    unit_path=company.unit_path,
                    handling_code=company.handling_code,
                )
            )
            stored_id = id_field.get_db_prep_value(company.id, connection)
            for key in company_keys(names, registration, tax):
                keys.append((key, stored_id))
        CompanyProfile.objects.bulk_create(profiles, batch_size=1000)
        _insert(CompanyKey, ("key", "company_id"), keys)
