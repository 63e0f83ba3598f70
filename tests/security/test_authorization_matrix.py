"""Every endpoint, every method, every kind of caller: generated from the URL configuration.

The routes are read from Django's resolver, so a new endpoint is covered the
moment it is routed, and fails here until ``RULES`` says who may use it.
Each request runs inside a savepoint that is rolled back, and is checked
against three rules:

1. nothing of a team where the caller has no write role changes (and nothing
   at all changes when the answer is a 4xx);
2. the answer names nothing of a team the caller is not a member of;
3. each role gets what it may: anonymous 401/403, an outsider 404, a viewer
   or reviewer reads but 403 on writes, an editor or owner succeeds (only an
   owner where the route manages the team: members, invitations, limits);
   a user's own objects (API tokens) exist for that user only.

Writes are also tried pointing the object at the other team's objects, one
pointer at a time (a workspace's team, a link's model and ends, a
component's holons, a holon's parent, a job's version): refused unless the
caller may write there and the write is a consistent create over there; and
for a caller who cannot see that team, answered exactly like an id nobody has.
"""

import collections
import copy
import functools
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import django_filters
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import F
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from holarchy.accounts import services as accounts
from holarchy.accounts.models import AuditEntry, Membership, Role, Team
from holarchy.accounts.permissions import team_path
from holarchy.modeling import selectors, services
from holarchy.modeling.models import Holon, Workspace
from holarchy.reviews.models import Comment, Decision, Notification, Review, ReviewEvent, Thread
from simulations.models import Exploration, JobStatus, LevelStudy, Run, Sweep
from tests.modeling.conftest import SHOP

User = get_user_model()
METHODS = ("get", "post", "put", "patch", "delete")
ANONYMOUS, OUTSIDER, VIEWER, REVIEWER, EDITOR, OWNER, DUAL = (
    "anonymous", "outsider", "viewer", "reviewer", "editor", "owner", "dual",
)
IDENTITIES = (ANONYMOUS, OUTSIDER, VIEWER, REVIEWER, EDITOR, OWNER, DUAL)
#: Memberships: (team, role). The editor also reads the other team; "dual" edits both.
MEMBERSHIPS = {
    OUTSIDER: [("globx", Role.OWNER)],
    VIEWER: [("acmex", Role.VIEWER)],
    REVIEWER: [("acmex", Role.REVIEWER)],
    EDITOR: [("acmex", Role.EDITOR), ("globx", Role.VIEWER)],
    OWNER: [("acmex", Role.OWNER)],
    DUAL: [("acmex", Role.EDITOR), ("globx", Role.EDITOR)],
}
WRITERS = (EDITOR, OWNER, DUAL)
OWNERS = (OWNER,)
REVIEWERS = (REVIEWER, EDITOR, OWNER, DUAL)  # who comments on and decides reviews
NEW_PASSWORD = "a-long-new-password-7"


# The rules: who may use each route, with a valid body per write and what success looks like.


@dataclass(frozen=True)
class Ref:
    """An object of the world, taken from acme (the home team) or, in a pointer variant, from globex."""

    kind: str


@dataclass(frozen=True)
class Rule:
    # "public": anyone; "user": any signed-in user; "team": members of the object's team; "own": the object's user
    scope: str
    bodies: dict[str, Any] = field(default_factory=dict)  # method -> body (with Refs)
    query: dict[str, Any] = field(default_factory=dict)
    ok: dict[str, tuple[int, ...]] = field(default_factory=dict)  # method -> statuses of success
    # The identities whose writes succeed ("team" scope): OWNERS for managing the team; a review route
    # would name REVIEWER too (its writes may then change the home team's rows).
    writers: tuple[str, ...] = WRITERS


DRAFT = Ref("draft")  # the team's own draft document: content, not a pointer
#: Routes on one object that create a new one where their pointer points (a copy into another team's workspace):
#: like a create, consistent over there when the caller writes there (and may read the original).
CREATES_AT_POINTER = {"model-copy"}
NEUTRAL_DOCUMENT = {**copy.deepcopy(SHOP), "name": "Imported"}
JOB_CANCEL = {"post": (200, 409)}
#: The matrix's jobs hold made-up summaries (a team's mark), which no comparison reads: 400 on `with`.
JOB_COMPARE = {"get": (200, 400)}
NO_GRAPH = {"get": (200, 409)}

