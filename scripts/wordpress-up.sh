#!/usr/bin/env bash
# Start a real WordPress (Debian 12's package) on 127.0.0.1 for the real-blog tests
# (pytest -m realcms), and write instance/realcms/wordpress.env.
#
# Nothing is installed system-wide and root is not needed: the Debian packages
# (wordpress, php8.2-cli/-common/-mysql, mariadb-server-core, ...) are fetched with
# `apt-get download` into the cache (~/.cache/byline/realcms) and unpacked there with
# `dpkg -x`. This checkout gets its own MariaDB (socket only, no TCP port), its own
# WordPress copy and wp-config.php under instance/realcms/wordpress/, and PHP's built-in
# web server on a free loopback port. The site runs with WP_ENVIRONMENT_TYPE=local:
# WordPress accepts application passwords over plain http only on local sites.
#
# Users: "byline" (Editor, the account Byline publishes with, with an application
# password), "cio" (Author, Casey Chief, cio@example.test), "contributor" and "admin"
# (each with an application password too).
# Idempotent; the first run takes about 15 s, later runs 2-3 s.
#
# Env: WP_PORT (default: a free port), BYLINE_REALCMS_CACHE, BYLINE_REALCMS_STATE.
set -euo pipefail
WHAT=wordpress
. "$(dirname "$(readlink -f "$0")")/realcms/common.sh"

PACKAGES=(wordpress wordpress-theme-twentytwentythree php8.2-cli php8.2-common php8.2-mysql
          php8.2-opcache mariadb-server-core mariadb-client-core liburing2 libaio1)
ROOT=$CACHE/debian-root          # the unpacked packages, shared by every checkout
HOME_DIR=$STATE/wordpress        # this checkout's site
DOCROOT=$HOME_DIR/site
DATADIR=$HOME_DIR/mysql
ENV_FILE=$STATE/wordpress.env
WEB_PID=$HOME_DIR/php.pid
DB_PID=$HOME_DIR/mariadbd.pid
PHP=$ROOT/usr/bin/php8.2
EXT_DIR=$ROOT/usr/lib/php/20220829
export LD_LIBRARY_PATH=$ROOT/usr/lib/x86_64-linux-gnu:$ROOT/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export PHP_INI_SCAN_DIR=  # never read /etc/php
started=$SECONDS
mkdir -p "$CACHE" "$HOME_DIR/log"

