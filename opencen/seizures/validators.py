"""Check digits and formats of conveyance identifiers, with messages an officer understands."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_ISO6346_LETTER_VALUES = {
    letter: value
    for letter, value in zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34,
         35, 36, 37, 38],  # multiples of 11 are skipped
        strict=True,
    )
}  # fmt: skip
_CONTAINER = re.compile(r"^[A-Z]{3}[UJZR]\d{7}$")
_FLIGHT = re.compile(r"^([A-Z0-9]{2}|[A-Z]{3})(\d{1,4})[A-Z]?$")


def normalise_identifier(value: str) -> str:
    """Upper case, without spaces, dashes, dots or slashes (how officers copy them)."""
    return re.sub(r"[\s\-./]", "", value or "").upper()


def iso6346_check_digit(owner_serial: str) -> int:
    """The check digit of the first 10 characters of a container number."""
    total = 0
    for position, char in enumerate(owner_serial):
        value = _ISO6346_LETTER_VALUES[char] if char.isalpha() else int(char)
        total += value * (2**position)
    return total % 11 % 10


def validate_container_number(value: str) -> str:
    """ISO 6346: owner code (3 letters), category (U, J, Z or R), 6 digits, check digit."""
    number = normalise_identifier(value)
    if not _CONTAINER.match(number):
        raise ValidationError(
            _(
                "A container number is 4 letters (the 4th U, J, Z or R) and 7 digits, "
                "like CSQU3054383."
            ),
            code="container_format",
        )
    expected = iso6346_check_digit(number[:10])
    if int(number[10]) != expected:
        raise ValidationError(
            _("Check digit of container %(number)s is wrong: expected %(digit)s.")
            % {"number": number, "digit": expected},
            code="container_check_digit",
        )
    return number


def validate_imo_number(value: str) -> str:
    """IMO ship number: 7 digits; the last is the sum of the first six times 7..2, mod 10."""
    number = normalise_identifier(value).removeprefix("IMO")
    if not re.fullmatch(r"\d{7}", number):
        raise ValidationError(_("An IMO number is 7 digits, like 9074729."), code="imo_format")
    expected = sum(int(d) * w for d, w in zip(number[:6], range(7, 1, -1), strict=True)) % 10
    if int(number[6]) != expected:
        raise ValidationError(
            _("Check digit of IMO number %(number)s is wrong: expected %(digit)s.")
            % {"number": number, "digit": expected},
            code="imo_check_digit",
        )
    return number


def validate_air_waybill(value: str) -> str:
    """Air waybill: 3-digit airline prefix and 8-digit serial whose last digit is the first
    seven modulo 7."""
    number = normalise_identifier(value)
    if not re.fullmatch(r"\d{11}", number):
        raise ValidationError(
            _("An air waybill number is 11 digits (airline prefix and serial), like 020-12345675."),
            code="awb_format",
        )
    serial = number[3:]
    expected = int(serial[:7]) % 7
    if int(serial[7]) != expected:
        raise ValidationError(
            _("Check digit of air waybill %(number)s is wrong: expected %(digit)s.")
            % {"number": number, "digit": expected},
            code="awb_check_digit",
        )
    return number


def validate_flight_number(value: str) -> str:
    """IATA (2 characters) or ICAO (3 letters) airline designator and 1 to 4 digits."""
    number = normalise_identifier(value)
    if not _FLIGHT.match(number) or number[:2].isdigit():
        raise ValidationError(
            _("A flight number is the airline code and 1 to 4 digits, like KL1234 or KLM1234."),
            code="flight_format",
        )
    return number