RULES: dict[str, Rule] = {
    "health": Rule("public", ok={method: (200, 405, 503) for method in METHODS}),  # 503: no worker answers
    "schema": Rule("public"),
    "api-docs": Rule("public"),
    "login": Rule("public", bodies={"post": {"username": "nobody", "password": "wrong"}}, ok={"post": (400,)}),
    "signup": Rule(
        "public", bodies={"post": {"username": "newcomer", "email": "newcomer@example.com", "password": NEW_PASSWORD}},
        ok={"post": (201,)},
    ),
    "password-change": Rule(
        "user", bodies={"post": {"old_password": "wrong", "new_password": NEW_PASSWORD}}, ok={"post": (400,)}
    ),
    "logout": Rule("user", ok={"post": (204,)}),
    "api-password-reset": Rule("public", bodies={"post": {"email": "nobody@example.com"}}, ok={"post": (204,)}),
    "me": Rule("user"),
    "api-root": Rule("user"),
    "not_found": Rule("public", ok={method: (404,) for method in METHODS}),
    "behavior-list": Rule("user"),
    "team-list": Rule("user", bodies={"post": {"name": "Fresh"}}),
    "team-detail": Rule("team", bodies={"put": {"name": "Renamed"}, "patch": {"name": "Renamed"}}, writers=OWNERS),
    "team-limits": Rule(
        "team", bodies={"put": {"max_active_jobs": 3}, "patch": {"max_exploration_states": 1000}}, writers=OWNERS
    ),
    "member-list": Rule("team"),
    "member-detail": Rule("team", bodies={"put": {"role": "reviewer"}, "patch": {"role": "editor"}}, writers=OWNERS),
    "invitation-list": Rule(
        "team", bodies={"post": {"team": Ref("team"), "invitee": "guest@example.com", "role": "reviewer"}},
        writers=OWNERS,
    ),
    "invitation-detail": Rule("team", writers=OWNERS),
    "invitation-accept": Rule("user", bodies={"post": {"token": "not-a-token"}}, ok={"post": (404,)}),
    "token-list": Rule("user", bodies={"post": {"name": "ci", "days": 7}}),
    "token-detail": Rule("own"),
    "audit-list": Rule("team"),
    "workspace-list": Rule("team", bodies={"post": {"team": Ref("team"), "name": "New"}}),
    "workspace-detail": Rule(
        "team",
        bodies={"put": {"team": Ref("team"), "name": "Renamed"}, "patch": {"team": Ref("team"), "name": "Renamed"}},
        ok={"delete": (400,)},  # runs refer to its versions
    ),
    "model-list": Rule("team", bodies={"post": {"workspace": Ref("workspace"), "name": "Blank"}}),
    "model-import-document": Rule(
        "team", bodies={"post": {"workspace": Ref("workspace"), "document": NEUTRAL_DOCUMENT}}
    ),
    "model-detail": Rule(
        "team", bodies={"put": {"name": "Renamed"}, "patch": {"description": "new"}}, ok={"delete": (400,)}
    ),
    "model-export": Rule("team"),
    "model-revision": Rule("team"),
    "model-check": Rule("team", bodies={"post": {"document": DRAFT}}),
    "model-check-expression": Rule("team", bodies={"post": {"expression": "len(components) > 0"}}),
    "model-replace": Rule("team", bodies={"post": {"document": DRAFT}}),
    # Reading the original is enough; the workspace the copy goes to needs a write role.
    "model-copy": Rule("team", bodies={"post": {"workspace": Ref("workspace")}}),
    "model-versions": Rule("team", bodies={"post": {"message": "again"}}),
    "version-list": Rule("team"),
    "version-detail": Rule("team"),
    "version-diff": Rule("team", query={"against": Ref("version")}),
    "component-list": Rule(
        "team",
        bodies={"post": {"model": Ref("model"), "key": "new", "behavior": "server",
                         "holons": [Ref("holon"), Ref("holon_logical")]}},
    ),
    "component-detail": Rule(
        "team",
        bodies={
            "put": {"model": Ref("model"), "key": "renamed", "behavior": "server"},
            "patch": {"model": Ref("model"), "state": "durable"},
        },
    ),
    "link-list": Rule(
        "team", bodies={"post": {"model": Ref("model"), "source": Ref("component_b"), "target": Ref("component")}}
    ),
    "link-detail": Rule(
        "team",
        bodies={
            "put": {"model": Ref("model"), "source": Ref("component_b"), "target": Ref("component")},
            "patch": {"source": Ref("component_b"), "target": Ref("component")},
        },
    ),
    "holarchy-list": Rule("team", bodies={"post": {"model": Ref("model"), "name": "third", "root_key": "all"}}),
    "holarchy-detail": Rule(
        "team",
        bodies={"put": {"model": Ref("model"), "name": "renamed", "levels": ["a", "b", "c"]},
                "patch": {"levels": ["x", "y", "z"]}},
    ),
    "holon-list": Rule("team", bodies={"post": {"parent": Ref("holon_b"), "key": "new"}}),
    "holon-detail": Rule("team", bodies={"put": {"key": "renamed", "name": "n"}, "patch": {"name": "n"}}),
    "holon-move": Rule("team", bodies={"post": {"parent": Ref("holon_b")}}),
    "holon-place": Rule("team", bodies={"post": {"component": Ref("component_b")}}),
    "holon-white-box": Rule("team"),
    "holon-black-box": Rule("team"),
    "run-list": Rule("team", bodies={"post": {"version": Ref("version"), "seed": 3}}),
    "run-detail": Rule("team"),
    "run-cancel": Rule("team", ok=JOB_CANCEL),
    "run-trace": Rule("team", ok={"get": (200, 202, 404, 409)}),  # no stored trace: 202 while produced
    "run-compare": Rule("team", query={"with": Ref("run")}, ok=JOB_COMPARE),
    "sweep-list": Rule("team", bodies={"post": {"version": Ref("version"), "seeds": 2}}),
    "sweep-detail": Rule("team"),
    "sweep-cancel": Rule("team", ok=JOB_CANCEL),
    "sweep-compare": Rule("team", query={"with": Ref("sweep")}, ok=JOB_COMPARE),
    "study-list": Rule(
        "team", bodies={"post": {"version": Ref("version"), "holarchy": "physical", "levels": ["rack"]}}
    ),
    "study-detail": Rule("team"),
    "study-cancel": Rule("team", ok=JOB_CANCEL),
    "study-runs": Rule("team"),
    "study-compare": Rule("team", query={"with": Ref("study")}, ok=JOB_COMPARE),
    "exploration-list": Rule("team", bodies={"post": {"version": Ref("version"), "max_states": 10}}),
    "exploration-detail": Rule("team"),
    "exploration-cancel": Rule("team", ok=JOB_CANCEL),
    # The matrix's explorations store no graph: members get 409 (not finished), strangers 404.
    "exploration-graph": Rule("team", ok=NO_GRAPH),
    "exploration-neighbourhood": Rule("team", query={"state": 0, "radius": 1}, ok=NO_GRAPH),
    "exploration-search-states": Rule("team", query={"q": "x"}, ok=NO_GRAPH),
    "exploration-state": Rule("team", ok=NO_GRAPH),
    "review-list": Rule(
        "team", bodies={"post": {"version": Ref("version"), "title": "Another look", "reviewers": ["matrix-reviewer"]}},
        writers=REVIEWERS,
    ),
    "review-detail": Rule(
        "team", bodies={"put": {"version": Ref("version"), "title": "Renamed"}, "patch": {"title": "Renamed"}},
        writers=REVIEWERS,
    ),
    "review-close": Rule("team", writers=REVIEWERS),
    "review-reopen": Rule("team", writers=REVIEWERS),
    "thread-list": Rule(
        "team",
        bodies={"post": {"review": Ref("review"), "anchor_kind": "run_step", "run": Ref("run"), "step": 0,
                         "body": "Why does it stop here?"}},
        writers=REVIEWERS,
    ),
    "thread-detail": Rule("team"),
    "thread-resolve": Rule("team", writers=REVIEWERS),
    "thread-reopen": Rule("team", writers=REVIEWERS),
    "comment-list": Rule(
        "team", bodies={"post": {"thread": Ref("thread"), "reply_to": Ref("comment"), "body": "Agreed"}},
        writers=REVIEWERS,
    ),
    "comment-detail": Rule("team"),
    "decision-list": Rule(
        "team",
        bodies={"post": {"review": Ref("review"), "verdict": "request_changes", "runs": [Ref("run")],
                         "studies": [Ref("study")]}},
        writers=REVIEWERS,
    ),
    "decision-detail": Rule("team"),
    "notification-list": Rule("user"),
    "notification-detail": Rule("own"),
    "notification-read": Rule("own"),
    "notification-read-all": Rule("user"),
    "activity-list": Rule("team"),
}
#: Routes outside the API, left to their own guards (the admin requires staff; the SPA is public HTML; Django's
#: password-reset pages need the token the e-mail carries).
NOT_API = ("admin/", "auth/", "spa")


