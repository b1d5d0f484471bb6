"""Small display helpers of the person pages."""

from __future__ import annotations

from django import template

from opencen.persons.choices import DataSubjectCategory

register = template.Library()

CATEGORY_BADGES = {
    DataSubjectCategory.SUSPECT: "text-bg-warning",
    DataSubjectCategory.CONVICTED: "text-bg-danger",
    DataSubjectCategory.WITNESS: "text-bg-info",
    DataSubjectCategory.VICTIM: "text-bg-primary",
    DataSubjectCategory.CONTACT: "text-bg-secondary",
    DataSubjectCategory.OTHER: "text-bg-light border",
}


@register.filter
def category_badge(category: str) -> str:
    """The Bootstrap badge class of a data-subject category."""
    return CATEGORY_BADGES.get(category, "text-bg-light border")
