from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    """Alerts and investigations on persons, companies and seizures, with their journal."""

    name = "opencen.investigations"
    label = "investigations"

    def ready(self) -> None:
        from opencen.investigations import attachments  # noqa: F401  (registers the checks)
