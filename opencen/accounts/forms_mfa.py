"""Forms of the two-factor pages. They check input; ``opencen.accounts.mfa`` does the rest."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opencen.core.forms import BootstrapFormMixin

_CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "autocapitalize": "off",
    "spellcheck": "false",
    "autofocus": True,
}


class TotpConfirmForm(BootstrapFormMixin, forms.Form):
    """The first code from the app, proving the secret reached it."""

    token = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("The six digits your authenticator app shows now."),
        widget=forms.TextInput(attrs={**_CODE_ATTRS, "inputmode": "numeric"}),
    )


class TokenForm(BootstrapFormMixin, forms.Form):
    """The second step of sign-in: a code from the app or a backup code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The six digits your authenticator app shows, or one of your backup codes "
            "(each works once)."
        ),
        widget=forms.TextInput(attrs=_CODE_ATTRS),
    )


class PasswordConfirmForm(BootstrapFormMixin, forms.Form):
    """Asks for the current password before a change to one's own second factor."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
