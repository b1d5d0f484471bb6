from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Audit events: who did what, when, from where and why."""

    name = "opencen.audit"
    label = "audit"

    def ready(self) -> None:
        from opencen.audit import signals  # noqa: F401  (connects the sign-in receivers)
