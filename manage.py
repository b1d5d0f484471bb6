#!/usr/bin/env python
"""Django's manage.py; the same as the ``opencen`` command."""

from opencen.cli import main

if __name__ == "__main__":
    main()
