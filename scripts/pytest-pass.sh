#!/usr/bin/env bash
# Run one labelled pytest pass of `make test` and report its duration.
# Usage: scripts/pytest-pass.sh <label> <pytest...>
# Any non-zero exit fails the pass, 5 (no tests collected) included: a pass that runs nothing
# is a broken pass, not a green one.
set -uo pipefail

label=${1:?usage: $0 <label> <pytest...>}
shift
echo
echo "==> pytest pass: $label"
start=$(date +%s)
"$@"
status=$?
elapsed=$(($(date +%s) - start))
case $status in
0) echo "==> pytest pass: $label: passed in ${elapsed}s" ;;
5) echo "==> pytest pass: $label: FAILED, no tests collected (exit 5) after ${elapsed}s" >&2 ;;
*) echo "==> pytest pass: $label: FAILED (exit $status) after ${elapsed}s" >&2 ;;
esac
exit "$status"