# The routes, as the resolver knows them.


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    methods: frozenset[str]  # the methods the route answers
    basename: str | None
    detail: bool
    filterset: Any = None

    def __str__(self) -> str:
        return self.name


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _route(pattern: str, urlpattern: URLPattern) -> Route:
    callback = urlpattern.callback
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if actions := getattr(callback, "actions", None):
        methods = frozenset(actions)
    elif view_class is not None:
        methods = frozenset(m for m in METHODS if hasattr(view_class, m))
    else:
        methods = frozenset(METHODS)  # a plain function: it decides
    basename = getattr(callback, "initkwargs", {}).get("basename")
    detail = "(?P<pk>" in pattern
    list_action = actions is not None and actions.get("get") == "list"
    filterset = getattr(view_class, "filterset_class", None) if list_action else None
    return Route(urlpattern.name or callback.__name__, pattern, methods, basename, detail, filterset)


def api_routes() -> list[Route]:
    routes = {}
    for pattern, urlpattern in _walk(get_resolver().url_patterns):
        route = _route(pattern, urlpattern)
        if pattern.startswith(NOT_API) or route.name in NOT_API:
            continue
        routes.setdefault(route.name, route)  # routers repeat their api-root
    return list(routes.values())


ROUTES = api_routes()


def test_every_route_has_a_rule():
    assert not [r.name for r in ROUTES if r.name not in RULES], "add a rule to RULES for each new route"
    assert not set(RULES) - {r.name for r in ROUTES}, "RULES name routes that no longer exist"


