"""The audit log pages: access, filters, keyset pages, detail, chain check, export, queries."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opencen.accounts.choices import Role
from opencen.audit import selectors
from opencen.audit.choices import AuditEventType, AuditOutcome
from opencen.audit.models import AuditEvent
from opencen.audit.services import audit_record


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _event(actor=None, **kwargs) -> AuditEvent:
    kwargs.setdefault("event_type", AuditEventType.RECORD_VIEWED)
    return audit_record(actor=actor, **kwargs)


def _viewed_events() -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(event_type=AuditEventType.AUDIT_LOG_VIEWED).order_by("id")
    )


# --- access ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, db):
    for url in [reverse("audit:list"), reverse("audit:export"), reverse("audit:detail", args=[1])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_other_roles_are_refused(client, make_user, unit_tree, role):
    event = _event(target_label="Seizure 1")
    client.force_login(make_user(roles={role}, unit=unit_tree["hq"]))
    assert client.get(reverse("audit:list")).status_code == 403
    assert client.get(reverse("audit:detail", args=[event.pk])).status_code == 403
    assert client.get(reverse("audit:export")).status_code == 403
    assert client.post(reverse("audit:verify")).status_code == 403
    assert _viewed_events() == []


def test_verify_refuses_get(admin_client):
    assert admin_client.get(reverse("audit:verify")).status_code == 405


def test_administration_links_to_the_log(admin_client, client, make_user, unit_tree):
    assert reverse("audit:list") in admin_client.get(reverse("accounts:admin-index")).text


# --- the list ----------------------------------------------------------------------------


def test_list_shows_events_newest_first_and_records_the_read(admin_client, admin_user, officer):
    _event(officer, target_label="Person Alpha", purpose="Case 2024/17")
    _event(officer, target_label="Person Beta", outcome=AuditOutcome.DENIED)
    response = admin_client.get(reverse("audit:list"))
    assert response.status_code == 200
    text = response.text
    assert text.index("Person Beta") < text.index("Person Alpha")
    assert "Case 2024/17" in text
    assert "officer-test" in text
    viewed = _viewed_events()
    assert len(viewed) == 1
    assert viewed[0].actor == admin_user
    shown = len(response.context["events"])
    assert viewed[0].details == {"filters": {}, "before": None, "after": None, "shown": shown}


def test_filters_select_events_and_are_recorded(admin_client, officer, admin_user):
    _event(officer, event_type=AuditEventType.SEARCH, target_label="Persons", purpose="Op Sand")
    _event(officer, event_type=AuditEventType.EXPORT, target_label="Seizures", purpose="Op Sand")
    _event(admin_user, event_type=AuditEventType.SEARCH, target_label="Companies")
    _event(
        None,
        event_type=AuditEventType.LOGIN_FAILED,
        actor_username="intruder",
        outcome=AuditOutcome.FAILURE,
    )
    _event(officer, target_type="accounts.user", target_id="42", target_label="Someone")

    def shown(**query) -> set[str]:
        listing = admin_client.get(reverse("audit:list"), query)
        assert listing.status_code == 200
        return {event.target_label or event.actor_username for event in listing.context["events"]}

    assert shown(actor="officer-test") == {"Persons", "Seizures", "Someone"}
    assert shown(event_type=AuditEventType.SEARCH) == {"Persons", "Companies"}
    assert shown(outcome="failure") == {"intruder"}
    assert shown(target_type="accounts.user", target_id="42") == {"Someone"}
    assert shown(target_id="42") == {"Someone"}
    assert shown(q="op sand") == {"Persons", "Seizures"}
    assert shown(q="seiz", actor="officer-test") == {"Seizures"}
    today = timezone.localdate()
    assert "Persons" in shown(date_from=today.isoformat(), date_to=today.isoformat())
    tomorrow = today + datetime.timedelta(days=1)
    assert shown(date_from=tomorrow.isoformat()) == set()
    yesterday = today - datetime.timedelta(days=1)
    assert shown(date_to=yesterday.isoformat()) == set()
    last = _viewed_events()[-1]
    assert last.details["filters"] == {"date_to": yesterday.isoformat()}


def test_dates_are_days_of_the_installation_time_zone(admin_client, settings, officer):
    settings.TIME_ZONE = "Asia/Tokyo"  # UTC+9: 20:00 UTC on 1 May is 2 May in Tokyo
    event = _event(officer, target_label="Late event")
    AuditEvent.objects.filter(pk=event.pk)  # (the row cannot be updated: filter by its time)
    day = timezone.localtime(event.occurred_at).date()
    listing = admin_client.get(reverse("audit:list"), {"date_from": day, "date_to": day})
    assert "Late event" in listing.text
    assert "Asia/Tokyo" in listing.text


def test_event_type_select_is_grouped(admin_client):
    text = admin_client.get(reverse("audit:list")).text
    assert '<optgroup label="Sessions">' in text
    assert '<optgroup label="Consultation">' in text


def test_invalid_filters_are_ignored_with_a_warning(admin_client, officer):
    _event(officer, target_label="Kept")
    response = admin_client.get(
        reverse("audit:list"), {"date_from": "not-a-date", "event_type": "999", "before": "x"}
    )
    assert response.status_code == 200
    assert "Some filters are not valid" in response.text
    assert "Kept" in response.text
    assert _viewed_events()[-1].details["filters"] == {}


def test_htmx_gets_the_results_only(admin_client, officer):
    _event(officer, target_label="Partial")
    response = admin_client.get(reverse("audit:list"), headers={"HX-Request": "true"})
    assert "Partial" in response.text
    assert "<html" not in response.text
    assert len(_viewed_events()) == 1


def test_empty_state(admin_client):
    response = admin_client.get(reverse("audit:list"), {"actor": "nobody"})
    assert "No event matches these filters." in response.text


# --- keyset pages and counts -------------------------------------------------------------


def test_pages_are_cut_by_event_number(admin_client, officer, monkeypatch):
    monkeypatch.setattr("opencen.audit.views.EVENTS_PER_PAGE", 3)
    ids = [_event(officer, target_label=f"E{n}").pk for n in range(7)]
    first = admin_client.get(reverse("audit:list"), {"actor": "officer-test"})
    assert [e.pk for e in first.context["events"]] == ids[::-1][:3]
    page = first.context["page"]
    assert page.newer_after is None and page.older_before == ids[4]
    assert f"before={ids[4]}" in first.text
    second = admin_client.get(
        reverse("audit:list"), {"actor": "officer-test", "before": page.older_before}
    )
    assert [e.pk for e in second.context["events"]] == ids[::-1][3:6]
    third = admin_client.get(
        reverse("audit:list"),
        {"actor": "officer-test", "before": second.context["page"].older_before},
    )
    assert [e.pk for e in third.context["events"]] == [ids[0]]
    assert third.context["page"].older_before is None
    back = admin_client.get(
        reverse("audit:list"),
        {"actor": "officer-test", "after": third.context["page"].newer_after},
    )
    assert [e.pk for e in back.context["events"]] == ids[::-1][3:6]


def test_count_is_capped(officer, admin_user):
    for n in range(4):
        _event(officer, target_label=f"E{n}")
    events = selectors.audit_event_list(user=admin_user)
    assert selectors.audit_event_count(events, limit=10) == 4
    assert selectors.audit_event_count(events, limit=2) == 3  # "more than 2"


def test_the_list_costs_the_same_queries_for_few_and_many_events(
    admin_client, make_user, unit_tree
):
    def queries_for(number: int) -> int:
        for n in range(number):
            _event(make_user(unit=unit_tree["port"]), target_label=f"E{n}")
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(reverse("audit:list")).status_code == 200
        return len(captured)

    few = queries_for(2)
    many = queries_for(40)
    print(f"audit list: {few} queries with 2 events, {many} with 40")
    assert few == many
    # session, user, count, page, the read's own audit event (last event, insert; on
    # PostgreSQL also the chain lock)...
    assert many <= 13


# --- one event, the chain, the export -----------------------------------------------------


def test_detail_shows_details_escaped_and_hashes(admin_client, officer):
    event = _event(
        officer,
        target_label="<b>label</b>",
        details={"changes": {"name": ["<script>alert(1)</script>", "Bob"]}},
    )
    response = admin_client.get(reverse("audit:detail", args=[event.pk]))
    assert response.status_code == 200
    text = response.text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<b>label</b>" not in text
    assert event.hash in text and event.previous_hash in text
    assert '"changes": {' in text.replace("&quot;", '"')
    viewed = _viewed_events()[-1]
    assert (viewed.target_type, viewed.target_id) == ("audit.auditevent", str(event.pk))


def test_detail_of_a_missing_event_is_404(admin_client):
    assert admin_client.get(reverse("audit:detail", args=[999999])).status_code == 404


def test_verify_reports_a_whole_chain_and_is_recorded(admin_client, officer):
    for n in range(3):
        _event(officer, target_label=f"E{n}")
    existing = AuditEvent.objects.count()
    response = admin_client.post(reverse("audit:verify"))
    assert response.status_code == 200
    assert "The chain is whole" in response.text
    assert response.context["checked"] == existing
    viewed = _viewed_events()[-1]
    assert viewed.details["action"] == "verify"
    assert viewed.outcome == AuditOutcome.SUCCESS


def test_verify_reports_the_first_break(admin_client, officer, monkeypatch):
    from opencen.audit.services import ChainBreak

    monkeypatch.setattr(
        "opencen.audit.views.audit_chain_verify",
        lambda: (4, ChainBreak(5, "its content does not match its hash")),
    )
    response = admin_client.post(reverse("audit:verify"))
    assert "The chain is broken" in response.text
    assert "event #5" in response.text
    assert _viewed_events()[-1].outcome == AuditOutcome.FAILURE


def test_export_streams_the_filtered_events_as_csv_and_is_recorded(admin_client, officer):
    _event(officer, event_type=AuditEventType.SEARCH, target_label="=HYPERLINK(evil)")
    _event(officer, event_type=AuditEventType.EXPORT, target_label="Other")
    response = admin_client.get(reverse("audit:export"), {"event_type": AuditEventType.SEARCH})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["target"] for row in rows] == ["'=HYPERLINK(evil)"]
    assert rows[0]["actor"] == "officer-test"
    exported = AuditEvent.objects.filter(event_type=AuditEventType.EXPORT).order_by("-id").first()
    assert exported.details == {"filters": {"event_type": "301"}, "format": "csv"}
