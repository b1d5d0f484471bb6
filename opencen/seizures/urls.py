"""Seizure pages. Each section belongs to one part of the app; add lines in yours."""

from django.urls import path  # noqa: F401

app_name = "seizures"

urlpatterns: list = [
    # --- list, detail, forms, history, workflow (views.py) ---
    # --- gallery (views_gallery.py) ---
    # --- import and export (views_import.py) ---
]