# The world: two teams with the same system, each marked by a word that must never reach the other team.


def _marked(prefix: str) -> dict:
    """The Shop document with every component and holon id, and the names, prefixed by the team's mark."""
    text = json.dumps(SHOP)
    for key in ("api", "db", "cache", "worker", "dc", "rack-a", "rack-b", "m1", "m2", "m3", "app", "front", "back",
                "store", "jobs"):
        text = text.replace(f'"{key}"', f'"{prefix}-{key}"')
    document = json.loads(text)
    document["name"], document["description"] = f"{prefix} shop", f"{prefix} secrets"
    document["properties"] = {"safety": [{"name": f"{prefix}-ok", "always": "True"}]}
    return document


def _team_world(mark: str, owner) -> dict[str, Any]:
    team = Team.objects.create(name=mark, slug=mark)
    Membership.objects.create(team=team, user=owner, role=Role.OWNER)
    workspace = Workspace.objects.create(team=team, name=f"{mark}-ws")
    model = services.import_model_document(workspace=workspace, document=_marked(mark), user=owner)
    version = model.versions.get()

    def holon(holarchy: str, key: str) -> Holon:
        return Holon.objects.get(holarchy__model=model, holarchy__name=holarchy, key=f"{mark}-{key}")

    job = {"version": version, "status": JobStatus.SUCCEEDED, "error": f"{mark}-error", "summary": {mark: 1}}
    sweep = Sweep.objects.create(**job, seeds=1)
    world = {
        "team": team,
        "workspace": workspace,
        "model": model,
        "draft": selectors.draft_document(model),
        "version": version,
        "component": model.components.get(key=f"{mark}-api"),
        "component_b": model.components.get(key=f"{mark}-db"),
        "link": model.links.first(),
        "holarchy": model.holarchies.get(name="physical"),
        "holon": holon("physical", "m1"),
        "holon_b": holon("physical", "rack-b"),
        "holon_logical": holon("logical", "front"),
        "run": Run.objects.create(**job, sweep=sweep),
        "sweep": sweep,
        "exploration": Exploration.objects.create(**job),
        "study": LevelStudy.objects.create(**job, holarchy="physical"),
    }
    world |= _review_world(world, owner, mark)
    world["marks"] = [mark, *(str(world[kind].pk) for kind in ("run", "sweep", "exploration", "study"))]
    return world


