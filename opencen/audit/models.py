"""The audit log: append-only, hash-chained events.

Each event stores the hash of the previous event and the hash of its own content, so that
changing, removing or inserting a row breaks the chain (`opencen audit verify`). Database
triggers refuse UPDATE and DELETE on the table (see the migrations).
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencen.audit.choices import AuditEventType, AuditOutcome

GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    """Who did what, when, from where, to what, why, and with which outcome."""

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("time (UTC)"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,  # a user row is never deleted; the log must outlive any change
    )
    actor_username = models.CharField(_("actor username"), max_length=150, blank=True)
    source_ip = models.GenericIPAddressField(_("source IP"), null=True, blank=True)
    event_type = models.PositiveIntegerField(
        _("event"), choices=AuditEventType.choices, db_index=True
    )
    target_type = models.CharField(_("target type"), max_length=60, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_label = models.CharField(_("target"), max_length=300, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=AuditOutcome.choices, default=AuditOutcome.SUCCESS
    )
    details = models.JSONField(_("details"), default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.id} {self.get_event_type_display()} {self.actor_username}"

    def content(self) -> dict:
        """The fields the hash covers, in a form that is the same before and after storage."""
        return {
            "id": self.id,
            "occurred_at": self.occurred_at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_username": self.actor_username,
            "source_ip": self.source_ip,
            "event_type": int(self.event_type),
            "target_type": self.target_type,
            "target_id": self.target_id,
            "target_label": self.target_label,
            "purpose": self.purpose,
            "outcome": str(self.outcome),
            "details": self.details,
            "previous_hash": self.previous_hash,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(
            self.content(), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
