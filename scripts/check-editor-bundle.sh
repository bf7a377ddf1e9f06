#!/usr/bin/env bash
# CI: rebuild the editor bundle and fail when it differs from the committed one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-editor.sh >/dev/null
if ! git diff --quiet -- static/vendor/ || [ -n "$(git ls-files --others --exclude-standard static/vendor/)" ]; then
  git --no-pager diff --stat -- static/vendor/
  echo "The committed editor bundle differs from a fresh build of frontend/." >&2
  echo "Run: bash scripts/build-editor.sh, then commit static/vendor/." >&2
  exit 1
fi
echo "Editor bundle matches frontend/ (static/vendor/ is up to date)."