def _review_world(world: dict[str, Any], owner, mark: str) -> dict[str, Any]:
    """A review (opened by nobody of the matrix, so that every reviewer may decide it), a thread on a run's
    step with a comment, the owner's decision and notification, and a feed event; each marked."""
    review = Review.objects.create(model=world["model"], version=world["version"], title=f"{mark} review")
    thread = Thread.objects.create(review=review, anchor_kind="run_step", run=world["run"], step=1)
    comment = Comment.objects.create(thread=thread, author=owner, body=f"{mark} comment")
    decision = Decision.objects.create(review=review, reviewer=owner, verdict="approve", comment=f"{mark} decision")
    notification = Notification.objects.create(team=world["team"], user=owner, kind="mention", review=review,
                                               thread=thread, comment=comment)
    ReviewEvent.objects.create(team=world["team"], workspace_id=world["workspace"].pk, model_id=world["model"].pk,
                               version_id=world["version"].pk, review=review, actor=owner,
                               actor_name=owner.username, action="commented", text=f"{mark} event")
    return {"review": review, "thread": thread, "comment": comment, "decision": decision,
            "notification": notification}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module (each request is rolled back), and removed at its end."""
    with django_db_blocker.unblock():
        users = {name: User.objects.create_user(username=f"matrix-{name}") for name in IDENTITIES[1:]}
        teams = {"acmex": _team_world("acmex", users[OWNER]), "globx": _team_world("globx", users[OUTSIDER])}
        for name, memberships in MEMBERSHIPS.items():
            for mark, role in memberships:
                Membership.objects.update_or_create(team=teams[mark]["team"], user=users[name], defaults={"role": role})
        for mark, team in teams.items():  # a member who is none of the identities (the owner manages them)
            users[f"member-{mark}"] = User.objects.create_user(username=f"matrix-member-{mark}")
            team["member"] = Membership.objects.create(team=team["team"], user=users[f"member-{mark}"])
            owner = users[OWNER if mark == "acmex" else OUTSIDER]
            team["invitation"], _ = accounts.invite(by=owner, team=team["team"], invitee=f"{mark}-guest@example.com",
                                                    role=Role.VIEWER, link_base="http://testserver/")
            team["token"], _ = accounts.create_api_token(user=owner, name=f"{mark}-token")
        baseline = _snapshot()
    yield {"users": users, "teams": teams, "baseline": baseline}
    with django_db_blocker.unblock():
        ids = [team["team"].pk for team in teams.values()]
        for job in (Run, Exploration, Sweep, LevelStudy):  # they protect the versions they ran
            job.objects.filter(version__model__workspace__team__in=ids).delete()
        Team.objects.filter(pk__in=ids).delete()
        User.objects.filter(pk__in=[user.pk for user in users.values()]).delete()


# One request, checked against the three rules.


@functools.cache
def _team_models() -> list[tuple[type[models.Model], str]]:
    found = []
    for model in apps.get_models():
        if model is AuditEntry:  # the log of the writes, not a team's data: written for every write that succeeds
            continue
        if model._meta.app_label in ("modeling", "simulations", "accounts", "reviews"):
            try:
                found.append((model, team_path(model)))
            except TypeError:
                continue
    return found


def _snapshot() -> dict[tuple[str, int], list]:
    """Every team-owned row, grouped by (table, team)."""
    rows: dict[tuple[str, int], list] = {}
    for model, path in _team_models():
        for row in model.objects.annotate(_team=F(path)).order_by("pk").values():
            rows.setdefault((model._meta.label, row["_team"]), []).append(row)
    return rows


def _changed_teams(before: dict, after: dict) -> set[int]:
    """The teams whose rows differ (a team made by the request, by sign-up or as a new team, counts too)."""
    return {team for key in before.keys() | after.keys() if before.get(key) != after.get(key) for team in [key[1]]}


class _Rollback(Exception):
    pass


@dataclass
class Answer:
    status: int
    body: bytes
    changed: set[int]


def _resolve(value, teams: dict, home: str, swap: tuple[int, str] | None, counter: list[int]):
    """Replace Refs by ids: the home team's, or, for the Ref numbered ``swap[0]``, ``swap[1]``'s or a missing id."""
    if value == DRAFT:
        return teams[home]["draft"]
    if isinstance(value, Ref):
        counter[0] += 1
        if swap is not None and counter[0] - 1 == swap[0]:
            return 987_654_321 if swap[1] == "missing" else teams[swap[1]][value.kind].pk
        return teams[home][value.kind].pk
    if isinstance(value, dict):
        return {k: _resolve(v, teams, home, swap, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, teams, home, swap, counter) for v in value]
    return value


def _count_refs(value) -> int:
    if isinstance(value, Ref) and value != DRAFT:
        return 1
    if isinstance(value, dict):
        return sum(_count_refs(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_refs(v) for v in value)
    return 0


def _url(route: Route, world: dict) -> str:
    path = route.pattern
    if route.detail:
        path = path.replace("(?P<pk>[^/.]+)", str(world["teams"]["acmex"][route.basename].pk))
    path = re.sub(r"\(\?P<\w+>[^)]+\)", "0", path)  # a route's other part (an explored state's id): the first
    path = path.replace("^", "").replace("$", "")
    if route.name == "not_found":
        path = "api/no-such-thing/"
    return "/" + path


def _writes() -> int | None:
    """Rows written so far by this connection (SQLite counts them for free); None: unknown, compare the rows."""
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT total_changes()")
        return cursor.fetchone()[0]


#: Requests made by the matrix, by kind (printed with ``-s``).
COUNTS: collections.Counter = collections.Counter()


def _request(world, identity: str, method: str, url: str, body, query) -> Answer:
    COUNTS["requests"] += 1
    client = APIClient()
    if identity != ANONYMOUS:
        client.force_authenticate(world["users"][identity])
    cache.clear()  # login throttling counts per test, not across the matrix
    try:
        with transaction.atomic():
            writes = _writes()
            if method == "get":
                response = client.get(url, query)
            else:
                response = getattr(client, method)(url, body, format="json")
            wrote = writes is None or _writes() != writes
            changed = _changed_teams(world["baseline"], _snapshot()) if wrote else set()
            answer = Answer(response.status_code, response.content, changed)
            raise _Rollback
    except _Rollback:
        pass
    return answer


def _member_of(identity: str) -> set[str]:
    return {mark for mark, _ in MEMBERSHIPS.get(identity, [])}


def _writer_in(world, identity: str) -> set[int]:
    teams = world["teams"]
    return {teams[mark]["team"].pk for mark, role in MEMBERSHIPS.get(identity, []) if role in (Role.OWNER, Role.EDITOR)}


def _check_invariants(world, identity: str, answer: Answer, what: str, expected=None, writes_home=False) -> None:
    """``writes_home``: the route lets this identity write the home team whatever its role (a reviewer's comment)."""
    assert answer.status < 500 or answer.status in (expected or ()), f"{what}: {answer.status} {answer.body[:300]!r}"
    existing = {team["team"].pk for team in world["teams"].values()}
    may = _writer_in(world, identity) | ({world["teams"]["acmex"]["team"].pk} if writes_home else set())
    assert not (answer.changed & existing) - may, f"{what} changed a team it may not write"
    if answer.status >= 400:
        assert not answer.changed, f"{what} answered {answer.status} but wrote"
    body = answer.body.decode("utf-8", "replace").lower()
    for mark, team in world["teams"].items():
        if mark not in _member_of(identity):
            leaked = [m for m in team["marks"] if m.lower() in body]
            assert not leaked, f"{what} showed {leaked} of {mark} to {identity}: {body[:300]}"


def _expected(route: Route, rule: Rule, identity: str, method: str) -> tuple[int, ...] | None:
    """The statuses this identity may get; None: any non-5xx (public routes decide for themselves)."""
    if rule.scope == "public":
        return rule.ok.get(method) if method in route.methods else None
    if identity == ANONYMOUS:
        return (401, 403)
    if method not in route.methods:
        return (405,)
    success = rule.ok.get(method) or {"get": (200,), "post": (200, 201), "delete": (204,)}.get(method, (200,))
    if rule.scope == "user":
        return success
    if rule.scope == "own":
        return success if identity == OWNER else (404,)
    home = "acmex" in _member_of(identity)
    if not home:
        return (404,) if route.detail else ((200,) if method == "get" else (400, 403, 404))
    if method == "get" or identity in rule.writers:
        return success
    return (403,)


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_route(db, world, route: Route):
    """Every method of this route, as every identity; then each write pointed at the other team's objects."""
    rule = RULES[route.name]
    url = _url(route, world)
    teams = world["teams"]
    checked = 0
    for method in METHODS:
        spec = rule.bodies.get(method, {})
        body = _resolve(spec, teams, "acmex", None, [0])
        query = _resolve(rule.query, teams, "acmex", None, [0])
        for identity in IDENTITIES:
            what = f"{method.upper()} {url} as {identity}"
            answer = _request(world, identity, method, url, body, query)
            expected = _expected(route, rule, identity, method)
            writes_home = rule.scope == "team" and identity in rule.writers
            _check_invariants(world, identity, answer, what, expected, writes_home)
            assert expected is None or answer.status in expected, (
                f"{what}: {answer.status}, expected {expected}: {answer.body[:300]!r}"
            )
            checked += 1
            if method == "get" or method not in route.methods or identity == ANONYMOUS:
                continue
            for i in range(_count_refs(spec)):
                _check_pointer(world, route, identity, method, url, spec, i)
    assert checked == len(METHODS) * len(IDENTITIES)
    COUNTS["routes"] += 1
    COUNTS["route x method x identity"] += checked
    print(dict(COUNTS))


def _check_pointer(world, route: Route, identity: str, method: str, url: str, spec, index: int) -> None:
    """The write with its ``index``-th pointer aimed at globex's object, and at an id nobody has."""
    teams = world["teams"]
    foreign = _request(world, identity, method, url, _resolve(spec, teams, "acmex", (index, "globx"), [0]), {})
    what = f"{method.upper()} {url} as {identity}, pointer {index} at globex"
    COUNTS["pointer variants"] += 1
    _check_invariants(world, identity, foreign, what)
    consistent_create = (not route.detail or route.name in CREATES_AT_POINTER) and _count_refs(spec) == 1
    if not (consistent_create and teams["globx"]["team"].pk in _writer_in(world, identity)):
        assert foreign.status >= 400 and not foreign.changed, f"{what}: {foreign.status} {foreign.body[:300]!r}"
    if "globx" not in _member_of(identity):
        missing = _request(world, identity, method, url, _resolve(spec, teams, "acmex", (index, "missing"), [0]), {})
        assert (missing.status, missing.body) == (foreign.status, foreign.body), (
            f"{what}: a foreign id is told apart from a missing one: {foreign.body[:200]!r} / {missing.body[:200]!r}"
        )


def _kind_of(model: type[models.Model], world) -> str:
    kinds = [kind for kind, obj in world["teams"]["acmex"].items() if type(obj) is model]
    assert kinds, f"the world has no {model.__name__} to filter by: add one to _team_world"
    return kinds[0]


@pytest.mark.parametrize("route", [r for r in ROUTES if r.filterset is not None], ids=str)
def test_filters_accept_only_visible_ids(db, world, route: Route):
    """``?workspace=<id>`` and the like: an own id filters, another team's id is answered like a missing one."""
    teams, url = world["teams"], _url(route, world)
    relations = {
        name: filter_ for name, filter_ in route.filterset.base_filters.items()
        if isinstance(filter_, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter)
    }
    for name, filter_ in relations.items():
        kind = _kind_of(filter_.queryset.model, world)
        for identity in (VIEWER, REVIEWER, OWNER):
            own = _request(world, identity, "get", url, None, {name: teams["acmex"][kind].pk})
            foreign = _request(world, identity, "get", url, None, {name: teams["globx"][kind].pk})
            nobodys = uuid.UUID(int=1) if isinstance(filter_.queryset.model._meta.pk, models.UUIDField) else 987_654_321
            missing = _request(world, identity, "get", url, None, {name: nobodys})
            what = f"GET {url}?{name}= as {identity}"
            for answer in (own, foreign, missing):
                _check_invariants(world, identity, answer, what)
            assert own.status == 200, f"{what}<own>: {own.status} {own.body[:200]!r}"
            assert foreign.status == 400, f"{what}<foreign>: {foreign.status} {foreign.body[:200]!r}"
            assert (foreign.status, foreign.body) == (missing.status, missing.body), what
            COUNTS["filter checks"] += 3
