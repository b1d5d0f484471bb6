"""The JSON API, version 1: each app contributes its routes from its ``api`` package."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("reference/", include("opencen.reference.api.urls")),
    path("accounts/", include("opencen.accounts.api.urls")),
    path("seizures/", include("opencen.seizures.api.urls")),
    # Matching answers persons/match/ and companies/match/: listed before the record routes.
    path("", include("opencen.matching.api.urls")),
    path("persons/", include("opencen.persons.api.urls")),
    path("companies/", include("opencen.companies.api.urls")),
    path("investigations/", include("opencen.investigations.api.urls")),
]
