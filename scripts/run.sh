#!/usr/bin/env bash
# `make run`: install, build, migrate, load the examples, start broker, worker and web server.
source "$(dirname "$0")/common.sh"

ensure_venv requirements.txt
build_frontend
say "migrating the database"
python manage.py migrate --noinput -v 0
python manage.py collectstatic --noinput -v 0
say "loading the example models (user demo / password demo)"
python manage.py load_examples
ensure_broker allow-embedded

say "starting a Celery worker"
celery -A holarchy worker --loglevel=INFO --concurrency="${WORKER_CONCURRENCY:-2}" >"$ROOT/var/worker.log" 2>&1 &
STARTED_PIDS+=($!)

PORT="${PORT:-8000}"
say "starting the web server"
gunicorn holarchy.wsgi --bind "127.0.0.1:$PORT" --workers "${WEB_WORKERS:-2}" --access-logfile - &
WEB_PID=$!
STARTED_PIDS+=($WEB_PID)
until python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
    "http://127.0.0.1:$PORT/static/index.html" 2>/dev/null; do
  kill -0 "$WEB_PID" 2>/dev/null || die "the web server did not start (is port $PORT taken? set PORT=...)"
  sleep 0.5
done
say "Holarchy is running at http://127.0.0.1:$PORT/  (log in as demo / demo; API docs at /api/docs/; Ctrl-C stops everything)"
wait -n
