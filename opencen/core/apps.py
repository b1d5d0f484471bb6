from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces: base models, database wiring, generic views, API base."""

    name = "opencen.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from opencen.core import db  # noqa: F401  (connects the SQLite pragma signal)
        from opencen.core.middleware import fix_session_lifetime

        user_logged_in.connect(fix_session_lifetime, dispatch_uid="opencen_session_lifetime")
