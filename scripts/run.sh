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
STARTED_PIDS+=($!)
sleep 1
say "Holarchy is running at http://127.0.0.1:$PORT/  (log in as demo / demo; API docs at /api/docs/; Ctrl-C stops everything)"
wait -n
