"""``opencen ensure-admin``: make sure the ``admin`` account exists.

The first run creates ``admin`` (Administrator role, staff, superuser, at headquarters when
there is one) with the password in ``OPENCEN_ADMIN_PASSWORD``, or with a random password
printed once in a box. Every later run says that ``admin`` exists and changes nothing, even
when ``OPENCEN_ADMIN_PASSWORD`` has changed: ``opencen changepassword admin`` does that.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from opencen.accounts.models import User
from opencen.accounts.services import admin_ensure

PASSWORD_VARIABLE = "OPENCEN_ADMIN_PASSWORD"  # noqa: S105 (a variable name, not a password)


def boxed(lines: list[str]) -> str:
    """``lines`` in a frame of ``#``, so a password printed once is hard to miss in a log."""
    width = max(len(line) for line in lines)
    border = "#" * (width + 6)
    return "\n".join([border, *(f"#  {line:<{width}}  #" for line in lines), border])


class Command(BaseCommand):
    help = (
        f"Create the `admin` user (Administrator) with ${PASSWORD_VARIABLE}, or a random "
        "password printed once; do nothing when it exists."
    )

    def handle(self, *args, **options):
        if User.objects.filter(username="admin").exists():
            note = ""
            if os.environ.get(PASSWORD_VARIABLE):
                note = (
                    f" ({PASSWORD_VARIABLE} is only used when the account is created; "
                    "`opencen changepassword admin` changes the password)"
                )
            self.stdout.write(f"admin exists: nothing changed{note}.")
            return

        password = os.environ.get(PASSWORD_VARIABLE) or None
        if password is not None:
            try:
                password_validation.validate_password(password, User(username="admin"))
            except ValidationError as error:
                problems = " ".join(error.messages)
                if settings.PRODUCTION:
                    raise CommandError(
                        f"{PASSWORD_VARIABLE} does not meet the password rules: {problems}"
                    ) from None
                self.stderr.write(
                    f"Warning: {PASSWORD_VARIABLE} does not meet the password rules "
                    f"(refused with OPENCEN_ENV=production): {problems}"
                )

        user, generated = admin_ensure(password=password)
        unit = f" in unit {user.unit.code}" if user.unit_id else ""
        if generated is None:
            self.stdout.write(
                f"Created the user admin (Administrator){unit} with the password in "
                f"{PASSWORD_VARIABLE}."
            )
            return
        self.stdout.write(
            boxed(
                [
                    f"Created the user admin (Administrator){unit}.",
                    "",
                    "    username: admin",
                    f"    password: {generated}",
                    "",
                    "This password is shown only this once: write it down now.",
                    f"Set {PASSWORD_VARIABLE} before the first run to choose it;",
                    "`opencen changepassword admin` changes it later.",
                ]
            )
        )
