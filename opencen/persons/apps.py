from django.apps import AppConfig


class PersonsConfig(AppConfig):
    """The suspect database: persons, their documents and contacts, and their links."""

    name = "opencen.persons"
    label = "persons"
