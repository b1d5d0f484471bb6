#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL cluster on a free loopback port.
#
# Usage: scripts/with-postgres.sh <command...>
#
# The cluster is made with initdb, started with pg_ctl (trust authentication, user `opencen`,
# socket in the cluster folder, listening on 127.0.0.1 only) and removed afterwards, whatever
# the command's outcome. The command gets
#   OPENCEN_DATABASE_URL=postgres://opencen@127.0.0.1:<port>/postgres
# and its exit status is this script's. PostgreSQL refuses to run as root: as root, the cluster
# belongs to the `postgres` system user (created as `opencen-pg` when missing). When the server
# binaries are missing, Debian's `postgresql` package is installed (as root only).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then
    echo "usage: $0 <command...>" >&2
    exit 2
fi

find_bindir() {
    local candidate
    if command -v pg_config >/dev/null 2>&1; then
        candidate=$(pg_config --bindir 2>/dev/null || true)
        if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
            echo "$candidate"
            return 0
        fi
    fi
    # Debian keeps the server binaries off PATH, one folder per major version: take the newest.
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if ! bindir=$(find_bindir); then
    "$here/apt-install.sh" "PostgreSQL (initdb, pg_ctl)" postgresql
    bindir=$(find_bindir) || {
        echo "error: PostgreSQL server binaries still not found after installing" >&2
        exit 1
    }
fi

# As root, run the server as an unprivileged user.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    owner=postgres
    if ! id -u "$owner" >/dev/null 2>&1; then
        owner=opencen-pg
        if ! id -u "$owner" >/dev/null 2>&1; then
            useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
        fi
    fi
    as_owner=(runuser -u "$owner" --)
fi

cluster=$(mktemp -d -t opencen-pg.XXXXXX)
chmod 755 "$cluster"
started=0

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ "$started" = 1 ]; then
        "${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$cluster"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${#as_owner[@]}" -gt 0 ]; then
    chown "$owner" "$cluster"
    if ! "${as_owner[@]}" test -w "$cluster"; then
        echo "error: $owner cannot write to $cluster (set TMPDIR to a folder it can reach)" >&2
        exit 1
    fi
fi

port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')

"${as_owner[@]}" "$bindir/initdb" -D "$cluster/data" -U opencen -A trust -E UTF8 --no-locale \
    --no-sync >"$cluster/initdb.log" 2>&1 || {
    cat "$cluster/initdb.log" >&2
    exit 1
}

# Durability is pointless for a throw-away cluster: turning it off makes the tests faster.
options="-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off"
options+=" -c synchronous_commit=off -c full_page_writes=off"
started=1
if ! "${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "$options" start >/dev/null; then
    echo "error: PostgreSQL did not start; its log:" >&2
    cat "$cluster/server.log" >&2 || true
    exit 1
fi

echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throw-away cluster)"
export OPENCEN_DATABASE_URL="postgres://opencen@127.0.0.1:$port/postgres"
set +e
"$@"
status=$?
set -e
exit "$status"
