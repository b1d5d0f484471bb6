"""The ``opencen`` command: every Django management command, plus OpenCEN's own.

``opencen serve``, ``opencen demo``, ``opencen load-reference``, ``opencen api-token``,
``opencen migrate``... Commands whose names contain a dash are OpenCEN's (their module names
use underscores).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencen.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
