"""API routes of the companies app (/api/v1/companies/); matching answers ``match/``."""

from django.urls import path

from opencen.companies.api import views

urlpatterns: list = [
    path("", views.CompanyListView.as_view(), name="api-company-list"),
    path("<uuid:pk>/", views.CompanyDetailView.as_view(), name="api-company-detail"),
    path("<uuid:pk>/history/", views.CompanyHistoryView.as_view(), name="api-company-history"),
]
