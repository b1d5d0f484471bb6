"""API routes of the matching app, included at /api/v1/ before the persons and companies
routes so that it answers ``persons/match/`` and ``companies/match/``."""

from django.urls import path

from opencen.matching.api import views

urlpatterns = [
    path("persons/match/", views.PersonMatchView.as_view(), name="api-person-match"),
    path("companies/match/", views.CompanyMatchView.as_view(), name="api-company-match"),
]
