"""Authentication backend that refuses locked-out usernames before checking the password."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from opencen.accounts.lockout import login_is_locked


class LockoutModelBackend(ModelBackend):
    """Django's model backend, behind the lockout.

    Raising PermissionDenied stops authentication and sends ``user_login_failed``: the
    sign-in form shows the same message as for a wrong password.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self.user_model_field_name(), "")
        if login_is_locked(username=username or ""):
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)

    @staticmethod
    def user_model_field_name() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
