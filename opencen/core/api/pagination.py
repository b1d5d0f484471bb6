"""API pagination: page numbers with the total count."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` (at most 500); the answer carries ``count``."""

    page_size_query_param = "page_size"
    max_page_size = 500
