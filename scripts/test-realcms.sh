#!/usr/bin/env bash
# CI step: the tests against a real WordPress and a real Ghost (pytest -m realcms).
# Starts both blogs (installing them on the first run: about 5 minutes; later runs start
# in seconds from the cache), runs the tests, and stops both blogs even when a test
# fails. Here a blog that cannot start fails the run instead of skipping the tests.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
fi

stop() {
  bash scripts/ghost-down.sh || true
  bash scripts/wordpress-down.sh || true
}
trap stop EXIT
started=$SECONDS
bash scripts/wordpress-up.sh &
wordpress=$!
bash scripts/ghost-up.sh &
ghost=$!
status=0
wait "$wordpress" || status=$?
wait "$ghost" || status=$?  # both finish before the trap stops them
[ "$status" = 0 ] || exit "$status"
echo "== both blogs up in $((SECONDS - started)) s"

BYLINE_REALCMS_REQUIRED=1 .venv/bin/python -m pytest -m realcms tests/realcms "$@"
