"""Pages of the matching app."""

from django.urls import path  # noqa: F401

app_name = "matching"

urlpatterns: list = []
