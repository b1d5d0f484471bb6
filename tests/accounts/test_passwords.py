"""Passwords: Argon2 hashing, ASVS length rules (12 to 128, common passwords refused)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import get_hasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

import opencen.settings as project_settings


def test_the_installation_hashes_passwords_with_argon2():
    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        assert get_hasher("default").algorithm == "argon2"


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short pass", "too short"),
        ("password1234", "too common"),
        ("x" * 129, "too long"),
    ],
)
def test_weak_or_oversized_passwords_are_refused(password, problem):
    with pytest.raises(ValidationError, match=problem):
        validate_password(password)


@pytest.mark.parametrize("password", ["plain words are fine", "a" * 12 + "b", "é" * 128])
def test_long_passphrases_without_composition_rules_are_accepted(password):
    validate_password(password)
