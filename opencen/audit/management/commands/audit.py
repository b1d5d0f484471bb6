"""``opencen audit verify``: check that the audit chain is whole."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from opencen.audit.services import audit_chain_verify


class Command(BaseCommand):
    help = "Audit log tools. `verify` checks the hash chain and names the first broken event."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check every event's hash and link, in order.")

    def handle(self, *args, **options):
        checked, first_break = audit_chain_verify()
        if first_break is not None:
            raise CommandError(
                f"Audit chain broken at event #{first_break.event_id}: {first_break.reason} "
                f"({checked} events before it verified)."
            )
        self.stdout.write(f"Audit chain verified: {checked} events, no break.")
