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
say "mypy --strict on the engine (simulations/engine)"
mypy
say "frontend unit tests (vitest)"
npm --prefix frontend test --silent
say "Python tests (pytest: engine, API, real Celery workers, browser end-to-end) on SQLite"
python -m pytest "$@"

# The same persistence and API tests on PostgreSQL, the production database.
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/holarchy}"
# pytest-django creates its own test database, so only the server has to answer (maintenance db "postgres").
if python -c "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=2).close()" \
    "${PG_URL%/*}/postgres" 2>/dev/null; then
  say "API and persistence tests on PostgreSQL ($PG_URL)"
  DATABASE_URL="$PG_URL" python -m pytest tests/modeling tests/simulations tests/foundation -m "not worker and not browser and not slow" -q
else
  say "PostgreSQL does not answer at $PG_URL: the PostgreSQL pass did not run (start PostgreSQL or set TEST_POSTGRES_URL)"
fi
