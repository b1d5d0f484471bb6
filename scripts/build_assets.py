"""Copy the front-end files OpenCEN uses from node_modules into opencen/static/vendor.

node_modules is filled by ``npm ci`` from package-lock.json (exact pinned versions); the copied
files are build output and never committed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "opencen" / "static" / "vendor"

#: destination folder under vendor/ -> files under node_modules (source maps come along,
#: because the minified files name them and the production static storage checks references)
ASSETS: dict[str, list[str]] = {
    "bootstrap": [
        "bootstrap/dist/css/bootstrap.min.css",
        "bootstrap/dist/css/bootstrap.min.css.map",
        "bootstrap/dist/css/bootstrap.rtl.min.css",
        "bootstrap/dist/css/bootstrap.rtl.min.css.map",
        "bootstrap/dist/js/bootstrap.bundle.min.js",
        "bootstrap/dist/js/bootstrap.bundle.min.js.map",
    ],
    "htmx": ["htmx.org/dist/htmx.min.js"],
}


def main() -> int:
    missing = [f for files in ASSETS.values() for f in files if not (NODE_MODULES / f).exists()]
    if missing:
        print(
            "Missing front-end files (run `npm ci` first):", *missing, sep="\n  ", file=sys.stderr
        )
        return 1
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for folder, files in ASSETS.items():
        target = VENDOR / folder
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.copy2(NODE_MODULES / name, target / Path(name).name)
    copied = sum(len(files) for files in ASSETS.values())
    print(f"Copied {copied} front-end files into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
