#!/usr/bin/env bash
# Create the virtual environment with Python 3.11 or newer.
# Usage: scripts/make-venv.sh <python> <venv-dir>
set -euo pipefail

python=${1:?usage: $0 <python> <venv-dir>}
venv=${2:?usage: $0 <python> <venv-dir>}
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v "$python" >/dev/null 2>&1; then
    echo "error: $python not found; OpenCEN needs Python 3.11 or newer (make PYTHON=python3.12 ...)" >&2
    exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "error: OpenCEN needs Python 3.11 or newer; $python is $("$python" --version 2>&1)" >&2
    exit 1
fi

# Debian splits venv/ensurepip into python3-venv (python3.X-venv for a non-default version).
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    "$here/apt-install.sh" "Python's venv module" "python$version-venv"
fi

rm -rf "$venv"
"$python" -m venv "$venv"
echo "Created $venv with $("$venv/bin/python" --version)"
