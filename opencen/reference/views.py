"""Code-list pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opencen.reference.selectors import code_list_summaries


def code_list_index(request: HttpRequest) -> HttpResponse:
    return render(request, "reference/index.html", {"lists": code_list_summaries()})
