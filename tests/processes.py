"""Helpers for tests that run OpenCEN in another process, on a data directory of their own."""

from __future__ import annotations

import os
from pathlib import Path


def installation_env(data_dir: Path | str, **settings: str) -> dict[str, str]:
    """This process's environment without any OPENCEN_* setting of the caller's shell (a
    PostgreSQL URL of the test run, say), pointed at ``data_dir``, plus ``settings``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("OPENCEN_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env.update({"OPENCEN_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "opencen.settings"})
    env.update(settings)
    return env
