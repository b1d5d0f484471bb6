"""The concealment gallery page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from opencen.accounts.permissions import Permission
from opencen.core.permissions_views import permission_required
from opencen.seizures import forms as seizure_forms
from opencen.seizures.gallery import (
    GALLERY_FILTERS,
    concealment_photos,
    group_by_concealment_method,
)
from opencen.seizures.views import _filter_widgets

PHOTOS_PER_PAGE = 48


@require_GET
@permission_required(Permission.SEIZURE_VIEW)
def concealment_gallery_view(request: HttpRequest) -> HttpResponse:
    """Concealment photos as a grid under their concealment method, each opening its seizure;
    an htmx request from the filter form gets the grid only."""
    filterset, photos = concealment_photos(user=request.user, params=request.GET)
    _filter_widgets(filterset, seizure_forms.CodeLists())
    page = Paginator(photos, PHOTOS_PER_PAGE).get_page(request.GET.get("page"))
    filtered = any(request.GET.get(name) for name in GALLERY_FILTERS)
    context = {
        "page_title": _("Concealment gallery"),
        "breadcrumbs": [(_("Seizures"), "seizures:list")],
        "form": filterset.form,
        "filter_names": GALLERY_FILTERS,
        "page_obj": page,
        "groups": group_by_concealment_method(list(page.object_list)),
        "filtered": filtered,
    }
    template = "seizures/_gallery_grid.html" if request.htmx else "seizures/gallery.html"
    return render(request, template, context)
