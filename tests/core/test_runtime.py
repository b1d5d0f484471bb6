"""The server process collects garbage rarely and leaves what start-up loaded alone."""

from __future__ import annotations

import subprocess
import sys

from tests.processes import installation_env


def test_loading_the_wsgi_application_freezes_start_up_objects(tmp_path):
    script = (
        "import gc, opencen.wsgi\n"
        "from opencen.core.runtime import GC_THRESHOLD\n"
        "assert gc.get_threshold() == GC_THRESHOLD, gc.get_threshold()\n"
        "assert gc.get_freeze_count() > 10000, gc.get_freeze_count()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=installation_env(tmp_path, OPENCEN_ENV="demo"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
