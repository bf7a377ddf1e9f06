#!/usr/bin/env bash
# Stop the Ghost that scripts/ghost-up.sh started in this checkout (only the process group
# named in its PID file). Its content folder and database stay, and so does the cached
# install, so the next ghost-up.sh takes seconds.
#   --purge   also delete this checkout's Ghost content and database (instance/realcms/ghost)
set -euo pipefail
WHAT=ghost
. "$(dirname "$(readlink -f "$0")")/realcms/common.sh"
HOME_DIR=$STATE/ghost
rm -f "$STATE/ghost.env"  # first: the tests skip from now on
halt "$HOME_DIR/ghost.pid" "/index.js" 30
if [ "${1:-}" = --purge ]; then
  rm -rf "$HOME_DIR"
  say "deleted $HOME_DIR"
fi
say "stopped"
