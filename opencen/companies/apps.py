from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    """The company database: offending businesses, their names, numbers and people."""

    name = "opencen.companies"
    label = "companies"
