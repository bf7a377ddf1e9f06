#!/usr/bin/env bash
# Start a real Ghost 5 (from the npm registry, SQLite, development mode) on 127.0.0.1
# for the real-blog tests (pytest -m realcms), and write instance/realcms/ghost.env.
#
# First run: installs Ghost into the cache (~/.cache/byline/realcms, about 4 minutes),
# sets up the owner, a staff author and a custom integration whose Admin API key Byline
# uses. Later runs take seconds. Idempotent: running it twice leaves one Ghost.
# Needs Node 18, 20 or 22, npm, and to install: a C++ toolchain with the headers of Node
# and SQLite (the sqlite3 module is compiled here: its prebuilt binary sits on a host that
# may be unreachable); as root it installs what is missing with apt-get.
#
# Env: GHOST_PORT (default: a free port), BYLINE_REALCMS_CACHE, BYLINE_REALCMS_STATE.
set -euo pipefail
WHAT=ghost
. "$(dirname "$(readlink -f "$0")")/realcms/common.sh"

VERSION=5.130.4
APP=$CACHE/ghost-$VERSION
HOME_DIR=$STATE/ghost
ENV_FILE=$STATE/ghost.env
PIDFILE=$HOME_DIR/ghost.pid
started=$SECONDS
mkdir -p "$CACHE" "$HOME_DIR/log"

# ---------------------------------------------------------------- tools
need_apt=()
command -v node >/dev/null && command -v npm >/dev/null || need_apt+=(nodejs npm)
if [ ! -f "$APP/index.js" ]; then  # building sqlite3 needs a compiler and Node's headers
  command -v g++ >/dev/null && command -v make >/dev/null || need_apt+=(g++ make)
  [ -f /usr/include/node/node.h ] || need_apt+=(libnode-dev)
  [ -f /usr/include/sqlite3.h ] || need_apt+=(libsqlite3-dev)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "install ${need_apt[*]} (for example: sudo apt-get install ${need_apt[*]}), then run this again"
  say "apt-get install ${need_apt[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
case $(node -p 'process.versions.node.split(".")[0]') in
  18 | 20 | 22) ;;
  *) fail "Ghost $VERSION runs on Node 18, 20 or 22, not $(node --version); install one of those" ;;
esac

# ---------------------------------------------------------------- install (once, cached)
install_ghost() {
  local tmp=$APP.partial
  rm -rf "$tmp"
  mkdir -p "$tmp"
  say "installing Ghost $VERSION into $APP (first run only, about 4 minutes)"
  (cd "$tmp" && npm pack "ghost@$VERSION" --silent >/dev/null) || fail "npm pack ghost@$VERSION failed"
  tar -xzf "$tmp/ghost-$VERSION.tgz" -C "$tmp" --strip-components=1
  rm -f "$tmp/ghost-$VERSION.tgz"
  # Ghost runs without its devDependencies, and one of them is a tarball on a git host
  # that npm cannot reach from here: drop them before npm resolves anything.
  node -e 'const fs = require("fs"); const p = process.argv[1];
    const pkg = JSON.parse(fs.readFileSync(p)); delete pkg.devDependencies;
    fs.writeFileSync(p, JSON.stringify(pkg, null, 2));' "$tmp/package.json"
  # sqlite3's prebuilt binary sits on a host that may be unreachable, so it is compiled:
  # against the local Node headers, and against the system's SQLite when its headers are
  # there (compiling SQLite's own 9 MB source takes minutes on a busy machine).
  [ -n "${npm_config_nodedir:-}" ] || export npm_config_nodedir=/usr
  if [ -z "${npm_config_sqlite:-}" ] && [ -f /usr/include/sqlite3.h ]; then export npm_config_sqlite=/usr; fi
  # No install scripts, except sqlite3's: the others build optional native modules (re2 for
  # link previews, dtrace) from source for many minutes, and Ghost runs without them.
  (cd "$tmp" && npm install --omit=dev --legacy-peer-deps --ignore-scripts --no-audit --no-fund \
    --loglevel=error && npm rebuild sqlite3 --loglevel=error) \
    >"$CACHE/ghost-npm-install.log" 2>&1 || fail "npm install failed; see $CACHE/ghost-npm-install.log"
  (cd "$tmp" && node -e 'require("sqlite3")') || fail "the sqlite3 module did not build; see $CACHE/ghost-npm-install.log"
  mv "$tmp" "$APP"
}
if [ ! -f "$APP/index.js" ]; then
  exec 9>"$CACHE/ghost.lock"
  flock 9  # another checkout may be installing the same version right now
  [ -f "$APP/index.js" ] || install_ghost
  flock -u 9
fi

# ---------------------------------------------------------------- start
if running "$PIDFILE" "$APP/index.js" && [ -s "$ENV_FILE" ]; then
  PORT=$(sed -n 's/^GHOST_PORT=//p' "$ENV_FILE")
  say "already running on port $PORT"
else
  halt "$PIDFILE" "$APP/index.js" 20
  PORT=${GHOST_PORT:-$(free_port)}
  # This checkout's content folder (database, images, themes) lives outside the cache.
  if [ ! -d "$HOME_DIR/content/themes" ]; then
    mkdir -p "$HOME_DIR/content"
    cp -r "$APP/content/." "$HOME_DIR/content/"
  fi
  # Ghost-CLI's layout: Ghost reads config.<env>.json from its working directory and
  # finds its own package.json through the `current` link there.
  ln -sfn "$APP" "$HOME_DIR/current"
  cat >"$HOME_DIR/config.development.json" <<EOF
{
  "url": "http://$LOOPBACK:$PORT",
  "server": {"host": "$LOOPBACK", "port": $PORT},
  "database": {"client": "sqlite3", "useNullAsDefault": true,
               "connection": {"filename": "$HOME_DIR/content/data/ghost.db"}},
  "paths": {"contentPath": "$HOME_DIR/content/"},
  "privacy": {"useUpdateCheck": false, "useGravatar": false, "useRpcPing": false},
  "security": {"staffDeviceVerification": false},
  "mail": {"transport": "stub"},
  "logging": {"level": "warn", "transports": ["stdout"]}
}
EOF
  (cd "$HOME_DIR" && launch "$PIDFILE" "$HOME_DIR/log/ghost.log" env NODE_ENV=development node "$APP/index.js")
  say "started Ghost (PID $(cat "$PIDFILE")) on $LOOPBACK:$PORT"
fi
BASE=http://$LOOPBACK:$PORT
for _ in $(seq 1 600); do
  [ "$(http_code "$BASE/ghost/api/admin/site/")" = 200 ] && break
  running "$PIDFILE" "$APP/index.js" || fail "Ghost stopped while starting; see $HOME_DIR/log/ghost.log"
  sleep 0.5
done
[ "$(http_code "$BASE/ghost/api/admin/site/")" = 200 ] || fail "Ghost did not answer within 5 minutes; see $HOME_DIR/log/ghost.log"

# ---------------------------------------------------------------- owner, author, integration
[ -s "$HOME_DIR/owner.password" ] || (umask 077 && random_text 24 >"$HOME_DIR/owner.password")
[ -s "$HOME_DIR/author.password" ] || (umask 077 && random_text 24 >"$HOME_DIR/author.password")
python3 "$REPO/scripts/realcms/ghost_setup.py" "$BASE" "$HOME_DIR" "$ENV_FILE" "$VERSION" \
  || fail "setting up the owner and the integration failed (log: $HOME_DIR/log/ghost.log)"
say "ready at $BASE in $((SECONDS - started)) s; connection facts in $ENV_FILE"
