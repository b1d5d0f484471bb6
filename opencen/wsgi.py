"""WSGI entry point (gunicorn opencen.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencen.settings")

application = get_wsgi_application()

from opencen.core.runtime import server_gc_tune  # noqa: E402 - once Django is loaded

server_gc_tune()
