from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Audit events: who did what, when, from where and why."""

    name = "opencen.audit"
    label = "audit"
