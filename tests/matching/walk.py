"""Permission-walk expectations for the matching app's URLs (see tests/core/walk_base.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.core.walk_base import Expect

EXPECTATIONS: dict[str, Expect] = {}

OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {}
