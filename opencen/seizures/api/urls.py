"""Seizure API routes (/api/v1/seizures/)."""

from django.urls import path

from opencen.seizures.api import views

urlpatterns = [
    path("", views.SeizureListView.as_view(), name="api-seizure-list"),
    path("<uuid:pk>/", views.SeizureDetailView.as_view(), name="api-seizure-detail"),
    path("<uuid:pk>/submit/", views.SeizureSubmitView.as_view(), name="api-seizure-submit"),
    path("<uuid:pk>/validate/", views.SeizureValidateView.as_view(), name="api-seizure-validate"),
    path("<uuid:pk>/return/", views.SeizureReturnView.as_view(), name="api-seizure-return"),
    path("<uuid:pk>/close/", views.SeizureCloseView.as_view(), name="api-seizure-close"),
    path("<uuid:pk>/history/", views.SeizureHistoryView.as_view(), name="api-seizure-history"),
]
