from django.apps import AppConfig


class SeizuresConfig(AppConfig):
    """The national database of seizures and offences."""

    name = "opencen.seizures"
    label = "seizures"

    def ready(self) -> None:
        from opencen.seizures import attachments  # noqa: F401  (registers the access checks)
