"""Check digits of conveyance identifiers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from opencen.seizures.validators import (
    validate_air_waybill,
    validate_container_number,
    validate_flight_number,
    validate_imo_number,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("CSQU3054383", "CSQU3054383"),
        ("msku 907032-3", "MSKU9070323"),
    ],
)
def test_valid_container_numbers_are_normalised(typed, stored):
    assert validate_container_number(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"), [("CSQU3054384", "expected 3"), ("CSQ3054383", "4 letters")]
)
def test_invalid_container_numbers_say_what_is_wrong(typed, message):
    with pytest.raises(ValidationError, match=message):
        validate_container_number(typed)


def test_imo_numbers():
    assert validate_imo_number("IMO 9074729") == "9074729"
    with pytest.raises(ValidationError, match="expected 9"):
        validate_imo_number("9074728")


def test_air_waybills_use_modulo_7():
    assert validate_air_waybill("020-12345675") == "02012345675"
    with pytest.raises(ValidationError, match="expected 5"):
        validate_air_waybill("020-12345674")
    with pytest.raises(ValidationError, match="11 digits"):
        validate_air_waybill("020-1234")


@pytest.mark.parametrize("typed", ["KL1234", "kl 605", "KLM1234", "U21234", "BA9A"])
def test_flight_numbers(typed):
    validate_flight_number(typed)


@pytest.mark.parametrize("typed", ["1234", "KL12345", "12KL", "K"])
def test_bad_flight_numbers(typed):
    with pytest.raises(ValidationError, match="airline code"):
        validate_flight_number(typed)
