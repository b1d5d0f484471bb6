"""``opencen api-token USERNAME``: print a new API token for a user."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from opencen.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create a new API token for USERNAME (replacing any previous one) and print it."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        from opencen.accounts.models import User

        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['username']!r}.") from None
        if not user.is_active:
            raise CommandError(f"User {user.username!r} is deactivated.")
        self.stdout.write(api_token_create(user=user, actor=None).key)
