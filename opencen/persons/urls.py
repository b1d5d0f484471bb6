"""Pages of the persons app."""

from django.urls import path  # noqa: F401

app_name = "persons"

urlpatterns: list = []
