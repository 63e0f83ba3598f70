# The two commands of the README. Everything else lives in scripts/.
.PHONY: run test bench

run:  ## install, build, migrate, load examples, start Redis/worker/web
	bash scripts/run.sh

test:  ## install test dependencies, start what is missing, run every test
	bash scripts/test.sh

bench:  ## speed benchmarks with their targets (see bench/)
	bash -c 'source scripts/common.sh && ensure_venv requirements-dev.txt && for b in bench/*.py; do python "$$b"; done'
