"""docs/permissions.md shows exactly the matrix the code enforces."""

from __future__ import annotations

from pathlib import Path

from django.utils import translation

from opencen.accounts.choices import Role
from opencen.accounts.permissions import DESCRIPTIONS, MATRIX, Permission, Scope

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
SCOPE_WORDS = {"all": Scope.ALL, "unit and below": Scope.UNIT_TREE, "own unit": Scope.OWN_UNIT}


def _read_matrix() -> tuple[list[str], dict[str, list[str]]]:
    """The table between the permission-matrix markers: header cells and rows by code."""
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- permission-matrix:start -->")[1].split(
        "<!-- permission-matrix:end -->"
    )[0]
    lines = [line.strip() for line in block.strip().splitlines()]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    header, separator, *body = rows
    assert set("".join(separator)) <= {"-", ":"}
    return header, {row[0].strip("`"): row[1:] for row in body}


def test_doc_lists_every_permission_once_in_code_order():
    _, rows = _read_matrix()
    assert list(rows) == [p.value for p in Permission]


def test_doc_role_columns_are_the_roles():
    header, _ = _read_matrix()
    with translation.override("en"):
        assert header[2:] == [str(role.label) for role in Role]


def test_doc_descriptions_equal_code():
    _, rows = _read_matrix()
    with translation.override("en"):
        assert {code: cells[0] for code, cells in rows.items()} == {
            p.value: str(text) for p, text in DESCRIPTIONS.items()
        }


def test_doc_scopes_equal_matrix():
    _, rows = _read_matrix()
    documented = {}
    for code, cells in rows.items():
        scopes = {}
        for role, word in zip(Role, cells[1:], strict=True):
            if word != "—":
                assert word in SCOPE_WORDS, f"unknown scope {word!r} for {code}"
                scopes[role] = SCOPE_WORDS[word]
        documented[Permission(code)] = scopes
    assert documented == MATRIX
