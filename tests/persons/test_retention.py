"""Data protection: the review queue, keeping a person with a justification, erasure (page and
`opencen retention apply`), what a tombstone keeps, and audit events without names."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from opencen.accounts.choices import Role
from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.audit.services import audit_chain_verify
from opencen.persons.choices import DataSubjectCategory, InvolvementRole
from opencen.persons.models import (
    IdentityDocument,
    Person,
    PersonAlias,
    PersonVersion,
    SeizurePerson,
)
from opencen.persons.retention import (
    is_erased,
    person_erase,
    person_retain,
    retention_apply,
    review_queue,
)
from opencen.persons.selectors import person_list
from opencen.persons.services import (
    AliasInput,
    DocumentInput,
    PersonInput,
    person_create,
    person_merge,
    seizure_person_add,
)
from opencen.seizures.models import Seizure
from opencen.seizures.services import SeizureInput, seizure_create

NAMES = ("Mohammed", "Al-Hassan", "Abu Ali", "P01234567")


@pytest.fixture
def supervisor(make_user, unit_tree):
    return make_user(roles={Role.SUPERVISOR}, unit=unit_tree["port"], username="dp-sup")


@pytest.fixture
def port_officer(make_user, unit_tree):
    return make_user(roles={Role.OFFICER}, unit=unit_tree["port"], username="dp-officer")


@pytest.fixture
def make_person(port_officer):
    def _make(*, due_in_days: int, given="Mohammed", family="Al-Hassan", category="suspect"):
        person = person_create(
            actor=port_officer,
            data=PersonInput(
                given_names=given,
                family_name=family,
                birth_date="1984-03-02",
                category=category,
                aliases=[AliasInput(name="Abu Ali", type="nickname")],
                documents=[DocumentInput(type="passport", number="P01234567")],
                phones=["+27 82 123 4567"],
                emails=["m.alhassan@example.org"],
            ),
        )
        due = timezone.localdate() + datetime.timedelta(days=due_in_days)
        Person.objects.filter(pk=person.pk).update(review_due=due)
        person.refresh_from_db()
        return person

    return _make


@pytest.fixture
def seizure(port_officer):
    return seizure_create(
        actor=port_officer, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )


def _erasure_events():
    return AuditEvent.objects.filter(event_type=AuditEventType.RECORD_ERASED)


def _no_name_in(event: AuditEvent) -> None:
    text = f"{event.target_label} {event.details} {event.purpose}"
    for name in NAMES:
        assert name not in text


def test_queue_lists_overdue_and_soon_due_oldest_first(
    make_person, supervisor, unit_tree, make_user
):
    late = make_person(due_in_days=-40, family="Late")
    soon = make_person(due_in_days=20, family="Soon")
    make_person(due_in_days=90, family="Later")
    assert list(review_queue(user=supervisor)) == [late, soon]
    elsewhere = make_user(roles={Role.SUPERVISOR}, unit=unit_tree["border"])
    assert list(review_queue(user=elsewhere)) == []


def test_past_review_is_erased_by_the_command_and_the_seizure_remains(
    make_person, seizure, port_officer
):
    person = make_person(due_in_days=-1)
    seizure_person_add(actor=port_officer, seizure=seizure, person=person, role="courier")
    out = io.StringIO()
    call_command("retention", "apply", stdout=out)
    assert "Erased 1 person(s)" in out.getvalue()
    person.refresh_from_db()
    assert is_erased(person)
    assert (person.given_names, person.family_name, person.birth_year) == ("", "", None)
    assert person.category == DataSubjectCategory.SUSPECT  # the tombstone keeps the category
    assert not PersonAlias.objects.filter(person=person).exists()
    assert not IdentityDocument.objects.filter(person=person).exists()
    assert not person.phones.exists() and not person.emails.exists()
    assert not PersonVersion.objects.filter(person=person).exists()
    assert not person.nationalities.exists()
    # The seizure is whole and still counts one courier.
    assert Seizure.objects.filter(pk=seizure.pk).exists()
    assert SeizurePerson.objects.filter(seizure=seizure, role=InvolvementRole.COURIER).count() == 1
    event = _erasure_events().get()
    assert event.actor is None and event.actor_username == "retention"
    assert event.details["category"] == "suspect" and event.details["unit"] == "PORT"
    assert event.target_id == str(person.pk)
    _no_name_in(event)
    assert audit_chain_verify()[1] is None
    # The tombstone is no longer a person anyone can list, open or match.
    assert not person_list(user=port_officer).filter(pk=person.pk).exists()


def test_a_retained_person_is_not_erased(make_person, supervisor):
    person = make_person(due_in_days=-5)
    person_retain(actor=supervisor, person=person, justification="Open case PORT-INV-2026-0001")
    person.refresh_from_db()
    assert person.review_due > timezone.localdate()
    call_command("retention", "apply", stdout=io.StringIO())
    person.refresh_from_db()
    assert person.family_name == "Al-Hassan"
    event = AuditEvent.objects.filter(details__retention="retained").get()
    assert event.details["justification"] == "Open case PORT-INV-2026-0001"
    _no_name_in(event)


def test_retaining_needs_a_justification(make_person, supervisor):
    person = make_person(due_in_days=-5)
    with pytest.raises(Exception) as error:
        person_retain(actor=supervisor, person=person, justification="ok")
    assert "justification" in error.value.message_dict


def test_dry_run_counts_and_changes_nothing_and_a_second_run_finds_nothing(make_person):
    make_person(due_in_days=-3)
    make_person(due_in_days=-2, category="witness", family="Witness")
    out = io.StringIO()
    call_command("retention", "apply", "--dry-run", stdout=out)
    assert "2 person(s) past retention" in out.getvalue()
    assert "suspect 1" in out.getvalue() and "witness 1" in out.getvalue()
    assert not _erasure_events().exists()
    assert retention_apply(batch_size=1).erased == 2
    assert retention_apply().erased == 0  # idempotent
    assert _erasure_events().count() == 2


def test_grace_period_delays_erasure(make_person, settings):
    settings.RETENTION_GRACE_DAYS = 10
    person = make_person(due_in_days=-3)
    assert retention_apply().erased == 0
    settings.RETENTION_GRACE_DAYS = 0
    assert retention_apply().erased == 1
    person.refresh_from_db()
    assert is_erased(person)


def test_erasure_takes_records_merged_into_the_person(make_person, port_officer):
    survivor = make_person(due_in_days=-1)
    duplicate = make_person(due_in_days=200, given="Muhammad", family="Alhasan")
    person_merge(actor=port_officer, survivor=survivor, duplicate=duplicate)
    person_erase(actor=None, person=survivor, reason="test", source="retention", check=False)
    duplicate.refresh_from_db()
    assert duplicate.given_names == "" and duplicate.family_name == ""
    _no_name_in(_erasure_events().get())


def test_supervisor_erases_from_the_review_page(
    client, make_person, supervisor, seizure, port_officer
):
    person = make_person(due_in_days=-1)
    seizure_person_add(actor=port_officer, seizure=seizure, person=person, role="organiser")
    client.force_login(supervisor)
    queue = client.get(reverse("persons:review")).content.decode()
    assert "Al-Hassan".upper() in queue.upper()
    url = reverse("persons:review-erase", args=[person.pk])
    page = client.get(url).content.decode()
    assert seizure.reference in page
    # Without the confirmation nothing happens.
    assert client.post(url, {"reason": "No longer needed"}).status_code == 400
    assert not _erasure_events().exists()
    response = client.post(url, {"reason": "No longer needed", "confirm": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert is_erased(person)
    event = _erasure_events().get()
    assert event.actor == supervisor and event.details["reason"] == "No longer needed"
    _no_name_in(event)
    # Gone from the queue; the seizure keeps its organiser.
    assert person.pk not in {p.pk for p in review_queue(user=supervisor)}
    assert SeizurePerson.objects.filter(seizure=seizure, role="organiser").exists()


def test_keep_from_the_review_page(client, make_person, supervisor):
    person = make_person(due_in_days=-1)
    client.force_login(supervisor)
    url = reverse("persons:review-retain", args=[person.pk])
    response = client.post(url, {"justification": "Court order 2026/114"}, follow=True)
    assert "is kept; next review on" in response.content.decode()
    person.refresh_from_db()
    assert person.review_due > timezone.localdate()


def test_officers_have_no_review_page(client, port_officer):
    client.force_login(port_officer)
    assert client.get(reverse("persons:review")).status_code == 403


def test_erasure_deletes_the_face_photo_and_its_files(
    make_person, port_officer, settings, tmp_path, django_capture_on_commit_callbacks
):
    from PIL import Image

    from opencen.attachments.models import Attachment
    from opencen.attachments.services import attachments_add
    from opencen.persons.services import person_photo_set

    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (90, 60, 40)).save(buffer, "JPEG")
    upload = SimpleUploadedFile("face.jpg", buffer.getvalue(), content_type="image/jpeg")
    person = make_person(due_in_days=-1)
    photo = attachments_add(actor=port_officer, owner=person, files=[upload]).added[0]
    person_photo_set(actor=port_officer, person=person, attachment=photo)
    stored = [tmp_path / f.name for f in (photo.original, photo.thumbnail, photo.display) if f]
    assert stored and all(path.exists() for path in stored)
    with django_capture_on_commit_callbacks(execute=True):
        retention_apply()
    assert not Attachment.objects.filter(pk=photo.pk).exists()
    assert not any(path.exists() for path in stored)
    assert _erasure_events().get().details["removed"]["attachments"] == 1
