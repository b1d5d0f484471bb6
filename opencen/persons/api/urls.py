"""API routes of the persons app (/api/v1/persons/; ``match/`` belongs to the matching app)."""

from django.urls import path

from opencen.persons.api import views

urlpatterns = [
    path("", views.PersonListView.as_view(), name="api-person-list"),
    path("<uuid:pk>/", views.PersonDetailView.as_view(), name="api-person-detail"),
    path("<uuid:pk>/history/", views.PersonHistoryView.as_view(), name="api-person-history"),
    path("<uuid:pk>/links/", views.PersonLinksView.as_view(), name="api-person-links"),
]
