#!/usr/bin/env bash
# Make sure Debian's Chromium is there for the browser tests (Playwright drives it; it never
# downloads a browser). $OPENCEN_CHROMIUM points at another binary.
set -euo pipefail

chromium=${OPENCEN_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    if [ -n "${OPENCEN_CHROMIUM:-}" ]; then
        echo "error: OPENCEN_CHROMIUM=$chromium is not an executable file" >&2
        exit 1
    fi
    "$(dirname "$0")/apt-install.sh" "Chromium (for the browser tests)" chromium fonts-liberation
fi
"$chromium" --version 2>/dev/null
