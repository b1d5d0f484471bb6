"""Two-factor authentication: enrolment, the second sign-in step, backup codes, enforcement."""

from __future__ import annotations

import re
from binascii import unhexlify

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from opencen.accounts import mfa
from opencen.accounts.middleware import MFA_EXEMPT_PREFIXES
from opencen.accounts.models import LoginThrottle
from opencen.accounts.views_mfa import PENDING_KEY_SESSION_KEY
from opencen.audit.choices import AuditEventType, AuditOutcome
from opencen.audit.models import AuditEvent
from opencen.core.testing.urls import iter_project_urls
from tests.factories import TEST_PASSWORD
from tests.processes import installation_env

MFA_URL = "/accounts/mfa/"
VERIFY_URL = "/accounts/mfa/verify/"


def code_for(key: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or ``steps_ahead`` 30-second steps later)."""
    totp = TOTP(unhexlify(key))
    totp.time = totp.time + 30 * steps_ahead
    return f"{totp.token():06d}"


def events(event_type: AuditEventType, user) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type, target_id=str(user.pk)))


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    """Enrol ``user`` through the service (for tests about what comes after)."""
    key = mfa.totp_secret_new()
    enrolment = mfa.mfa_enrol(user=user, key=key, token=code_for(key))
    return enrolment.device, enrolment.backup_codes


def sign_in(client, user) -> None:
    """The password step, through the login form."""
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302, response.content


@pytest.fixture(autouse=True)
def _no_device_throttle(settings):
    """django-otp slows the next try after a wrong code by seconds; tests retry at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


# --- enrolment ---------------------------------------------------------------------------


