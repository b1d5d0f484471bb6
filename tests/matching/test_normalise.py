"""Names into comparable forms: scripts, diacritics, honorifics, particles, legal forms."""

from __future__ import annotations

import pytest

from opencen.matching.normalise import (
    company_name_form,
    key_tokens,
    normalise_number,
    person_name_form,
    skeleton,
)


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Mohammed Al-Hassan", ["mohammed", "hassan"]),
        ("محمد الحسن", ["mhmd", "hsn"]),
        ("Мухаммед", ["mukhammed"]),
        ("王伟", ["wang", "wei"]),
        ("Dr. José da Silva", ["jose", "silva"]),
        ("Sheikh Khalid bin Saud", ["khalid", "saud"]),
        ("MÜLLER, Jürgen", ["muller", "jurgen"]),
        ("O'Brien", ["obrien"]),
        ("Ludwig van Beethoven", ["ludwig", "beethoven"]),
        ("DLAMINI Bin", ["dlamini", "bin"]),
    ],
)
def test_person_names_become_latin_parts(text, tokens):
    assert person_name_form(text).tokens == tokens


def test_particles_are_also_kept_joined():
    assert person_name_form("Mohammed Al-Hassan").joined == ["alhassan"]


@pytest.mark.parametrize(
    "spellings",
    [
        ("Mohammed", "Muhammad", "Mohamed", "Mukhammed", "mhmd", "Mouhamad"),
        ("Youssef", "Yusuf", "Yousef", "ywsf"),
        ("Hassan", "Hasan", "hsn"),
        ("Ahmed", "Ahmad", "hmd"),
    ],
)
def test_transliteration_variants_share_a_skeleton(spellings):
    assert len({skeleton(s.lower()) for s in spellings}) == 1


def test_joined_and_split_parts_meet():
    split = {skeleton(t) for t in key_tokens(person_name_form("Abdul Rahman"))}
    joined = {skeleton(t) for t in key_tokens(person_name_form("Abdulrahman"))}
    arabic = {skeleton(t) for t in key_tokens(person_name_form("عبد الرحمن"))}
    assert split & joined & arabic


def test_article_joined_or_apart():
    apart = {skeleton(t) for t in key_tokens(person_name_form("Al-Hassan"))}
    joined = {skeleton(t) for t in key_tokens(person_name_form("Alhasan"))}
    assert "hsn" in apart & joined


@pytest.mark.parametrize(
    "text, tokens, legal_form",
    [
        ("Blue Ocean Trading (Pty) Ltd", ["blue", "ocean", "trading"], "pty ltd"),
        (
            "BLUE OCEAN TRADING PROPRIETARY LIMITED",
            ["blue", "ocean", "trading"],
            "proprietary limited",
        ),
        ("Société Générale S.A.R.L.", ["societe", "generale"], "sarl"),
        ("Alpha S.A.", ["alpha"], "sa"),
        ("Acme GmbH & Co. KG", ["acme"], "gmbh and co kg"),
        ("The Tea Company", ["tea"], "company"),
        ("Al Noor Gen. Trading LLC", ["al", "noor", "general", "trading"], "llc"),
        ("Limited", ["limited"], ""),
    ],
)
def test_company_legal_forms_are_set_apart(text, tokens, legal_form):
    form = company_name_form(text)
    assert form.tokens == tokens
    assert form.legal_form == legal_form


def test_numbers_keep_letters_and_digits():
    assert normalise_number(" p-0123 4567 ") == "P01234567"
    assert normalise_number("2011/123456/07") == "201112345607"
