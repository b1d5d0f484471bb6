from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """Name matching: normalisation, blocking keys, scoring, duplicates and screening."""

    name = "opencen.matching"
    label = "matching"
