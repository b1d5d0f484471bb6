from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    """Code lists and places, loaded from pip-installed packages."""

    name = "opencen.reference"
    label = "reference"

    def ready(self) -> None:
        from opencen.reference import signals

        signals.connect()
