"""Badges of the investigation pages."""

from django import template

from opencen.investigations.views import PRIORITY_BADGES, STATUS_BADGES

register = template.Library()


@register.filter
def status_css(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-secondary")


@register.filter
def priority_css(priority: str) -> str:
    return PRIORITY_BADGES.get(priority, "text-bg-secondary")


@register.filter
def person_name(user) -> str:
    """A user as officers know them: full name, else username."""
    if user is None:
        return "—"
    return user.get_full_name() or user.username
