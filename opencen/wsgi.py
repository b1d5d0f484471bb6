"""WSGI entry point (gunicorn opencen.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencen.settings")

application = get_wsgi_application()
