"""Indexes for the filters of the audit log page, each ending with the id so that a filtered
page newest first is one range read of the index (keyset pagination).

Written as SQL, not in the model's Meta, so that this migration only adds indexes to the
append-only table (the triggers refuse UPDATE and DELETE, not CREATE INDEX). The time filter
uses the existing index on occurred_at; the target type filter the existing (target_type,
target_id) index. Free text over the target label and purpose has no index: it scans the rows
the other filters leave.
"""

from django.db import migrations

INDEXES = {
    "audit_type_id_idx": "event_type, id",
    "audit_outcome_id_idx": "outcome, id",
    "audit_actorname_id_idx": "actor_username, id",
    "audit_targetid_id_idx": "target_id, id",
}


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_mfa_event_types")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON audit_auditevent ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