# The MariaDB socket path must stay under the kernel's 108-byte limit.
SOCKET=$HOME_DIR/mysqld.sock
if [ ${#SOCKET} -gt 100 ]; then
  SOCKET=${TMPDIR:-/tmp}/byline-wp-$(printf '%s' "$HOME_DIR" | md5sum | cut -c1-12).sock
fi

# ---------------------------------------------------------------- packages (once, cached)
unpack_packages() {
  local debs=$CACHE/debs
  mkdir -p "$debs"
  say "downloading Debian packages: ${PACKAGES[*]}"
  if ! (cd "$debs" && apt-get download -qq "${PACKAGES[@]}") >"$CACHE/apt-download.log" 2>&1; then
    [ "$(id -u)" = 0 ] || fail "apt-get download failed (see $CACHE/apt-download.log); run 'sudo apt-get update' and try again"
    say "refreshing the package lists (apt-get update) and trying again"
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$debs" && apt-get download -qq "${PACKAGES[@]}") >>"$CACHE/apt-download.log" 2>&1 \
      || fail "apt-get download failed; see $CACHE/apt-download.log"
  fi
  rm -rf "$ROOT.partial"
  mkdir -p "$ROOT.partial"
  for deb in "$debs"/*.deb; do dpkg -x "$deb" "$ROOT.partial"; done
  echo "${PACKAGES[*]}" >"$ROOT.partial/.packages"
  rm -rf "$ROOT" "$debs"
  mv "$ROOT.partial" "$ROOT"
}
unpacked() { [ -x "$PHP" ] && [ "$(cat "$ROOT/.packages" 2>/dev/null)" = "${PACKAGES[*]}" ]; }
if ! unpacked; then
  exec 9>"$CACHE/debian.lock"
  flock 9  # another checkout may be unpacking right now
  unpacked || unpack_packages
  flock -u 9
fi
missing=$(ldd "$PHP" "$ROOT/usr/sbin/mariadbd" "$EXT_DIR"/*.so 2>/dev/null | grep 'not found' | sort -u || true)
[ -z "$missing" ] || fail "shared libraries are missing; install them with apt-get: $missing"

# ---------------------------------------------------------------- this checkout's secrets
secret() {  # secret NAME: a random value kept in $HOME_DIR/secrets/NAME
  mkdir -p "$HOME_DIR/secrets"
  chmod 700 "$HOME_DIR/secrets"
  [ -s "$HOME_DIR/secrets/$1" ] || (umask 077 && random_text "${2:-32}" >"$HOME_DIR/secrets/$1")
  cat "$HOME_DIR/secrets/$1"
}
DB_PASSWORD=$(secret db-password 24)

# ---------------------------------------------------------------- MariaDB (socket only)
if [ ! -d "$DATADIR/mysql" ]; then
  rm -rf "$DATADIR"
  "$ROOT/usr/bin/mariadb-install-db" --no-defaults --basedir="$ROOT/usr" --datadir="$DATADIR" \
    --user="$(id -un)" --auth-root-authentication-method=normal --skip-test-db \
    >"$HOME_DIR/log/mariadb-install.log" 2>&1 || fail "mariadb-install-db failed; see $HOME_DIR/log/mariadb-install.log"
fi
if ! running "$DB_PID" mariadbd; then
  launch "$DB_PID" "$HOME_DIR/log/mariadbd.log" "$ROOT/usr/sbin/mariadbd" --no-defaults \
    --basedir="$ROOT/usr" --datadir="$DATADIR" --plugin-dir="$ROOT/usr/lib/mysql/plugin" \
    --lc-messages-dir="$ROOT/usr/share/mysql" --user="$(id -un)" --skip-networking \
    --socket="$SOCKET" --pid-file="$HOME_DIR/mariadbd.own.pid" --innodb-buffer-pool-size=32M \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
fi
sql() { "$ROOT/usr/bin/mariadb" --no-defaults -uroot --socket="$SOCKET" "$@"; }
for _ in $(seq 1 120); do
  sql -e 'SELECT 1' >/dev/null 2>&1 && break
  running "$DB_PID" mariadbd || fail "MariaDB stopped while starting; see $HOME_DIR/log/mariadbd.log"
  sleep 0.25
done
sql <<EOF || fail "creating the WordPress database failed"
CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER 'wordpress'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';
EOF

# ---------------------------------------------------------------- the site and its config
if running "$WEB_PID" "$DOCROOT" && [ -s "$ENV_FILE" ]; then
  PORT=$(sed -n 's/^WORDPRESS_PORT=//p' "$ENV_FILE")
else
  halt "$WEB_PID" "$DOCROOT" 10
  PORT=${WP_PORT:-$(free_port)}
fi
BASE=http://$LOOPBACK:$PORT
if [ ! -f "$DOCROOT/wp-settings.php" ]; then
  # A copy per checkout: Debian's wp-config.php only reads /etc/wordpress, so each site
  # needs its own, and uploads land in the site's own wp-content.
  rm -rf "$DOCROOT"
  cp -a "$ROOT/usr/share/wordpress" "$DOCROOT"
fi
{
  echo "<?php"
  echo "// Written by scripts/wordpress-up.sh for the real-blog tests; rewritten on every start."
  echo "define('DB_NAME', 'wordpress');"
  echo "define('DB_USER', 'wordpress');"
  echo "define('DB_PASSWORD', '$DB_PASSWORD');"
  echo "define('DB_HOST', 'localhost:$SOCKET');"
  echo "define('DB_CHARSET', 'utf8mb4');"
  echo "define('DB_COLLATE', '');"
  for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
    echo "define('$key', '$(secret "$key" 64)');"
  done
  echo "\$table_prefix = 'wp_';"
  echo "define('WP_HOME', '$BASE');"
  echo "define('WP_SITEURL', '$BASE');"
  echo "// Application passwords over plain http: WordPress allows them on local sites only."
  echo "define('WP_ENVIRONMENT_TYPE', 'local');"
  echo "define('DISABLE_WP_CRON', true);           // no loopback requests to php -S"
  echo "define('WP_HTTP_BLOCK_EXTERNAL', true);    // no update checks or pings"
  echo "define('AUTOMATIC_UPDATER_DISABLED', true);"
  echo "define('WP_DEBUG', false);"
  echo "define('ABSPATH', '$DOCROOT/');"
  echo "require_once ABSPATH . 'wp-settings.php';"
} >"$DOCROOT/wp-config.php"
{
  echo "extension_dir=$EXT_DIR"
  for ext in ctype fileinfo iconv tokenizer exif gettext posix sockets mysqlnd mysqli pdo pdo_mysql; do
    echo "extension=$ext"
  done
  # Without the opcode cache every request compiles WordPress again (about 0.3 s).
  echo "zend_extension=opcache"
  echo "opcache.enable=1"
  echo "opcache.enable_cli=1"
  echo "memory_limit=256M"
  echo "date.timezone=UTC"
  echo "display_errors=Off"
  echo "log_errors=On"
  echo "error_log=$HOME_DIR/log/php-errors.log"
} >"$HOME_DIR/php.ini"
# The built-in web server has no rewrite rules: hand every path that is not a file to
# index.php, so pretty permalinks and /wp-json/ work as on Apache.
cat >"$HOME_DIR/router.php" <<'EOF'
<?php
$root = $_SERVER['DOCUMENT_ROOT'];
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/');
$file = $root . $path;
if (is_file($file) || (is_dir($file) && is_file(rtrim($file, '/') . '/index.php'))) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
require $root . '/index.php';
EOF

# ---------------------------------------------------------------- install, users, app passwords
FACTS=$HOME_DIR/facts.env
"$PHP" -c "$HOME_DIR/php.ini" "$REPO/scripts/realcms/wordpress_setup.php" "$DOCROOT" "$BASE" \
  "$HOME_DIR/secrets" "$FACTS" >"$HOME_DIR/log/setup.log" 2>&1 \
  || { cat "$HOME_DIR/log/setup.log" >&2; fail "installing the site and its users failed"; }

# ---------------------------------------------------------------- the web server
if ! running "$WEB_PID" "$DOCROOT"; then
  launch "$WEB_PID" "$HOME_DIR/log/php-server.log" env PHP_CLI_SERVER_WORKERS=4 \
    "$PHP" -c "$HOME_DIR/php.ini" -S "$LOOPBACK:$PORT" -t "$DOCROOT" "$HOME_DIR/router.php"
fi
for _ in $(seq 1 120); do
  [ "$(http_code "$BASE/wp-json/")" = 200 ] && break
  running "$WEB_PID" "$DOCROOT" || fail "PHP's web server stopped; see $HOME_DIR/log/php-server.log"
  sleep 0.25
done
[ "$(http_code "$BASE/wp-json/")" = 200 ] || fail "WordPress did not answer at $BASE/wp-json/; see $HOME_DIR/log/"
# Application passwords are silently ignored when WordPress thinks they are unsafe: prove they work.
user=$(sed -n 's/^WORDPRESS_USER=//p' "$FACTS")
password=$(sed -n 's/^WORDPRESS_APP_PASSWORD=//p' "$FACTS")
code=$(http_code "$BASE/wp-json/wp/v2/users/me?context=edit" -u "$user:$password")
[ "$code" = 200 ] || fail "WordPress refused the application password (HTTP $code); see $HOME_DIR/log/"

mapfile -t facts <"$FACTS"
write_env "$ENV_FILE" "WORDPRESS_URL=$BASE" "WORDPRESS_PORT=$PORT" "${facts[@]}"
say "ready at $BASE in $((SECONDS - started)) s; connection facts in $ENV_FILE"
