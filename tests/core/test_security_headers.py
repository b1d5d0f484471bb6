"""HTTP hardening: security headers on every answer, session idle and absolute timeouts."""

from __future__ import annotations

import time

import pytest
from django.test import override_settings

from opencen.core.middleware import SessionIdleTimeoutMiddleware
from tests.factories import TEST_PASSWORD


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/api/v1/reference/"])
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_no_page_uses_inline_script(client, officer):
    client.force_login(officer)
    for path in ["/", "/accounts/login/", "/accounts/password/"]:
        html = client.get(path).content.decode()
        assert "<script>" not in html
        assert " onclick=" not in html
        for tag in html.split("<script")[1:]:
            assert "src=" in tag.split(">")[0], f"inline script on {path}"


def _login(client, user):
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_session_idle_too_long_ends(client, officer):
    _login(client, officer)
    assert client.get("/").status_code == 200
    session = client.session
    session[SessionIdleTimeoutMiddleware.KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/").status_code == 302  # the session is gone, not just refused once


@pytest.mark.django_db
def test_activity_keeps_a_session_alive_within_the_idle_limit(client, officer):
    _login(client, officer)
    session = client.session
    session[SessionIdleTimeoutMiddleware.KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_AGE=3600)
def test_the_session_end_is_fixed_at_login(client, officer):
    _login(client, officer)
    expiry_after_login = client.session.get_expiry_date()
    time.sleep(1.1)
    client.get("/")
    assert client.session.get_expiry_date() == expiry_after_login
    assert 3590 < client.session.get_expiry_age() <= 3600
