from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users, organisational units and roles."""

    name = "opencen.accounts"
    label = "accounts"

    def ready(self) -> None:
        from opencen.accounts import signals  # noqa: F401  (connects the lockout receivers)
