#!/usr/bin/env bash
# `make run`: install, build, migrate, load the examples, start broker, workers (jobs, reaper), beat and web server,
# each supervised: a process that dies is started again, and the others keep running.
source "$(dirname "$0")/common.sh"

ensure_venv requirements.txt
build_frontend
say "migrating the database"
python manage.py migrate --noinput -v 0
python manage.py collectstatic --noinput -v 0
say "loading the example models (user demo / password demo)"
python manage.py load_examples
ensure_broker allow-embedded

PORT="${PORT:-8000}"
python -c "import socket, sys; socket.create_server(('127.0.0.1', int(sys.argv[1]))).close()" "$PORT" 2>/dev/null \
  || die "port $PORT is taken: stop what uses it or set PORT=..."

say "starting a Celery worker (every job queue; log: var/worker.log), the reaper's own small worker (var/reaper.log) and celery beat (periodic tasks such as the reaper; log: var/beat.log)"
supervise worker "$ROOT/var/worker.log" \
  celery -A holarchy worker -n "worker@%h" -Q runs,sweeps,explorations --loglevel=INFO \
  --concurrency="${WORKER_CONCURRENCY:-2}"
supervise reaper "$ROOT/var/reaper.log" \
  celery -A holarchy worker -n "reaper@%h" -Q maintenance --loglevel=INFO --concurrency=1
supervise beat "$ROOT/var/beat.log" \
  celery -A holarchy beat --loglevel=INFO --schedule "$ROOT/var/celerybeat-schedule"

say "starting the web server"
supervise web /dev/stdout gunicorn holarchy.wsgi --bind "127.0.0.1:$PORT" --workers "${WEB_WORKERS:-2}" --access-logfile -
until python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
    "http://127.0.0.1:$PORT/static/index.html" 2>/dev/null; do
  sleep 0.5
done
say "Holarchy is running at http://127.0.0.1:$PORT/  (log in as demo / demo; API docs at /api/docs/; Ctrl-C stops everything)"
wait
