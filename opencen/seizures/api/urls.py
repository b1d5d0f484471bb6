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

ATTACHMENT = "<uuid:pk>/attachments/<uuid:attachment_id>"
urlpatterns += [
    path(
        "<uuid:pk>/attachments/",
        views.SeizureAttachmentListView.as_view(),
        name="api-seizure-attachments",
    ),
    path(
        f"{ATTACHMENT}/original/",
        views.SeizureAttachmentOriginalView.as_view(),
        name="api-seizure-attachment-original",
    ),
    path(
        f"{ATTACHMENT}/thumbnail/",
        views.SeizureAttachmentThumbnailView.as_view(),
        name="api-seizure-attachment-thumbnail",
    ),
    path(
        f"{ATTACHMENT}/display/",
        views.SeizureAttachmentDisplayView.as_view(),
        name="api-seizure-attachment-display",
    ),
]
