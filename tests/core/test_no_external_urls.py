"""Nothing is loaded from the internet: templates and static files reference local URLs only."""

from __future__ import annotations

import re
from pathlib import Path

import opencen

PACKAGE = Path(opencen.__file__).parent

#: Any absolute URL in our own templates and static files. Links a user may follow to read
#: documentation would be allowed here by name; there are none today.
ABSOLUTE_URL = re.compile(r"""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[/"'\s)]""", re.IGNORECASE)
#: What makes a browser fetch something, in third-party files (their licence comments may
#: name a web site, which loads nothing).
LOADING_REFERENCE = re.compile(
    r"""(?:url\(\s*['"]?|@import\s+['"]?|src\s*=\s*['"]|href\s*=\s*['"])(?:https?:)?//""",
    re.IGNORECASE,
)


def _without_xml_namespaces(text: str) -> str:
    """An SVG's xmlns names its format; the browser fetches nothing for it."""
    return re.sub(r"""xmlns(?::\w+)?=["']http://www\.w3\.org/[^"']*["']""", "", text)


def _own_files() -> list[Path]:
    files = [
        path
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".css", ".js", ".txt", ".svg"}
        and ("templates" in path.parts or "static" in path.parts)
        and "vendor" not in path.parts
    ]
    return files


def test_own_templates_and_static_files_name_no_external_url():
    files = _own_files()
    assert any(path.name == "base.html" for path in files)
    offenders = {
        str(path.relative_to(PACKAGE)): match.group(0)
        for path in files
        for match in [
            ABSOLUTE_URL.search(_without_xml_namespaces(path.read_text(encoding="utf-8")))
        ]
        if match
    }
    assert offenders == {}


def test_third_party_static_files_load_nothing_from_outside():
    vendor = PACKAGE / "static" / "vendor"
    files = [p for p in vendor.rglob("*") if p.suffix in {".css", ".js", ".html"}]
    assert files, "front-end assets are not built: run `make run` or scripts/build_assets.py"
    offenders = [
        str(path.relative_to(vendor))
        for path in files
        if LOADING_REFERENCE.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []
