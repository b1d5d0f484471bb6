"""Blocking keys and match profiles of persons and companies.

A query reads the candidates that share a key with it (an indexed lookup per key, capped),
then scores them in Python from their profiles (one query for a few hundred candidates):
matching never scans every row. Both tables are rebuilt for a record on every write of it
(:mod:`opencen.matching.indexing`).
"""

from __future__ import annotations

from django.db import models


class PersonKey(models.Model):
    """One blocking key of a person: ``p:`` pair of name skeletons, ``q:`` pair of their
    beginnings, ``t:`` one name part, ``d:`` an identity document number."""

    id = models.BigAutoField(primary_key=True)
    key = models.CharField(max_length=80)
    # Copied from the person so that a key lookup can prefer the asked birth year in the index.
    birth_year = models.PositiveSmallIntegerField(null=True)
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["key", "birth_year", "person"], name="person_key_idx"),
            models.Index(fields=["person"], name="person_key_person_idx"),
        ]

    def __str__(self) -> str:
        return self.key


class PersonProfile(models.Model):
    """What scoring needs of a person, in one row: every name in normalised parts, birth
    date parts, sex, nationalities and document numbers."""

    person = models.OneToOneField(
        "persons.Person", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    display_name = models.CharField(max_length=300)
    # [[name as written, [parts...]], ...]
    names = models.JSONField(default=list)
    birth_year = models.PositiveSmallIntegerField(null=True)
    birth_month = models.PositiveSmallIntegerField(null=True)
    birth_day = models.PositiveSmallIntegerField(null=True)
    sex = models.CharField(max_length=7, blank=True)
    # Alpha-2 codes.
    nationalities = models.JSONField(default=list)
    # [[type, normalised number, issuing country], ...]
    documents = models.JSONField(default=list)
    # Copied from the person: the selectors' scope rule is applied to the candidates here,
    # where only their primary keys can lead the lookup.
    unit_path = models.CharField(max_length=500, blank=True)
    handling_code = models.CharField(max_length=2, blank=True)

    def __str__(self) -> str:
        return self.display_name


class CompanyKey(models.Model):
    """One blocking key of a company: ``p:`` pair of name words, ``t:`` one word, ``n:`` the
    whole name without its legal form, ``r:`` registration and ``x:`` tax numbers."""

    id = models.BigAutoField(primary_key=True)
    key = models.CharField(max_length=120)
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["key", "company"], name="company_key_idx"),
            models.Index(fields=["company"], name="company_key_company_idx"),
        ]

    def __str__(self) -> str:
        return self.key


class CompanyProfile(models.Model):
    """What scoring needs of a company: its names in normalised words, numbers, country."""

    company = models.OneToOneField(
        "companies.Company", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    display_name = models.CharField(max_length=300)
    # [[name as written, [words...], legal form], ...]
    names = models.JSONField(default=list)
    registration = models.CharField(max_length=64, blank=True)
    tax = models.CharField(max_length=64, blank=True)
    country = models.CharField(max_length=2, blank=True)
    # Copied from the company, as for persons.
    unit_path = models.CharField(max_length=500, blank=True)
    handling_code = models.CharField(max_length=2, blank=True)

    def __str__(self) -> str:
        return self.display_name


from opencen.matching.models_screening import *  # noqa: E402, F403 - screening and duplicates
