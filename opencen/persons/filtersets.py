"""One filterset for the person list page and the API list."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencen.persons.choices import DataSubjectCategory, Sex
from opencen.persons.models import IdentityDocument, Person, PersonAlias, SeizurePerson
from opencen.persons.services import document_number_normalise

#: Longest name text searched (longer input is cut, never an error).
MAX_NAME_LENGTH = 200


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _name_key_q(word: str) -> Q | None:
    """The persons with a name part that sounds as if it began with ``word``: a range of
    their blocking keys (``t:`` + phonetic skeleton, :mod:`opencen.matching.indexing`),
    read through the key index instead of every person's names. None when ``word`` gives no
    usable skeleton (a particle, digits, a single sound): the names are then searched alone."""
    from opencen.matching.models import PersonKey
    from opencen.matching.normalise import HONORIFICS, PARTICLES, skeleton, tokens_of

    tokens = [t for t in tokens_of(word) if t.isalpha() and t not in PARTICLES | HONORIFICS]
    if not tokens:
        return None
    sound = skeleton(max(tokens, key=len))
    if len(sound) < 2:
        return None
    start = f"t:{sound}"
    keys = PersonKey.objects.filter(key__gte=start, key__lt=start + "\uffff")
    return Q(pk__in=keys.values("person_id"))


def name_q(text: str) -> Q:
    """Each word of ``text`` in one of the person's names or aliases (case-insensitive), as
    the beginning of a name part: "hass" finds Hassan and Al-Hassan. The candidates come
    from the matching keys first, so a million persons are not read name by name."""
    condition = Q()
    for word in text[:MAX_NAME_LENGTH].split()[:6]:
        aliases = PersonAlias.objects.filter(person=OuterRef("pk"), name__icontains=word)
        contains = (
            Q(family_name__icontains=word)
            | Q(given_names__icontains=word)
            | Q(name_latin__icontains=word)
            | Q(name_original__icontains=word)
            | Q(Exists(aliases))
        )
        by_key = _name_key_q(word)
        condition &= contains if by_key is None else by_key & contains
    return condition


class PersonFilterSet(django_filters.FilterSet):
    """Filters by name, codes and periods (``?name=hassan&nationality=SD&category=suspect``)."""

    name = django_filters.CharFilter(method="filter_name", label=_("Name"))
    nationality = django_filters.CharFilter(method="filter_nationality", label=_("Nationality"))
    document_number = django_filters.CharFilter(
        method="filter_document_number", label=_("Document number")
    )
    category = django_filters.ChoiceFilter(choices=DataSubjectCategory.choices, label=_("Category"))
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("Sex"))
    country = django_filters.CharFilter(
        method="filter_country", label=_("Country (birth or nationality)")
    )
    commodity_type = django_filters.CharFilter(
        method="filter_commodity_type", label=_("Linked commodity")
    )
    created_after = django_filters.DateFilter(
        method="filter_created_after", label=_("Recorded from")
    )
    created_before = django_filters.DateFilter(
        method="filter_created_before", label=_("Recorded to")
    )
    seized_after = django_filters.DateFilter(method="filter_seized_after", label=_("Seizures from"))
    seized_before = django_filters.DateFilter(method="filter_seized_before", label=_("Seizures to"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("family_name", "family_name"),
            ("birth_year", "birth_year"),
            ("created_at", "created_at"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def is_filtered(self) -> bool:
        data = self.data or {}
        return any(name != "ordering" and data.get(name) not in (None, "") for name in self.filters)

    def filter_name(self, queryset, name, value):
        return queryset.filter(name_q(value))

    def filter_nationality(self, queryset, name, value):
        links = Person.nationalities.through.objects.filter(
            person_id=OuterRef("pk"), country_id=value.upper()[:2]
        )
        return queryset.filter(Exists(links))

    def filter_document_number(self, queryset, name, value):
        number = document_number_normalise(value)[:64]
        documents = IdentityDocument.objects.filter(person=OuterRef("pk"), number_normalised=number)
        return queryset.filter(Exists(documents))

    def filter_country(self, queryset, name, value):
        code = value.upper()[:2]
        links = Person.nationalities.through.objects.filter(
            person_id=OuterRef("pk"), country_id=code
        )
        return queryset.filter(Q(birth_country_id=code) | Q(Exists(links)))

    def filter_commodity_type(self, queryset, name, value):
        from opencen.seizures.models import GoodsItem

        goods = GoodsItem.objects.filter(commodity_type_id=value[:64]).values("seizure_id")
        involved = SeizurePerson.objects.filter(person=OuterRef("pk"), seizure_id__in=goods)
        return queryset.filter(Exists(involved))

    def filter_created_after(self, queryset, name, value):
        return queryset.filter(created_at__gte=_day_start(value))

    def filter_created_before(self, queryset, name, value):
        return queryset.filter(created_at__lt=_day_start(value + datetime.timedelta(days=1)))

    def filter_seized_after(self, queryset, name, value):
        involved = SeizurePerson.objects.filter(
            person=OuterRef("pk"), seizure__occurred_at__gte=_day_start(value)
        )
        return queryset.filter(Exists(involved))

    def filter_seized_before(self, queryset, name, value):
        involved = SeizurePerson.objects.filter(
            person=OuterRef("pk"),
            seizure__occurred_at__lt=_day_start(value + datetime.timedelta(days=1)),
        )
        return queryset.filter(Exists(involved))
