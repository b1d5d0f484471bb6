"""Five failed sign-ins lock a username for 15 minutes; the answer never tells why."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from opencen.accounts.models import LoginThrottle
from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from tests.factories import TEST_PASSWORD


def _sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, officer):
    for _ in range(5):
        assert _sign_in(client, officer.username, "wrong password").status_code == 200
    refused = _sign_in(client, officer.username, TEST_PASSWORD)
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    wrong = _sign_in(client, officer.username, "wrong password")
    assert refused.context["form"].errors == wrong.context["form"].errors
    locks = AuditEvent.objects.filter(event_type=AuditEventType.ACCOUNT_LOCKED)
    assert [event.actor_username for event in locks] == [officer.username]
    assert AuditEvent.objects.filter(event_type=AuditEventType.LOGIN_FAILED).count() == 7


@pytest.mark.django_db
def test_an_unknown_username_gets_the_same_answer_and_the_same_lock(client, officer):
    unknown = _sign_in(client, "nobody-here", "wrong password")
    known = _sign_in(client, officer.username, "wrong password")
    assert unknown.context["form"].errors == known.context["form"].errors
    for _ in range(4):
        _sign_in(client, "nobody-here", "wrong password")
    assert LoginThrottle.objects.get(username="nobody-here").locked_until is not None


@pytest.mark.django_db
def test_the_lock_ends_after_its_time(client, officer):
    for _ in range(5):
        _sign_in(client, officer.username, "wrong password")
    LoginThrottle.objects.filter(username=officer.username).update(
        locked_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert _sign_in(client, officer.username, TEST_PASSWORD).status_code == 302
    assert not LoginThrottle.objects.filter(username=officer.username).exists()


@pytest.mark.django_db
def test_fewer_failures_than_the_limit_do_not_lock(client, officer):
    for _ in range(4):
        _sign_in(client, officer.username, "wrong password")
    assert _sign_in(client, officer.username, TEST_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_limit_is_a_setting(client, officer, settings):
    settings.LOCKOUT_ATTEMPTS = 2
    _sign_in(client, officer.username, "wrong password")
    _sign_in(client, officer.username, "wrong password")
    assert _sign_in(client, officer.username, TEST_PASSWORD).status_code == 200
