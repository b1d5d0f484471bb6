from django.apps import AppConfig


class SeizuresConfig(AppConfig):
    """The national database of seizures and offences."""

    name = "opencen.seizures"
    label = "seizures"
