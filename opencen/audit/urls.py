from django.urls import path

from opencen.audit import purpose, views

app_name = "audit"

urlpatterns = [
    # The audit log (Permission.AUDIT_VIEW); every read is itself audited.
    path("", views.audit_list, name="list"),
    path("export.csv", views.audit_export, name="export"),
    path("verify/", views.audit_verify, name="verify"),
    path("purpose/", purpose.purpose_view, name="purpose"),
    path("<int:pk>/", views.audit_detail, name="detail"),
]
