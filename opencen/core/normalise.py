"""Normalisation of identifiers and phone numbers, shared by persons and companies."""

from __future__ import annotations

import re

import phonenumbers
from django.conf import settings

_NOT_IDENTIFIER = re.compile(r"[^0-9A-Z]")


def identifier_normalise(value: str) -> str:
    """Upper-case letters and digits only: ``"2011/123456/07"`` -> ``"201112345607"``, so that
    a number typed with other separators or spacing finds the same record."""
    return _NOT_IDENTIFIER.sub("", (value or "").upper())


def phone_e164(number: str, *, region: str | None = None) -> str:
    """The number in E.164 (``+27215550100``) when it can be read as a possible number,
    with ``region`` (else the installation's country) for numbers without a country code;
    an empty string when it cannot."""
    region = (region or getattr(settings, "INSTALLATION_COUNTRY", "") or "").upper() or None
    try:
        parsed = phonenumbers.parse(number or "", region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(parsed):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
