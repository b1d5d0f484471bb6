from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users, organisational units and roles."""

    name = "opencen.accounts"
    label = "accounts"
