"""Journal entries carry attachments (reports, photos, documents received).

Imported by :meth:`InvestigationsConfig.ready`: whoever may read the investigation sees the
files of its journal; only the author of an entry adds files to it (entries are never changed
otherwise), and only while they still work on the investigation.
"""

from __future__ import annotations

from opencen.attachments.access import register_owner
from opencen.investigations.models import JournalEntry
from opencen.investigations.selectors import investigation_can_work, investigation_list


def journal_attachments_visible(user, entry: JournalEntry) -> bool:
    return investigation_list(user=user).filter(pk=entry.investigation_id).exists()


def journal_attachments_changeable(user, entry: JournalEntry) -> bool:
    return entry.created_by_id == user.pk and investigation_can_work(
        user=user, investigation=entry.investigation
    )


register_owner(
    JournalEntry, can_view=journal_attachments_visible, can_change=journal_attachments_changeable
)
