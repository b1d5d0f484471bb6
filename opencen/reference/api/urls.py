from django.urls import path

from opencen.reference.api import views

urlpatterns = [
    path("", views.CodeListIndexView.as_view(), name="api-reference-index"),
    path("<slug:name>/", views.CodeListView.as_view(), name="api-reference-list"),
]
