"""``{% seizure_involvements seizure %}``: the "Persons and companies" section of a seizure."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("seizures/involvements.html", takes_context=True)
def seizure_involvements(context, seizure) -> dict:
    from opencen.seizures.involvements import involvements_context

    request = context["request"]
    data = involvements_context(request=request, seizure=seizure)
    data["request"] = request
    data["csrf_token"] = context.get("csrf_token")
    data["user"] = request.user
    return data
