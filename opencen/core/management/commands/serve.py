"""``opencen serve``: run the web server (gunicorn, static files through whitenoise)."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections

from opencen.core.db import refresh_statistics


class Command(BaseCommand):
    help = "Serve OpenCEN with gunicorn on 127.0.0.1:$OPENCEN_PORT (default 8000)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=f"127.0.0.1:{settings.PORT}")
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("OPENCEN_WORKERS", "3"))
        )
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args, **options):
        argv = [
            "gunicorn",
            "opencen.wsgi:application",
            "--bind", options["bind"],
            "--workers", str(options["workers"]),
            "--threads", str(options["threads"]),
            "--access-logfile", "-",
            "--graceful-timeout", "10",
        ]  # fmt: skip
        # Current table statistics for SQLite's query planner (a few milliseconds).
        refresh_statistics()
        connections.close_all()
        self.stdout.write(f"OpenCEN serving on http://{options['bind']}/")
        self.stdout.flush()
        # Replace this process so gunicorn gets signals (Ctrl-C, systemd stop) directly.
        os.execv(sys.executable, [sys.executable, "-m", "gunicorn", *argv[1:]])  # noqa: S606
