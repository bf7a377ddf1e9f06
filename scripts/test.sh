#!/usr/bin/env bash
# Set up and run the full test suite (unit, service, view and browser tests).
# Browser tests use Debian's Chromium at /usr/bin/chromium; without it they
# skip with a reason (and fail when CI is set). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
exec .venv/bin/python -m pytest "$@"
