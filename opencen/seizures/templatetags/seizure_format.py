"""Template helpers of the seizure pages: ``{% load seizure_format %}``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def quantity(value) -> str:
    """A quantity or amount without trailing zeros, grouped by thousands in the user's
    language: ``1541000`` -> ``1,541,000``, ``35.300`` -> ``35.3``."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    number = number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()
    return number_format(number, force_grouping=True)
