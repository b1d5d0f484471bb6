"""Password rules beyond Django's own (ASVS: long passphrases allowed, no composition rules)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_PASSWORD_LENGTH = 128


class MaximumLengthValidator:
    """Refuse passwords longer than 128 characters (so hashing stays cheap)."""

    def validate(self, password: str, user=None) -> None:
        if len(password) > MAX_PASSWORD_LENGTH:
            raise ValidationError(
                _("This password is too long: at most %(max)d characters.")
                % {"max": MAX_PASSWORD_LENGTH},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("Your password can be up to %(max)d characters long.") % {
            "max": MAX_PASSWORD_LENGTH
        }
