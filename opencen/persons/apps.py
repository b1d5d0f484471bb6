from django.apps import AppConfig


class PersonsConfig(AppConfig):
    """The suspect database: persons, their documents and contacts, and their links."""

    name = "opencen.persons"
    label = "persons"

    def ready(self) -> None:
        from opencen.persons import attachments  # noqa: F401  (registers the photo's access)
