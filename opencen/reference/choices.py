"""Stable codes used by the code lists themselves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    AIRPORT = "airport", _("Airport")
    SEAPORT = "seaport", _("Seaport")
    BORDER_POST = "border_post", _("Land border post")
    CUSTOMS_OFFICE = "customs_office", _("Customs office")
    RAIL_STATION = "rail_station", _("Rail station")
    POSTAL_CENTRE = "postal_centre", _("Postal or courier centre")


class UnitDimension(models.TextChoices):
    MASS = "mass", _("Mass")
    VOLUME = "volume", _("Volume")
    COUNT = "count", _("Count")


class HandlingCode(models.TextChoices):
    """Handling codes as in Europol SIENA."""

    H0 = "H0", _("H0 – use for law enforcement purposes")
    H1 = "H1", _("H1 – not in court without permission")
    H2 = "H2", _("H2 – not to be disseminated without permission")
    H3 = "H3", _("H3 – other restrictions")


class SourceReliability(models.TextChoices):
    A = "A", _("A – reliable")
    B = "B", _("B – mostly reliable")
    C = "C", _("C – not reliable")
    X = "X", _("X – cannot be assessed")


class InformationAccuracy(models.TextChoices):
    KNOWN = "1", _("1 – known to be true")
    KNOWN_TO_SOURCE = "2", _("2 – known personally to the source")
    NOT_KNOWN = "3", _("3 – not known personally to the source")
    CANNOT_JUDGE = "4", _("4 – cannot be assessed")
