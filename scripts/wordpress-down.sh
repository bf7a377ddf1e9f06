#!/usr/bin/env bash
# Stop the WordPress that scripts/wordpress-up.sh started in this checkout: its PHP web
# server and its MariaDB (only the process groups named in their PID files). The site,
# its database and the cached packages stay, so the next wordpress-up.sh takes seconds.
#   --purge   also delete this checkout's site and database (instance/realcms/wordpress)
set -euo pipefail
WHAT=wordpress
. "$(dirname "$(readlink -f "$0")")/realcms/common.sh"
HOME_DIR=$STATE/wordpress
rm -f "$STATE/wordpress.env"  # first: the tests skip from now on
halt "$HOME_DIR/php.pid" "$HOME_DIR/site" 10
halt "$HOME_DIR/mariadbd.pid" mariadbd 60
if [ "${1:-}" = --purge ]; then
  rm -rf "$HOME_DIR"
  say "deleted $HOME_DIR"
fi
say "stopped"
