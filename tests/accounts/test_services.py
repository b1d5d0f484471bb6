"""Services on users and units: validation, side effects and their audit events."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from opencen.accounts import services
from opencen.accounts.choices import Role, UnitKind
from opencen.accounts.models import Unit
from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent

STRONG_PASSWORD = "amber lantern over quiet harbour"


def _events(event_type: AuditEventType) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=int(event_type)).order_by("id"))


def test_user_create_records_an_event(admin_user, unit_tree):
    user = services.user_create(
        actor=admin_user,
        username="  kim ",
        password=STRONG_PASSWORD,
        unit=unit_tree["port"],
        roles={Role.OFFICER},
    )
    assert user.username == "kim"
    (event,) = _events(AuditEventType.USER_CREATED)
    assert event.actor == admin_user
    assert event.target_id == str(user.pk)
    assert event.details["roles"] == ["officer"]
    assert STRONG_PASSWORD not in str(event.details)


def test_user_create_refuses_a_password_like_the_username(admin_user, unit_tree):
    with pytest.raises(ValidationError) as caught:
        services.user_create(
            actor=admin_user,
            username="harbourmaster2024",
            password="harbourmaster2024",
            unit=unit_tree["port"],
            roles=(),
        )
    assert "password" in caught.value.error_dict


def test_user_update_records_only_what_changed(admin_user, officer, unit_tree):
    services.user_update(
        actor=admin_user,
        user=officer,
        username=officer.username,
        first_name=officer.first_name,
        last_name=officer.last_name,
        unit=unit_tree["airport"],
        roles={Role.OFFICER, Role.ANALYST},
    )
    (event,) = _events(AuditEventType.USER_CHANGED)
    assert event.details == {
        "unit": ["PORT", "AIR"],
        "roles": [["officer"], ["analyst", "officer"]],
    }


def test_user_update_to_inactive_revokes_access(admin_user, officer, unit_tree):
    services.api_token_create(user=officer, actor=admin_user)
    services.user_update(
        actor=admin_user,
        user=officer,
        username=officer.username,
        first_name=officer.first_name,
        last_name=officer.last_name,
        unit=officer.unit,
        roles={Role.OFFICER},
        is_active=False,
    )
    assert not Token.objects.filter(user=officer).exists()
    assert len(_events(AuditEventType.USER_DEACTIVATED)) == 1


def test_user_deactivate_and_reactivate(admin_user, officer):
    services.api_token_create(user=officer, actor=admin_user)
    services.user_deactivate(actor=admin_user, user=officer)
    services.user_deactivate(actor=admin_user, user=officer)  # twice: one event
    assert not officer.is_active
    assert not Token.objects.filter(user=officer).exists()
    assert len(_events(AuditEventType.USER_DEACTIVATED)) == 1
    services.user_reactivate(actor=admin_user, user=officer)
    assert officer.is_active
    assert len(_events(AuditEventType.USER_REACTIVATED)) == 1


def test_user_cannot_deactivate_themselves(admin_user):
    with pytest.raises(ValidationError):
        services.user_deactivate(actor=admin_user, user=admin_user)
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_unit_update_rewrites_the_subtree_in_a_fixed_number_of_queries(admin_user, unit_tree):
    services.unit_create(
        actor=admin_user, code="QUAY", name="Quay", kind=UnitKind.OFFICE, parent=unit_tree["port"]
    )

    def move(parent_code: str, code: str) -> int:
        north = Unit.objects.get(pk=unit_tree["north"].pk)
        with CaptureQueriesContext(connection) as context:
            services.unit_update(
                actor=admin_user,
                unit=north,
                code=code,
                name="North",
                kind=UnitKind.REGION,
                parent=Unit.objects.get(code=parent_code),
            )
        return len(context.captured_queries)

    small_tree = move("SOUTH", "N")
    assert Unit.objects.get(code="QUAY").path == "HQ/SOUTH/N/PORT/QUAY/"
    (event,) = _events(AuditEventType.UNIT_CHANGED)
    assert event.details["parent"] == ["HQ", "SOUTH"]
    assert event.details["code"] == ["NORTH", "N"]
    for n in range(20):
        services.unit_create(
            actor=None, code=f"Q{n}", name="Berth", kind=UnitKind.OFFICE, parent=unit_tree["port"]
        )
    assert move("HQ", "N2") == small_tree
    assert Unit.objects.get(code="Q7").path == "HQ/N2/PORT/Q7/"


def test_unit_code_rules(admin_user, unit_tree):
    with pytest.raises(ValidationError) as caught:
        services.unit_create(actor=admin_user, code="hq", name="x", kind="office", parent=None)
    assert "already exists" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        services.unit_create(actor=admin_user, code="A/B", name="x", kind="office", parent=None)
    assert "slash" in str(caught.value)
