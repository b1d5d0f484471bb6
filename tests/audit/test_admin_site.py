"""A change made in the Django admin pages is an audit event."""

from __future__ import annotations

import pytest

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.audit.services import audit_chain_verify
from opencen.reference.models import OffenceType


@pytest.mark.django_db
def test_a_code_list_change_in_the_admin_pages_is_audited(client, admin_user):
    admin_user.is_superuser = True
    admin_user.save()
    entry = OffenceType.objects.create(code="smuggling_test", label="Smuggling (test)")
    client.force_login(admin_user)
    response = client.post(
        f"/admin/reference/offencetype/{entry.code}/change/",
        {"label": "Smuggling, corrected", "translations": "{}", "active": "", "sort_order": "0"},
    )
    assert response.status_code == 302, response.content[:2000]
    event = AuditEvent.objects.get(event_type=AuditEventType.REFERENCE_CHANGED)
    assert event.actor == admin_user
    assert event.target_type == "reference.offencetype"
    assert event.target_id == "smuggling_test"
    assert event.details["action"] == "changed"
    assert "Label" in event.details["change"] or "label" in event.details["change"].lower()
    assert audit_chain_verify()[1] is None
