"""Script payloads typed into every text field of the investigation forms, and names shown on
the review pages, come back escaped (the project-wide sweep runs as an administrator, who holds
no investigation right)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from opencen.accounts.choices import Role
from opencen.investigations.models import Investigation
from opencen.persons.models import Person
from opencen.seizures.services import SeizureInput, seizure_create
from tests.core.test_xss_sweep import PAYLOADS, check_page


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_investigation_pages_escape_what_was_typed(client, supervisor, port_officer, payload):
    client.force_login(supervisor)
    form = {
        "kind": "alert",
        "title": payload,
        "summary": payload,
        "priority": "normal",
        "handling_code": "H2",
        "due_on": payload,  # refused, shown back in the form
    }
    check_page("POST new (refused)", client.post(reverse("investigations:create"), form))
    form["due_on"] = ""
    check_page("POST new", client.post(reverse("investigations:create"), form, follow=True))
    investigation = Investigation.objects.get()
    seizure_create(
        actor=supervisor, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )
    pk = investigation.pk
    client.post(
        reverse("investigations:assign", args=[pk]),
        {"supervisor": supervisor.pk, "officers": [port_officer.pk], "version": 1},
    )
    posts = [
        (reverse("investigations:journal-add", args=[pk]), {"kind": "note", "text": payload}),
        (reverse("investigations:journal-add", args=[pk]), {"kind": payload, "text": ""}),
        (reverse("investigations:transition", args=[pk, "activate"]), {"comment": payload}),
        (reverse("investigations:transition", args=[pk, "suspend"]), {"comment": payload}),
        (reverse("investigations:link-add", args=[pk]), {"kind": payload, "record_id": payload}),
        (reverse("investigations:edit", args=[pk]), {"title": payload, "version": payload}),
    ]
    for url, data in posts:
        check_page(f"POST {url}", client.post(url, data, follow=True))
    for url in (
        reverse("investigations:detail", args=[pk]),
        reverse("investigations:edit", args=[pk]),
        reverse("investigations:assign", args=[pk]),
        reverse("investigations:list"),
        reverse("investigations:mine"),
        reverse("investigations:list") + f"?q={payload}&kind={payload}&status={payload}",
        reverse("investigations:link-search", args=[pk]) + f"?kind=seizure&record={payload}",
        reverse("investigations:link-search", args=[pk]) + f"?kind=person&record={payload}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(f"GET {url}", response)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_review_pages_escape_names_and_justifications(client, make_user, unit_tree, payload):
    supervisor = make_user(roles={Role.SUPERVISOR}, unit=unit_tree["port"])
    person = Person.objects.create(
        unit=unit_tree["port"],
        unit_path=unit_tree["port"].path,
        given_names=payload,
        family_name=payload,
        review_due=timezone.localdate() - datetime.timedelta(days=2),
    )
    client.force_login(supervisor)
    check_page("GET review", client.get(reverse("persons:review")))
    erase = reverse("persons:review-erase", args=[person.pk])
    check_page("GET erase", client.get(erase))
    check_page("POST erase (refused)", client.post(erase, {"reason": payload}))
    retain = reverse("persons:review-retain", args=[person.pk])
    check_page("POST retain (refused)", client.post(retain, {"justification": "x"}, follow=True))
    check_page("POST retain", client.post(retain, {"justification": payload * 2}, follow=True))
