"""Sign-in outcomes feed the lockout count."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from opencen.accounts.lockout import login_failure_record, login_success_record


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs) -> None:
    login_failure_record(username=str(credentials.get("username", "")))


@receiver(user_logged_in)
def clear_failed_logins(sender, request, user, **kwargs) -> None:
    # With a second factor, the count is cleared only once the code is right (mfa_verify):
    # otherwise the password alone would give fresh guesses at the code at every sign-in.
    from opencen.accounts.mfa import mfa_user_has_device

    if not mfa_user_has_device(user=user):
        login_success_record(username=user.get_username())
