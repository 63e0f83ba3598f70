#!/usr/bin/env bash
# `make test`: install what the tests need, start a private Redis when none answers, run every test.
source "$(dirname "$0")/common.sh"

ensure_venv requirements-dev.txt
if [ ! -x /usr/bin/chromium ]; then
  can_apt_install && apt_install chromium \
    || die "browser tests need Debian Chromium at /usr/bin/chromium: sudo apt-get install chromium"
fi
build_frontend
export REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
ensure_broker
export TEST_DATABASE_PATH="$ROOT/var/test.sqlite3"

say "ruff"
ruff check .
say "frontend unit tests (vitest)"
npm --prefix frontend test --silent
say "Python tests (pytest: engine, API, real Celery workers, browser end-to-end)"
python -m pytest "$@"