def test_enrolment_page_draws_the_qr_code_on_the_server_and_shows_the_secret(client, officer):
    client.force_login(officer)
    response = client.get(MFA_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<path" in html and "<script" not in html.split("<main")[1]
    key = client.session[PENDING_KEY_SESSION_KEY]
    assert mfa.totp_secret_text(key) in html
    assert response["Cache-Control"].startswith("max-age=0")
    # The same secret on reload: a user who scanned it already must not have to start over.
    client.get(MFA_URL)
    assert client.session[PENDING_KEY_SESSION_KEY] == key


def test_enrolment_with_a_real_code_confirms_verifies_and_shows_ten_backup_codes(client, officer):
    client.force_login(officer)
    client.get(MFA_URL)
    key = client.session[PENDING_KEY_SESSION_KEY]

    response = client.post(MFA_URL, {"token": code_for(key)})

    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed and device.key == key
    codes = list(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert len(codes) == 10
    html = response.content.decode()
    assert all(code in html for code in codes)
    assert PENDING_KEY_SESSION_KEY not in client.session
    assert client.session["otp_device_id"] == device.persistent_id
    [event] = events(AuditEventType.MFA_ENROLLED, officer)
    assert event.details == {"method": "totp", "backup_codes": 10}
    # Codes are shown once: the page now shows the status, not the codes.
    status_page = client.get(MFA_URL).content.decode()
    assert not any(code in status_page for code in codes)
    assert "10" in status_page


def test_a_wrong_enrolment_code_is_refused_and_audited(client, officer):
    client.force_login(officer)
    client.get(MFA_URL)
    key = client.session[PENDING_KEY_SESSION_KEY]
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"

    response = client.post(MFA_URL, {"token": wrong})

    assert response.status_code == 200
    assert "not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    [event] = events(AuditEventType.MFA_FAILED, officer)
    assert event.outcome == AuditOutcome.FAILURE
    assert event.details == {"step": "enrolment"}


def test_a_second_app_cannot_be_added_without_a_reset(officer):
    enrol(officer)
    key = mfa.totp_secret_new()
    with pytest.raises(mfa.ValidationError):
        mfa.mfa_enrol(user=officer, key=key, token=code_for(key))
    assert TOTPDevice.objects.filter(user=officer).count() == 1


# --- the second step at sign-in ----------------------------------------------------------


def test_after_the_password_an_enrolled_user_must_verify_before_any_page(client, officer):
    device, _codes = enrol(officer)
    sign_in(client, officer)

    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY_URL}?next=/"
    # The enrolment page is not a way around the second step.
    assert client.get(MFA_URL)["Location"].startswith(VERIFY_URL)

    response = client.post(VERIFY_URL, {"token": code_for(device.key, steps_ahead=1), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    [event] = events(AuditEventType.MFA_VERIFIED, officer)
    assert event.details == {"method": "totp"}


def test_the_code_that_confirmed_enrolment_cannot_sign_in_again(client, officer):
    key = mfa.totp_secret_new()
    token = code_for(key)
    mfa.mfa_enrol(user=officer, key=key, token=token)
    assert not mfa.mfa_verify(user=officer, token=token).ok


def test_verification_gives_a_new_session_key(client, officer):
    device, _codes = enrol(officer)
    sign_in(client, officer)
    before = client.session.session_key
    client.post(VERIFY_URL, {"token": code_for(device.key, steps_ahead=1)})
    assert client.session.session_key != before


def test_next_must_stay_on_this_site(client, officer):
    device, _codes = enrol(officer)
    sign_in(client, officer)
    response = client.post(
        VERIFY_URL, {"token": code_for(device.key, steps_ahead=1), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_a_wrong_code_is_refused_audited_and_counted(client, officer):
    device, _codes = enrol(officer)
    sign_in(client, officer)
    wrong = f"{(int(code_for(device.key)) + 500_000) % 1_000_000:06d}"

    response = client.post(VERIFY_URL, {"token": wrong})

    assert response.status_code == 200
    assert "not right" in response.content.decode()
    assert client.get("/").status_code == 302
    [event] = events(AuditEventType.MFA_FAILED, officer)
    assert event.details == {"step": "sign-in", "method": "totp", "throttled": False}
    assert LoginThrottle.objects.get(username=officer.username).failures == 1


def test_five_wrong_codes_sign_out_and_lock_the_account(client, officer, settings):
    enrol(officer)
    sign_in(client, officer)
    for _attempt in range(settings.LOCKOUT_ATTEMPTS - 1):
        assert client.post(VERIFY_URL, {"token": "000000x"}).status_code == 200

    response = client.post(VERIFY_URL, {"token": "000000x"})

    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.ACCOUNT_LOCKED, actor_username=officer.username
    ).exists()
    # Locked: even the right password is refused now.
    response = client.post(
        reverse("accounts:login"), {"username": officer.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200


def test_signing_in_again_with_the_password_gives_no_fresh_guesses_at_the_code(
    client, officer, settings
):
    enrol(officer)
    sign_in(client, officer)
    for _attempt in range(settings.LOCKOUT_ATTEMPTS - 1):
        client.post(VERIFY_URL, {"token": "000000x"})
    client.post(reverse("accounts:logout"))
    sign_in(client, officer)  # the password is right, but the code guesses still count
    response = client.post(VERIFY_URL, {"token": "000000x"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_right_code_clears_the_count_of_wrong_ones(client, officer, settings):
    device, _codes = enrol(officer)
    sign_in(client, officer)
    for _attempt in range(settings.LOCKOUT_ATTEMPTS - 1):
        client.post(VERIFY_URL, {"token": "000000x"})
    assert (
        client.post(VERIFY_URL, {"token": code_for(device.key, steps_ahead=1)}).status_code == 302
    )
    client.post(reverse("accounts:logout"))
    sign_in(client, officer)
    assert client.post(VERIFY_URL, {"token": "000000x"}).status_code == 200  # not locked


def test_a_backup_code_works_once(client, officer):
    _device, codes = enrol(officer)
    sign_in(client, officer)

    response = client.post(VERIFY_URL, {"token": codes[0].upper()})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    [event] = events(AuditEventType.MFA_VERIFIED, officer)
    assert event.details == {"method": "backup_code", "backup_codes_left": 9}

    client.logout()
    sign_in(client, officer)
    response = client.post(VERIFY_URL, {"token": codes[0]})
    assert response.status_code == 200
    assert client.get("/").status_code == 302
    assert StaticToken.objects.filter(device__user=officer).count() == 9


def test_new_backup_codes_replace_the_old_ones(client, officer):
    device, old_codes = enrol(officer)
    sign_in(client, officer)
    client.post(VERIFY_URL, {"token": code_for(device.key, steps_ahead=1)})

    assert client.get("/accounts/mfa/backup-codes/").status_code == 200
    response = client.post("/accounts/mfa/backup-codes/")

    new_codes = set(
        StaticToken.objects.filter(device__user=officer).values_list("token", flat=True)
    )
    assert len(new_codes) == 10 and not new_codes & set(old_codes)
    assert all(code in response.content.decode() for code in new_codes)
    assert len(events(AuditEventType.BACKUP_CODES_GENERATED, officer)) == 1
    assert not mfa.mfa_verify(user=officer, token=old_codes[1]).ok


def test_own_reset_needs_the_current_password(client, officer):
    device, _codes = enrol(officer)
    sign_in(client, officer)
    client.post(VERIFY_URL, {"token": code_for(device.key, steps_ahead=1)})

    response = client.post("/accounts/mfa/reset/", {"password": "not my password at all"})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=officer).exists()

    response = client.post("/accounts/mfa/reset/", {"password": TEST_PASSWORD})
    assert response["Location"] == MFA_URL
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    [event] = events(AuditEventType.MFA_RESET, officer)
    assert event.details == {"devices": 2, "by_administrator": False}


def test_an_administrator_reset_removes_the_devices_and_ends_the_sessions(
    client, admin_user, officer
):
    enrol(officer)
    officer_client = type(client)()
    sign_in(officer_client, officer)
    client.force_login(admin_user)
    url = reverse("accounts:user-mfa-reset", args=[officer.pk])

    assert client.get(url).status_code == 200  # the confirmation page changes nothing
    assert TOTPDevice.objects.filter(user=officer).exists()
    response = client.post(url)

    assert response["Location"] == reverse("accounts:user-edit", args=[officer.pk])
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    [event] = events(AuditEventType.MFA_RESET, officer)
    assert event.actor_id == admin_user.pk
    assert event.details == {"devices": 2, "by_administrator": True}
    assert officer_client.get("/")["Location"].startswith("/accounts/login/")


def test_only_user_managers_reset_someone_else(client, officer, make_user, unit_tree):
    enrol(officer)
    other = make_user(roles=set(), unit=unit_tree["port"])
    client.force_login(other)
    url = reverse("accounts:user-mfa-reset", args=[officer.pk])
    assert client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=officer).exists()


# --- enforcement -------------------------------------------------------------------------

#: Pages an unverified session may open: the exempt prefixes and the MFA page it is sent to.
PAGE_URLS = [
    url
    for url in iter_project_urls()
    if not url.path.startswith(("/api/", *MFA_EXEMPT_PREFIXES))
    and url.path not in {MFA_URL, VERIFY_URL}
    and url.route != "static/"
]
API_URLS = [url for url in iter_project_urls() if url.path.startswith("/api/")]


def test_the_walk_covers_pages_and_the_api():
    names = {url.name for url in PAGE_URLS}
    assert {"core:home", "accounts:user-list", "accounts:mfa-backup-codes"} <= names
    assert API_URLS


@pytest.mark.parametrize("url", PAGE_URLS, ids=lambda url: url.route or "/")
def test_when_required_a_user_without_mfa_reaches_no_page(client, admin_user, settings, url):
    settings.MFA_REQUIRED = True
    client.force_login(admin_user)  # the widest access there is
    for method in (client.get, client.post):
        response = method(url.path)
        assert response.status_code == 302, (url.path, response.status_code)
        assert response["Location"].split("?")[0] == MFA_URL, response["Location"]


@pytest.mark.parametrize("url", API_URLS, ids=lambda url: url.route)
def test_when_required_the_api_refuses_an_unverified_session(client, admin_user, settings, url):
    settings.MFA_REQUIRED = True
    client.force_login(admin_user)
    response = client.get(url.path)
    assert response.status_code == 403, (url.path, response.status_code)
    assert response.json()["error"] == {
        "status": 403,
        "code": "mfa_required",
        "message": "This session has not passed two-factor authentication.",
    }


def test_an_enrolled_user_is_sent_to_verify_and_the_api_refuses_until_then(client, officer):
    device, _codes = enrol(officer)  # MFA optional (demo): enrolled users still verify
    sign_in(client, officer)
    assert client.get("/reference/")["Location"].startswith(VERIFY_URL)
    assert client.get("/api/v1/accounts/me/").status_code == 403
    client.post(VERIFY_URL, {"token": code_for(device.key, steps_ahead=1)})
    assert client.get("/api/v1/accounts/me/").json()["username"] == officer.username


def test_an_api_token_still_works_from_a_command_line_token(api_client, officer, settings):
    from opencen.accounts.services import api_token_create

    settings.MFA_REQUIRED = True
    token = api_token_create(user=officer, actor=None)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api_client.get("/api/v1/accounts/me/").status_code == 200


def test_when_required_a_verified_user_reaches_the_home_page(client, officer, settings):
    settings.MFA_REQUIRED = True
    sign_in(client, officer)
    assert client.get("/")["Location"] == f"{MFA_URL}?next=/"
    client.get(MFA_URL)
    key = client.session[PENDING_KEY_SESSION_KEY]
    client.post(MFA_URL, {"token": code_for(key)})

    response = client.get("/")
    assert response.status_code == 200
    assert client.get("/api/v1/accounts/me/").status_code == 200


def test_when_optional_a_user_without_mfa_goes_everywhere(client, officer, settings):
    settings.MFA_REQUIRED = False
    client.force_login(officer)
    assert client.get("/").status_code == 200
    assert client.get(VERIFY_URL)["Location"] == MFA_URL


def test_unverified_sessions_still_reach_logout_health_and_language(client, officer, settings):
    settings.MFA_REQUIRED = True
    client.force_login(officer)
    assert client.get("/healthz").status_code == 200
    assert client.post("/i18n/setlang/", {"language": "fr"}).status_code == 302
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_the_secret_is_shown_in_groups_that_decode_to_the_key():
    key = mfa.totp_secret_new()
    text = mfa.totp_secret_text(key)
    assert re.fullmatch(r"([A-Z2-7]{4} )*[A-Z2-7]{1,4}", text)
    from base64 import b32decode

    assert b32decode(text.replace(" ", "")).hex() == key


@pytest.mark.parametrize(("env", "expected"), [("production", "True"), ("demo", "False")])
def test_mfa_is_required_by_default_in_production_only(tmp_path, env, expected):
    import secrets
    import subprocess
    import sys

    environment = installation_env(
        tmp_path,
        OPENCEN_ENV=env,
        OPENCEN_SECRET_KEY=secrets.token_urlsafe(50),
        OPENCEN_ALLOWED_HOSTS="opencen.example",
    )
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.MFA_REQUIRED)"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected
