"""API routes of the investigations app (/api/v1/investigations/)."""

from django.urls import path

from opencen.investigations.api import views

urlpatterns = [
    path("", views.InvestigationListView.as_view(), name="api-investigation-list"),
    path("<uuid:pk>/", views.InvestigationDetailView.as_view(), name="api-investigation-detail"),
    path(
        "<uuid:pk>/transition/",
        views.InvestigationTransitionView.as_view(),
        name="api-investigation-transition",
    ),
    path(
        "<uuid:pk>/assign/",
        views.InvestigationAssignView.as_view(),
        name="api-investigation-assign",
    ),
    path(
        "<uuid:pk>/journal/",
        views.InvestigationJournalView.as_view(),
        name="api-investigation-journal",
    ),
    path("<uuid:pk>/links/", views.InvestigationLinkView.as_view(), name="api-investigation-link"),
    path(
        "<uuid:pk>/links/remove/",
        views.InvestigationUnlinkView.as_view(),
        name="api-investigation-unlink",
    ),
]
