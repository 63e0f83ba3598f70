"""Import a model and run it on a server, following the job until it ends (see the package's docstring).

Exit codes: 0 done (a followed run succeeded), 1 the run finished otherwise (failed, cancelled, timed out),
2 the server refused the request or could not be reached.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

from .api import ApiError, Client

FINISHED = {"succeeded", "failed", "cancelled", "timed_out"}
POLL_SECONDS = 0.5


def _workspace(client: Client, wanted: int | None) -> int:
    if wanted is not None:
        return wanted
    workspaces = client.get("/api/workspaces/")["results"]
    if not workspaces:
        raise ApiError(None, "you have no workspace: create one in the web app, or pass --workspace")
    return workspaces[0]["id"]


def _model(client: Client, name_or_id: str) -> dict:
    if name_or_id.isdigit():
        return client.get(f"/api/models/{name_or_id}/")
    named = client.get("/api/models/", name=name_or_id)["results"]
    found = [m for m in named if m["name"].lower() == name_or_id.lower()]
    if len(found) != 1:
        where = "no model" if not found else f"{len(found)} models"
        raise ApiError(None, f"{where} named {name_or_id!r}: give the model's id instead")
    return found[0]


def _latest_version(client: Client, model: dict, number: int | None) -> dict:
    versions = client.get("/api/versions/", model=model["id"], limit=500)["results"]
    chosen = [v for v in versions if number is None or v["number"] == number]
    if not chosen:
        raise ApiError(None, f"model {model['name']!r} has no version {number}")
    return max(chosen, key=lambda v: v["number"])


def do_import(client: Client, args) -> int:
    document = Path(args.file).read_text(encoding="utf-8")
    body = {"workspace": _workspace(client, args.workspace), "document": document}
    if args.name:
        body["name"] = args.name
    model = client.post("/api/models/import/", body)
    print(json.dumps(model) if args.json else f"imported model {model['id']} {model['name']!r} (version 1)")
    return 0


def do_run(client: Client, args) -> int:
    model = _model(client, args.model)
    version = _latest_version(client, model, args.version)
    body = {"version": version["id"], "seed": args.seed, "scenario": args.scenario or ""}
    if args.until is not None:
        body["until"] = args.until
    run = client.post("/api/runs/", body)
    if not args.json:
        print(f"run {run['id']} of {model['name']!r} version {version['number']}: {run['status']}", flush=True)
    if not args.follow:
        if args.json:
            print(json.dumps(run))
        return 0
    shown = None
    while run["status"] not in FINISHED:
        time.sleep(POLL_SECONDS)
        run = client.get(f"/api/runs/{run['id']}/")
        now = (run["status"], round((run.get("progress") or 0) * 100))
        if now != shown and not args.json:
            print(f"  {now[0]} {now[1]}%", flush=True)
            shown = now
    if args.json:
        print(json.dumps(run))
    else:
        summary = run.get("summary") or {}
        violations = summary.get("violations") or []
        print(f"run {run['id']}: {run['status']}" + (f" ({run['error']})" if run.get("error") else "")
              + f", {summary.get('steps', '?')} steps, {len(violations)} violations")
    return 0 if run["status"] == "succeeded" else 1


def do_whoami(client: Client, args) -> int:
    me = client.get("/api/auth/me/")
    print(json.dumps(me) if args.json else f"{me['username']}: " + ", ".join(
        f"{m['team_name']} ({m['role']})" for m in me["memberships"]
    ))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m holarchy_client", description=__doc__.split("\n")[0])
    top.add_argument("--server", default=os.environ.get("HOLARCHY_SERVER", "http://127.0.0.1:8000"),
                     help="the server's URL (HOLARCHY_SERVER)")
    top.add_argument("--token", default=os.environ.get("HOLARCHY_TOKEN"),
                     help="an API token made under Account in the web app (HOLARCHY_TOKEN)")
    top.add_argument("--json", action="store_true", help="print the server's answer as JSON")
    commands = top.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="import a model-as-code file as a new model")
    imp.add_argument("file")
    imp.add_argument("--workspace", type=int, help="the workspace's id (default: your first)")
    imp.add_argument("--name", help="the model's name (default: the document's)")
    imp.set_defaults(handler=do_import)
    run = commands.add_parser("run", help="start a run of a model's latest version (or --version N)")
    run.add_argument("model", help="the model's name or id")
    run.add_argument("--version", type=int)
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--scenario")
    run.add_argument("--until", type=float)
    run.add_argument("--follow", action="store_true", help="wait for the run to finish, printing its progress")
    run.set_defaults(handler=do_run)
    commands.add_parser("whoami", help="the token's user and teams").set_defaults(handler=do_whoami)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.token:
        print("a token is needed: --token or HOLARCHY_TOKEN (make one under Account in the web app)", file=sys.stderr)
        return 2
    try:
        return args.handler(Client(args.server, args.token), args)
    except ApiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
