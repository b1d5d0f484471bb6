"""Likely duplicates: found through the blocking keys, listed best first in the user's scope,
dismissed for good."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from opencen.accounts.choices import Role
from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.matching import duplicates
from opencen.matching.models_screening import CompanyDuplicate, PersonDuplicate
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def port_officer(make_user, unit_tree):
    return make_user(roles={Role.OFFICER}, unit=unit_tree["port"], username="dup-officer")


@pytest.fixture
def seeded(make_person):
    """Two spellings of one man, his namesake born later, and unrelated persons."""
    return {
        "hassan": make_person(
            "Mohammed",
            "Al-Hassan",
            birth="1984-03-02",
            nationalities=["SD"],
            documents=[("passport", "P01234567")],
            sex="male",
        ),
        "alhasan": make_person(
            "Muhammad", "Alhasan", birth="1984", nationalities=["SD"], sex="male"
        ),
        "namesake": make_person("Mohammed", "Al-Hassan", birth="1991-07-10", nationalities=["EG"]),
        "other": make_person("Ahmed", "Osman", birth="1984-03-02", nationalities=["SD"]),
        "petrov": make_person("Ivan", "Petrov", birth="1975-01-01", nationalities=["RU"]),
    }


def _pairs(model):
    return {frozenset((p.first_id, p.second_id)): p for p in model.objects.all()}


def test_near_duplicates_are_found_and_unrelated_persons_are_not(seeded):
    counts = duplicates.duplicates_find("persons")
    pairs = _pairs(PersonDuplicate)
    assert frozenset((seeded["hassan"].pk, seeded["alhasan"].pk)) in pairs
    found = pairs[frozenset((seeded["hassan"].pk, seeded["alhasan"].pk))]
    assert found.score >= duplicates.MIN_SCORE
    assert any("birth year agrees" in line for line in found.explanation)
    # Born seven years apart in another country: not a likely duplicate; nor are other names.
    assert frozenset((seeded["hassan"].pk, seeded["namesake"].pk)) not in pairs
    for pair in pairs:
        assert seeded["petrov"].pk not in pair and seeded["other"].pk not in pair
    assert counts["stored"] == len(pairs)


def test_a_shared_document_number_pairs_two_different_spellings(make_person):
    a = make_person("Jean-Pierre", "Kabila", birth="1970", documents=[("passport", "OB123456")])
    b = make_person("Zhan Pyer", "Kabyla", documents=[("passport", "OB-123-456")])
    duplicates.duplicates_find("persons")
    assert frozenset((a.pk, b.pk)) in _pairs(PersonDuplicate)


def test_the_review_page_lists_pairs_best_first_and_a_dismissed_pair_disappears(
    client, seeded, port_officer
):
    duplicates.duplicates_find("persons")
    client.login(username=port_officer.username, password=TEST_PASSWORD)
    url = reverse("matching:duplicates-persons")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Muhammad ALHASAN" in html and "Mohammed AL-HASSAN" in html
    viewed = AuditEvent.objects.filter(event_type=AuditEventType.SEARCH).last()
    assert viewed.details["view"] == "duplicates" and len(viewed.details["pairs"]) == 1
    pair = PersonDuplicate.objects.get()
    merge = f"{reverse('persons:merge', args=[pair.first_id])}?other={pair.second_id}"
    assert f'href="{merge}"' in html
    response = client.post(
        reverse("matching:duplicates-persons-dismiss", args=[pair.pk]), {"next": url}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.dismissed_at is not None and pair.dismissed_by == port_officer
    after = client.get(url).content.decode()
    assert "are marked as not the same" in after  # the message of the dismissal
    assert "No possible duplicate to review" in after
    event = AuditEvent.objects.filter(event_type=AuditEventType.RECORD_CHANGED).last()
    assert event.details["action"] == "duplicate_dismissed"
    assert {event.details["first"], event.details["second"]} == {
        str(seeded["hassan"].pk),
        str(seeded["alhasan"].pk),
    }
    # Finding duplicates again keeps the dismissal.
    duplicates.duplicates_find("persons")
    assert PersonDuplicate.objects.get(pk=pair.pk).dismissed_at is not None
    assert not duplicates.duplicate_list(user=port_officer, kind_name="persons").exists()


def test_pairs_outside_the_users_scope_are_not_listed_nor_dismissable(
    client, make_person, unit_tree, make_user, port_officer
):
    make_person("Grace", "Okafor", birth="1990-05-05", unit=unit_tree["border"])
    make_person("Grace", "Okafor", birth="1990-05", unit=unit_tree["border"])
    duplicates.duplicates_find("persons")
    pair = PersonDuplicate.objects.get()
    assert not duplicates.duplicate_list(user=port_officer, kind_name="persons").exists()
    border_officer = make_user(roles={Role.OFFICER}, unit=unit_tree["border"])
    assert duplicates.duplicate_list(user=border_officer, kind_name="persons").count() == 1
    client.login(username=port_officer.username, password=TEST_PASSWORD)
    response = client.post(reverse("matching:duplicates-persons-dismiss", args=[pair.pk]))
    assert response.status_code == 404
    assert PersonDuplicate.objects.get().dismissed_at is None


def test_a_merged_person_leaves_the_review(seeded, port_officer):
    duplicates.duplicates_find("persons")
    alhasan = seeded["alhasan"]
    alhasan.merged_into = seeded["hassan"]
    alhasan.save(update_fields=["merged_into"])
    assert not duplicates.duplicate_list(user=port_officer, kind_name="persons").exists()


def test_refresh_finds_the_pairs_of_a_new_record(seeded, make_person):
    duplicates.duplicates_find("persons")
    newcomer = make_person("Mohamed", "Al Hasan", birth="1984-03-02", nationalities=["SD"])
    assert not PersonDuplicate.objects.filter(second=newcomer).exists() and not (
        PersonDuplicate.objects.filter(first=newcomer).exists()
    )
    duplicates.duplicates_refresh("persons", [newcomer.pk])
    pairs = _pairs(PersonDuplicate)
    assert frozenset((seeded["hassan"].pk, newcomer.pk)) in pairs


def test_companies_with_legal_forms_written_differently_are_paired(
    make_company, make_user, unit_tree, client
):
    a = make_company("Blue Ocean Trading (Pty) Ltd", country="ZA", registration="2011/123456/07")
    b = make_company("BLUE OCEAN TRADING PROPRIETARY LIMITED", country="ZA")
    c = make_company("Blue Ocean Trading LLC", country="CN")
    d = make_company("Blue Ocean Trading Ltd", country="ZA", registration="2019/654321/07")
    call_command("matching_duplicates", "companies", verbosity=0)
    pairs = _pairs(CompanyDuplicate)
    assert frozenset((a.pk, b.pk)) in pairs
    assert frozenset((a.pk, c.pk)) not in pairs  # another country
    assert frozenset((a.pk, d.pk)) not in pairs  # another registration number
    assert frozenset((b.pk, d.pk)) in pairs  # b has no number: it may be either
    officer = make_user(roles={Role.OFFICER}, unit=unit_tree["port"])
    client.login(username=officer.username, password=TEST_PASSWORD)
    html = client.get(reverse("matching:duplicates-companies")).content.decode()
    assert "BLUE OCEAN TRADING PROPRIETARY LIMITED" in html
    pair = CompanyDuplicate.objects.get(pk=pairs[frozenset((a.pk, b.pk))].pk)
    merge = f"{reverse('companies:merge', args=[pair.first_id])}?duplicate={pair.second_id}"
    assert f'href="{merge}"' in html


def test_the_empty_review_says_so(client, port_officer):
    client.login(username=port_officer.username, password=TEST_PASSWORD)
    html = client.get(reverse("matching:duplicates-persons")).content.decode()
    assert "No possible duplicate to review" in html


def test_namesakes_with_other_complete_birth_dates_or_a_shared_nickname_are_not_paired(
    make_person,
):
    a = make_person("Jennifer", "Green", birth="1974-07-24", nationalities=["GB"])
    b = make_person("Jennifer", "Green", birth="1974-02-13", nationalities=["GB"])
    c = make_person("Maria", "Rizzo", birth="1991-04", aliases=["El Gordo"])
    d = make_person("Affoue", "Bah", birth="1991", aliases=["El Gordo"])
    # The same woman recorded twice, once with her birth year only: paired.
    e = make_person("Jennifer", "Green", birth="1974", nationalities=["GB"])
    duplicates.duplicates_find("persons")
    pairs = _pairs(PersonDuplicate)
    assert frozenset((a.pk, b.pk)) not in pairs
    assert frozenset((c.pk, d.pk)) not in pairs
    assert frozenset((a.pk, e.pk)) in pairs and frozenset((b.pk, e.pk)) in pairs


def test_opening_the_review_catches_up_with_records_written_since_the_last_search(
    client, seeded, make_person, port_officer, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from opencen.audit.services import audit_record
    from opencen.matching.models_screening import DuplicateScan

    duplicates.duplicates_find("persons")
    newcomer = make_person("Ivan", "Petrof", birth="1975-01-01", nationalities=["RU"])
    DuplicateScan.objects.update(scanned_at=timezone.now() - timedelta(minutes=5))
    # What the persons services write with every change.
    audit_record(actor=port_officer, event_type=AuditEventType.RECORD_CREATED, target=newcomer)
    client.login(username=port_officer.username, password=TEST_PASSWORD)
    html = client.get(reverse("matching:duplicates-persons")).content.decode()
    assert "Ivan PETROF" in html and "Ivan PETROV" in html
    # Too many changes at once are left to the command, and the page says so.
    monkeypatch.setattr(duplicates, "CATCH_UP_LIMIT", 1)
    DuplicateScan.objects.update(scanned_at=timezone.now() - timedelta(minutes=5))
    for person in (newcomer, seeded["petrov"]):
        audit_record(actor=port_officer, event_type=AuditEventType.RECORD_CHANGED, target=person)
    html = client.get(reverse("matching:duplicates-persons")).content.decode()
    assert "since duplicates were last searched" in html


def test_a_first_visit_searches_a_small_database_at_once(client, seeded, port_officer):
    client.login(username=port_officer.username, password=TEST_PASSWORD)
    html = client.get(reverse("matching:duplicates-persons")).content.decode()
    assert "Muhammad ALHASAN" in html


def test_a_large_database_never_searched_says_how_to_start(
    client, seeded, port_officer, monkeypatch
):
    monkeypatch.setattr(duplicates, "FIRST_SCAN_LIMIT", 2)
    client.login(username=port_officer.username, password=TEST_PASSWORD)
    html = client.get(reverse("matching:duplicates-persons")).content.decode()
    assert "Duplicates have not been searched for yet" in html
