"""Person services: partial dates, normalisation, transliteration, review dates, history,
optimistic concurrency, links and merge."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.persons.models import IdentityDocument, Person, PersonLink, SeizurePerson
from opencen.persons.services import (
    AliasInput,
    DocumentInput,
    PersonConflict,
    PersonInput,
    document_number_normalise,
    parse_partial_date,
    person_create,
    person_link_add,
    person_merge,
    person_snapshot,
    person_update,
    phone_normalise,
    review_due_for,
    seizure_person_add,
    seizure_person_remove,
    transliterate,
)


def _input_of(person) -> PersonInput:
    """The stored content as input, to change one thing and save."""
    snapshot = person_snapshot(person)
    return PersonInput(
        given_names=snapshot["given_names"],
        family_name=snapshot["family_name"],
        name_original=snapshot["name_original"],
        name_latin=snapshot["name_latin"],
        sex=snapshot["sex"],
        birth_date=snapshot["birth_date"],
        nationalities=list(person.nationalities.all()),
        category=snapshot["category"],
        aliases=[AliasInput(**a) for a in snapshot["aliases"]],
        documents=[
            DocumentInput(type=d.type, number=d.number, country=d.country)
            for d in person.documents.all()
        ],
    )


# --- partial dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("1984", (1984, None, None)),
        ("1984-03", (1984, 3, None)),
        ("1984-3", (1984, 3, None)),
        ("1984-03-02", (1984, 3, 2)),
        ("", (None, None, None)),
        (" 1984-03-02 ", (1984, 3, 2)),
    ],
)
def test_partial_birth_dates_are_read(text, parts):
    assert parse_partial_date(text) == parts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("02/03/1984", "Write the birth date as a year"),
        ("1984-13", "month must be between"),
        ("1984-02-30", "has no day 30"),
        ("1850", "between 1880"),
        ("abcd", "Write the birth date"),
    ],
)
def test_wrong_birth_dates_are_refused_with_a_clear_message(text, message):
    with pytest.raises(ValidationError) as error:
        parse_partial_date(text)
    assert message in " ".join(error.value.messages)


def test_a_birth_date_in_the_future_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        parse_partial_date(tomorrow.isoformat())


@pytest.mark.django_db
def test_a_person_keeps_a_year_only_birth_date(make_person):
    person = make_person(birth_date="1984")
    assert (person.birth_year, person.birth_month, person.birth_day) == (1984, None, None)
    assert person.birth_date_text == "1984"


# --- normalisation -------------------------------------------------------------------------


def test_document_numbers_are_normalised():
    assert document_number_normalise("p 0123-4567") == "P01234567"
    assert document_number_normalise("AB/12.34") == "AB1234"


@pytest.mark.parametrize(
    ("typed", "region", "e164"),
    [
        ("+27 82 123 4567", None, "+27821234567"),
        ("082 123 4567", "ZA", "+27821234567"),
        ("0912 345 678", "SD", "+249912345678"),
        ("00 44 20 7946 0958", "GB", "+442079460958"),
    ],
)
def test_phones_are_normalised_to_e164(typed, region, e164):
    assert phone_normalise(typed, region=region) == (e164, True)


def test_an_unparseable_phone_keeps_what_was_typed():
    assert phone_normalise("0821234567", region=None) == ("0821234567", False)


@pytest.mark.django_db
def test_phones_use_the_first_nationality_as_region(make_person, countries):
    person = make_person(nationalities=[countries["ZA"]], phones=["082 123 4567"])
    phone = person.phones.get()
    assert phone.number == "082 123 4567"
    assert phone.e164 == "+27821234567"


@pytest.mark.django_db
def test_something_clearly_not_a_phone_is_refused(make_person):
    with pytest.raises(ValidationError) as error:
        make_person(phones=["call me maybe"])
    assert "phones.0" in error.value.message_dict


@pytest.mark.django_db
def test_stored_documents_carry_the_normalised_number(make_person):
    person = make_person()
    document = person.documents.get()
    assert document.number == "P0123 4567"
    assert document.number_normalised == "P01234567"


# --- transliteration -----------------------------------------------------------------------


def test_names_in_other_scripts_are_transliterated():
    assert transliterate("Иван Петров") == "Ivan Petrov"
    assert transliterate("王小明") == "Wang Xiao Ming"
    assert transliterate("محمد الحسن") == "Mhmd Al-hsn"
    assert transliterate("Γιώργος Παπαδόπουλος") == "Giorgos Papadopoulos"


@pytest.mark.django_db
def test_the_latin_name_is_made_when_not_typed(make_person):
    person = make_person(given_names="", family_name="", name_original="Иван Петров")
    assert person.name_latin == "Ivan Petrov"
    typed = make_person(name_original="Иван Петров", name_latin="Ivan Petroff")
    assert typed.name_latin == "Ivan Petroff"


@pytest.mark.django_db
def test_a_latin_original_name_is_not_copied(make_person):
    person = make_person(name_original="Mohammed Al-Hassan")
    assert person.name_latin == ""


@pytest.mark.django_db
def test_a_person_needs_a_name(make_person):
    with pytest.raises(ValidationError) as error:
        make_person(given_names="", family_name="")
    assert "family_name" in error.value.message_dict


# --- review dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "due"),
    [
        ("suspect", datetime.date(2029, 1, 31)),
        ("convicted", datetime.date(2031, 1, 31)),
        ("witness", datetime.date(2027, 1, 31)),
        ("victim", datetime.date(2027, 1, 31)),
        ("contact", datetime.date(2027, 1, 31)),
        ("other", datetime.date(2027, 1, 31)),
    ],
)
def test_review_dates_follow_the_category(category, due):
    assert review_due_for(category, start=datetime.date(2026, 1, 31)) == due


def test_review_months_come_from_the_settings(settings):
    settings.REVIEW_MONTHS = {**settings.REVIEW_MONTHS, "suspect": 1}
    assert review_due_for("suspect", start=datetime.date(2026, 1, 31)) == datetime.date(2026, 2, 28)


@pytest.mark.django_db
def test_a_new_person_gets_a_review_date_and_a_change_of_category_moves_it(make_person, officer):
    person = make_person()
    today = timezone.localdate()
    assert person.review_due == review_due_for("suspect", start=today)
    data = _input_of(person)
    data.category = "witness"
    person = person_update(actor=officer, person=person, data=data, version=person.version)
    assert person.review_due == review_due_for("witness", start=today)


# --- create, update, history ---------------------------------------------------------------


@pytest.mark.django_db
def test_create_records_unit_version_and_audit(make_person, officer):
    person = make_person()
    assert person.unit == officer.unit and person.unit_path == officer.unit.path
    assert person.version == 1
    assert person.versions.get().version == 1
    event = AuditEvent.objects.get(
        event_type=AuditEventType.RECORD_CREATED, target_id=str(person.pk)
    )
    assert event.actor == officer
    assert person.aliases.get().name == "Abu Ali"
    assert [c.pk for c in person.nationalities.all()] == ["SD"]


@pytest.mark.django_db
def test_update_bumps_the_version_and_records_the_differences(make_person, officer):
    person = make_person()
    data = _input_of(person)
    data.family_name = "Al Hassan"
    data.documents.append(DocumentInput(type="national_id", number="SD-998877"))
    person = person_update(actor=officer, person=person, data=data, version=1)
    assert person.version == 2
    version = person.versions.get(version=2)
    assert version.changes["family_name"] == ["Al-Hassan", "Al Hassan"]
    assert len(version.changes["documents"][1]) == 2
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.RECORD_CHANGED, target_id=str(person.pk)
    ).exists()


@pytest.mark.django_db
def test_saving_without_changes_keeps_the_version(make_person, officer):
    person = make_person()
    person = person_update(actor=officer, person=person, data=_input_of(person), version=1)
    assert person.version == 1
    assert person.versions.count() == 1


@pytest.mark.django_db
def test_a_stale_version_is_refused_and_nothing_is_written(make_person, officer, supervisor):
    person = make_person()
    first = _input_of(person)
    first.occupation = "driver"
    person_update(actor=supervisor, person=person, data=first, version=1)
    mine = _input_of(person)
    mine.family_name = "Changed"
    with pytest.raises(PersonConflict) as conflict:
        person_update(actor=officer, person=person, data=mine, version=1)
    assert conflict.value.current_version == 2
    assert "occupation" in conflict.value.changes
    assert Person.objects.get(pk=person.pk).family_name == "Al-Hassan"


@pytest.mark.django_db
def test_another_units_officer_may_not_change_a_person(make_person, other_officer):
    person = make_person()
    with pytest.raises(PermissionDenied):
        person_update(actor=other_officer, person=person, data=_input_of(person), version=1)


@pytest.mark.django_db
def test_an_analyst_may_not_record_persons(analyst, countries):
    with pytest.raises(PermissionDenied):
        person_create(actor=analyst, data=PersonInput(family_name="Nobody"))


@pytest.mark.django_db
def test_the_matching_index_is_called_on_every_write(make_person, officer, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "opencen.matching.indexing.person_index", lambda ids: calls.append(list(ids))
    )
    person = make_person()
    data = _input_of(person)
    data.family_name = "Alhasan"
    person_update(actor=officer, person=person, data=data, version=1)
    assert calls == [[person.pk], [person.pk]]


# --- links ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_person_links_are_stored_once_per_pair(make_person, officer):
    first = make_person()
    second = make_person(given_names="Ali", family_name="Osman", documents=[], aliases=[])
    person_link_add(actor=officer, person=first, other=second, type="associate")
    person_link_add(actor=officer, person=second, other=first, type="associate")
    assert PersonLink.objects.count() == 1
    with pytest.raises(ValidationError):
        person_link_add(actor=officer, person=first, other=first, type="family")


@pytest.mark.django_db
def test_seizure_involvements_are_added_once_and_removed(make_person, officer, seizure_of):
    person = make_person()
    seizure = seizure_of(officer)
    seizure_person_add(actor=officer, seizure=seizure, person=person, role="courier")
    seizure_person_add(actor=officer, seizure=seizure, person=person, role="courier")
    assert SeizurePerson.objects.filter(person=person).count() == 1
    seizure_person_remove(actor=officer, seizure=seizure, person=person, role="courier")
    assert not SeizurePerson.objects.filter(person=person).exists()


@pytest.mark.django_db
def test_linking_to_another_units_seizure_is_refused(make_person, other_officer, seizure_of):
    person = make_person()
    seizure = seizure_of(other_officer)
    with pytest.raises(PermissionDenied):
        seizure_person_add(actor=other_officer, seizure=seizure, person=person, role="courier")


# --- merge ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_merge_keeps_every_name_document_and_involvement(
    make_person, officer, countries, seizure_of
):
    survivor = make_person()
    duplicate = make_person(
        given_names="Muhammad",
        family_name="Alhasan",
        name_original="محمد الحسن",
        birth_date="1984",
        nationalities=[countries["SD"], countries["GB"]],
        documents=[
            DocumentInput(type="passport", number="P01234567", country=countries["SD"]),
            DocumentInput(type="national_id", number="ID-5544", country=countries["SD"]),
        ],
        aliases=[AliasInput(name="Abu Ali", type="nickname"), AliasInput(name="Hamoudi")],
        phones=["+249 912 345 678"],
    )
    other = make_person(given_names="Ali", family_name="Osman", documents=[], aliases=[])
    first, second = seizure_of(officer), seizure_of(officer)
    seizure_person_add(actor=officer, seizure=first, person=survivor, role="courier")
    seizure_person_add(actor=officer, seizure=first, person=duplicate, role="courier")
    seizure_person_add(actor=officer, seizure=second, person=duplicate, role="organiser")
    person_link_add(actor=officer, person=duplicate, other=other, type="associate")
    person_link_add(actor=officer, person=survivor, other=duplicate, type="family")

    kept = person_merge(actor=officer, survivor=survivor, duplicate=duplicate)

    names = set(kept.aliases.values_list("name", flat=True))
    assert {"Muhammad Alhasan", "محمد الحسن", "Abu Ali", "Hamoudi"} <= names
    assert kept.aliases.filter(name="Muhammad Alhasan", type="spelling").exists()
    assert sorted(kept.documents.values_list("number_normalised", flat=True)) == [
        "ID5544",
        "P01234567",
    ]
    assert sorted(c.pk for c in kept.nationalities.all()) == ["GB", "SD"]
    assert kept.phones.get().e164 == "+249912345678"
    involvements = set(SeizurePerson.objects.filter(person=kept).values_list("seizure", "role"))
    assert involvements == {(first.pk, "courier"), (second.pk, "organiser")}
    assert PersonLink.objects.filter(person=kept, other=other).exists()
    assert not PersonLink.objects.filter(person=kept, other=kept).exists()
    assert not IdentityDocument.objects.filter(person=duplicate).exists()

    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert kept.versions.first().comment.startswith("merged with")
    assert duplicate.versions.first().comment.startswith("merged into")
    event = AuditEvent.objects.get(event_type=AuditEventType.RECORDS_MERGED)
    assert event.details["survivor"] == str(kept.pk)
    assert event.details["duplicate"] == str(duplicate.pk)


@pytest.mark.django_db
def test_merge_moves_company_roles_and_investigations(make_person, officer, supervisor):
    from opencen.companies.models import Company, CompanyPerson
    from opencen.investigations.models import Investigation

    survivor = make_person()
    duplicate = make_person(given_names="Mohamed", documents=[], aliases=[])
    company = Company.objects.create(
        unit=officer.unit, unit_path=officer.unit.path, name="Blue Ocean Trading"
    )
    CompanyPerson.objects.create(company=company, person=duplicate, role="director")
    CompanyPerson.objects.create(company=company, person=survivor, role="director")
    CompanyPerson.objects.create(company=company, person=duplicate, role="owner")
    investigation = Investigation.objects.create(
        unit=officer.unit, unit_path=officer.unit.path, reference="INV-1", title="Couriers"
    )
    investigation.persons.add(duplicate)

    person_merge(actor=officer, survivor=survivor, duplicate=duplicate)

    roles = set(CompanyPerson.objects.filter(company=company).values_list("person", "role"))
    assert roles == {(survivor.pk, "director"), (survivor.pk, "owner")}
    assert list(investigation.persons.all()) == [survivor]


@pytest.mark.django_db
def test_merge_needs_the_right_to_change_both(make_person, other_officer, officer):
    mine = make_person()
    theirs = make_person(actor=other_officer, given_names="Mohamed", documents=[], aliases=[])
    with pytest.raises(PermissionDenied):
        person_merge(actor=officer, survivor=mine, duplicate=theirs)
    with pytest.raises(ValidationError):
        person_merge(actor=officer, survivor=mine, duplicate=mine)
