"""Project URLs: pages per app, the API under /api/v1/, health and the admin pages."""

from django.contrib import admin
from django.urls import include, path

from opencen.core import views as core_views

urlpatterns = [
    path("", include("opencen.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("opencen.accounts.urls")),
    path("reference/", include("opencen.reference.urls")),
    path("audit/", include("opencen.audit.urls")),
    path("seizures/", include("opencen.seizures.urls")),
    path("persons/", include("opencen.persons.urls")),
    path("companies/", include("opencen.companies.urls")),
    path("investigations/", include("opencen.investigations.urls")),
    path("matching/", include("opencen.matching.urls")),
    path("attachments/", include("opencen.attachments.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("opencen.api_urls")),
]
