"""API routes of the investigations app."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
