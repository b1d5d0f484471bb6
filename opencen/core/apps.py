from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces: base models, database wiring, generic views, API base."""

    name = "opencen.core"
    label = "core"

    def ready(self) -> None:
        from opencen.core import db  # noqa: F401  (connects the SQLite pragma signal)
