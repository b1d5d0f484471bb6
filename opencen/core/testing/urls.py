"""Walk every URL the project defines, so tests can check each one (and fail on new ones)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

#: Sample values for URL parameters, by converter name.
SAMPLE_VALUES: dict[str, str] = {
    "int": "1",
    "uuid": str(uuid.UUID(int=1)),
    "slug": "sample",
    "str": "sample",
    "path": "sample",
}


@dataclass(frozen=True)
class ProjectURL:
    """One URL pattern, with parameters filled by sample values."""

    name: str | None
    route: str
    path: str


def _route_to_path(route: str) -> str:
    def replace(match: re.Match) -> str:
        converter = match.group(1) or "str"
        return SAMPLE_VALUES.get(converter, "sample")

    path = re.sub(r"<(?:(\w+):)?\w+>", replace, route)
    # Regex routes (Django admin): drop anchors and fill the common groups.
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    return "/" + path


def iter_project_urls(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[ProjectURL]:
    """Every URL pattern of the project, depth first."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            child_namespace = entry.namespace or namespace
            yield from iter_project_urls(entry.url_patterns, route, child_namespace)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield ProjectURL(name=name, route=route, path=_route_to_path(route))
