#!/usr/bin/env bash
# Set up and run Byline on this machine: venv, dependencies, database, server.
# Needs only Python 3.11. Uses SQLite in ./instance unless DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/flask --app webapp upgrade-db
echo "Byline is starting on http://${BYLINE_HOST:-127.0.0.1}:${BYLINE_PORT:-5000} (Ctrl+C stops it)."
exec .venv/bin/flask --app webapp run --host "${BYLINE_HOST:-127.0.0.1}" --port "${BYLINE_PORT:-5000}"
