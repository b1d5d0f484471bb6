#!/usr/bin/env bash
# Run two commands at the same time (one per core) and report both; fail when either fails.
# Usage: scripts/side-by-side.sh '<command one>' '<command two>'
# Each command's output goes to its own log, shown whole when that command ends, so the two
# passes' lines never interleave. The exit status is the first failing one's (0 when both pass).
set -uo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 '<command one>' '<command two>'" >&2
    exit 2
fi

logs=$(mktemp -d -t opencen-passes.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -- "$pid" 2>/dev/null || true; done
    rm -rf "$logs"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for n in 1 2; do
    bash -c "${!n}" >"$logs/$n.log" 2>&1 &
    pids+=($!)
done

status=0
for n in 1 2; do
    wait "${pids[$((n - 1))]}"
    code=$?
    cat "$logs/$n.log"
    if [ "$code" -ne 0 ] && [ "$status" -eq 0 ]; then
        status=$code
    fi
done
pids=()
exit "$status"
