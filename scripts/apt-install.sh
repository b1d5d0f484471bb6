#!/usr/bin/env bash
# Install Debian packages when running as root; otherwise say what to install and fail.
# Usage: scripts/apt-install.sh <why> <package...>
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 <why> <package...>" >&2
    exit 2
fi
why=$1
shift

if [ "$(id -u)" -ne 0 ]; then
    echo "error: $why is missing. Install it with: sudo apt-get install -y $*" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: $why is missing and this is not a Debian-like system (no apt-get); install: $*" >&2
    exit 1
fi

echo "Installing $* ($why) with apt-get..."
export DEBIAN_FRONTEND=noninteractive
# Another apt run (unattended upgrades, a colleague's install) holds the lock: wait for it.
apt_options=(-o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
apt-get "${apt_options[@]}" update -qq
apt-get "${apt_options[@]}" install -y -qq --no-install-recommends "$@" </dev/null
