"""Seizure API routes (/api/v1/seizures/)."""

urlpatterns: list = []
