# Helpers shared by scripts/{wordpress,ghost}-{up,down}.sh. Sourced, never run.
#
# Two places on disk:
#   CACHE  what is downloaded and installed once (Debian packages, Ghost's node_modules):
#          ${BYLINE_REALCMS_CACHE:-~/.cache/byline/realcms}, shared by every checkout.
#   STATE  one checkout's running blogs (databases, logs, PID files, env files):
#          instance/realcms/ (gitignored).
# Servers listen on 127.0.0.1 only, each on a free port chosen at start. A server is
# started with setsid (its own process group); its PID goes to a PID file, and the down
# scripts stop exactly that process group and nothing else.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${BYLINE_REALCMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/byline/realcms}
STATE=${BYLINE_REALCMS_STATE:-$REPO/instance/realcms}
LOOPBACK=127.0.0.1
# Loopback traffic never goes through a proxy.
export no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"
export NO_PROXY="$no_proxy"

say() { printf '%s %s: %s\n' "$(date +%H:%M:%S)" "$WHAT" "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

random_text() {  # random_text N: N letters and digits
  python3 -c 'import secrets, string, sys
alphabet = string.ascii_letters + string.digits
print("".join(secrets.choice(alphabet) for _ in range(int(sys.argv[1]))))' "$1"
}

# running PIDFILE NEEDLE: the PID in PIDFILE is alive and its command line contains NEEDLE
running() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1")
  [ -r "/proc/$pid/cmdline" ] || return 1
  grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null && return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$2"
}

# launch PIDFILE LOGFILE COMMAND...: start COMMAND in its own session, remember its PID
launch() {
  local pidfile=$1 logfile=$2
  shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  echo $! >"$pidfile"
}

# halt PIDFILE NEEDLE SECONDS: stop the process group started by launch, then forget it
halt() {
  local pidfile=$1 needle=$2 seconds=$3 pid i
  if ! running "$pidfile" "$needle"; then
    rm -f "$pidfile"
    return 0
  fi
  pid=$(cat "$pidfile")
  say "stopping $needle (process group $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < seconds * 10; i++)); do
    running "$pidfile" "$needle" || break
    sleep 0.1
  done
  if running "$pidfile" "$needle"; then
    say "process group $pid did not stop in ${seconds}s; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# http_code URL [CURL ARGS...]: the HTTP status, or 000 when nothing answered
http_code() {
  local url=$1
  shift
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" "$url" 2>/dev/null || true
}

# write_env FILE KEY=VALUE...: the connection facts the tests read (mode 600), each value
# quoted for the shell, so the file can also be sourced
write_env() {
  local file=$1 pair
  shift
  (
    umask 077
    for pair in "$@"; do printf '%s=%q\n' "${pair%%=*}" "${pair#*=}"; done >"$file.tmp"
  )
  mv "$file.tmp" "$file"
}
