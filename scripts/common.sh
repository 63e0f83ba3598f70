# Shared steps of `make run` and `make test`: sourced, not executed.
# Each step is idempotent and says what it does; a step that cannot work
# here stops with the exact command a person should run.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
mkdir -p "$ROOT/var"
STARTED_PIDS=()

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mxx\033[0m %s\n' "$*" >&2; exit 1; }

stop_started() {
  for pid in "${STARTED_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop_started EXIT
trap 'exit 130' INT  # Ctrl-C: exit now (even inside `wait`), which stops what was started

# Keep a command running in the background until this script ends ($1: its name,
# $2: its log file, then the command). Whenever it exits, for whatever reason
# (a crash, kill -9, the OOM killer), it is started again: after 1 s, doubling
# up to 30 s while it keeps dying within a minute of starting. Nothing else
# stops with it. The command leads its own process group, so Ctrl-C reaches
# only this script, which then stops each command: TERM, and after 10 s KILL
# to its whole group (a job cut short is re-queued by the reaper).
supervise() {
  local name="$1" log="$2"; shift 2
  (
    child=""
    stop_child() {
      [ -n "$child" ] || exit 0
      kill -TERM "$child" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$child" 2>/dev/null || exit 0; sleep 0.1; done
      kill -KILL -- "-$child" 2>/dev/null || true
      exit 0
    }
    trap stop_child TERM
    pause=1
    while kill -0 $$ 2>/dev/null; do  # the script itself is gone (kill -9): stop supervising
      started=$SECONDS
      setsid "$@" >>"$log" 2>&1 &
      child=$!
      code=0; wait "$child" || code=$?
      child=""
      if (( SECONDS - started > 60 )); then pause=1; fi
      say "$name exited with status $code; starting it again in ${pause}s (log: ${log#"$ROOT"/})"
      sleep "$pause" & wait $!
      pause=$(( pause * 2 > 30 ? 30 : pause * 2 ))
    done
  ) &
  STARTED_PIDS+=($!)
}

can_apt_install() { command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; }

apt_install() {
  say "installing $* with apt-get"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Python virtual environment with pinned dependencies ($1: requirements file).
ensure_venv() {
  local requirements="$1" stamp
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "Python 3.10-3.13 is needed (Django 5.2); set PYTHON=/path/to/python3.11"
  [ -x "$VENV/bin/python" ] || { say "creating virtual environment in .venv"; "$PYTHON" -m venv "$VENV"; }
  stamp="$VENV/.installed-$(cat "$requirements" requirements.txt | sha256sum | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "installing Python dependencies from $requirements"
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q -r "$requirements"
    touch "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}

# Frontend dependencies from package-lock.json, then a production build.
build_frontend() {
  command -v npm >/dev/null || { can_apt_install && apt_install nodejs npm; } || die "Node.js and npm are needed: apt-get install nodejs npm"
  local stamp="frontend/node_modules/.installed-$(sha256sum frontend/package-lock.json | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "installing frontend dependencies (npm ci)"
    npm --prefix frontend ci --no-audit --no-fund --loglevel=error
    touch "$stamp"
  fi
  say "building the frontend"
  npm --prefix frontend run build --silent
}

redis_answers() { "$VENV/bin/python" - "$1" <<'PY' 2>/dev/null
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=1).ping()
PY
}

# Broker: REDIS_URL when it answers; else a private redis-server (installed if
# possible); else ($1 = allow-embedded) the embedded filesystem broker.
ensure_broker() {
  local allow_embedded="${1:-}" url="${REDIS_URL:-redis://127.0.0.1:6379/0}"
  if redis_answers "$url"; then
    say "using Redis at $url"; export REDIS_URL="$url"; return
  fi
  command -v redis-server >/dev/null || { can_apt_install && apt_install redis-server; } || true
  if command -v redis-server >/dev/null; then
    local port="${HOLARCHY_REDIS_PORT:-6390}"
    say "starting a private redis-server on 127.0.0.1:$port (append-only file in var/redis-$port/)"
    mkdir -p "$ROOT/var/redis-$port"
    supervise redis-server "$ROOT/var/redis.log" redis-server --port "$port" --bind 127.0.0.1 --save "" \
      --appendonly yes --dir "$ROOT/var/redis-$port"
    export REDIS_URL="redis://127.0.0.1:$port/0"
    for _ in $(seq 50); do redis_answers "$REDIS_URL" && return; sleep 0.1; done
    die "redis-server did not answer on port $port (see var/redis.log)"
  fi
  [ -n "$allow_embedded" ] || die "Redis is needed and could not be installed: apt-get install redis-server (or set REDIS_URL)"
  say "NO REDIS: using the embedded filesystem broker (real worker processes, one machine only)"
  mkdir -p "$ROOT/var/results"  # the broker's own folders come with its settings
  export CELERY_BROKER_URL="filesystem://" CELERY_RESULT_BACKEND="file://$ROOT/var/results"
}
