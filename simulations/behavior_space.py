"""Reading an exploration's stored behavior-space graph: the part to draw, a neighbourhood, a search, one state.

The explorer stores the graph whole up to `GRAPH_LIMIT` states, each with its
global state (megabytes of JSON), so the exploration's rows never carry it: these
selectors read it alone. It never changes once stored, so each process keeps the
last few it parsed, with their adjacency and search text. What a browser gets
is bounded: `DRAW_MAX` states drawn, `NEIGHBOURHOOD_MAX` added around one,
`SEARCH_MAX` matches.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from simulations.engine.explore.explorer import GRAPH_LIMIT
from simulations.engine.explore.replay import NotReplayable, trace_to

from .errors import GraphNotStored, NoSummaryYet, UnknownState
from .models import Exploration

DRAW_DEFAULT = 3_000
DRAW_MAX = 10_000
NEIGHBOURHOOD_DEFAULT = 300
NEIGHBOURHOOD_MAX = 2_000
RADIUS_MAX = 6
SEARCH_DEFAULT = 50
SEARCH_MAX = 200
CACHED_GRAPHS = 3

NODE_FIELDS = ("id", "depth", "initial", "terminal", "violation", "parent")


@dataclass
class StoredGraph:
    """A full graph, indexed: edges as (source, target, label), each label (actor, action) once."""

    nodes: list[dict[str, Any]]
    labels: list[list[str]]
    edges: list[tuple[int, int, int]]
    paths: dict[str, list[int | None]]
    around: list[list[int]] = field(default_factory=list)  # per node: the edges in or out of it
    text: list[str] = field(default_factory=list)  # per node: its state as lower-case JSON, for search

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> StoredGraph:
        label_of: dict[tuple[str, str], int] = {}
        edges = []
        for e in raw["edges"]:
            key = (e["actor"], e["action"])
            edges.append((e["source"], e["target"], label_of.setdefault(key, len(label_of))))
        graph = cls(raw["nodes"], [list(k) for k in label_of], edges, raw.get("paths", {}))
        graph.around = [[] for _ in graph.nodes]
        for k, (a, b, _label) in enumerate(edges):
            graph.around[a].append(k)
            if b != a:
                graph.around[b].append(k)
        if any("parent" not in n for n in graph.nodes):
            graph._find_parents()
        graph.text = [json.dumps(n["state"], sort_keys=True).lower() for n in graph.nodes]
        return graph

    def _find_parents(self) -> None:
        """Graphs stored before parents were kept (an earlier release): a breadth-first search from the initial
        states over the stored steps gives each state a shortest path, as the explorer's own parents do."""
        queue = deque(n["id"] for n in self.nodes if n["initial"])
        parent: dict[int, int | None] = dict.fromkeys(queue)
        while queue:
            source = queue.popleft()
            for k in self.around[source]:
                a, b, _label = self.edges[k]
                if a == source and b not in parent:
                    parent[b] = source
                    queue.append(b)
        self.nodes = [{**n, "parent": parent.get(n["id"])} for n in self.nodes]

    def subgraph(self, ids: list[int]) -> dict[str, Any]:
        """These nodes (without their states) and every edge between two of them."""
        chosen = set(ids)
        edges = sorted({k for i in ids for k in self.around[i]
                        if self.edges[k][0] in chosen and self.edges[k][1] in chosen})
        return {"nodes": [{f: self.nodes[i][f] for f in NODE_FIELDS} for i in ids],
                "edges": [list(self.edges[k]) for k in edges], "labels": self.labels}


_cache: OrderedDict[tuple[str, str], StoredGraph | dict[str, Any]] = OrderedDict()
_lock = threading.Lock()


def _stored(exploration: Exploration) -> StoredGraph | dict[str, Any]:
    """The parsed full graph, or the stored collapsed one (levels only) as is."""
    key = (str(exploration.pk), str(exploration.finished_at))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    raw = Exploration.objects.filter(pk=exploration.pk).values_list("graph", flat=True).first()
    if raw is None:
        raise NoSummaryYet(f"exploration {exploration.pk} has no behavior-space graph yet (it is {exploration.status})")
    parsed: StoredGraph | dict[str, Any] = raw if raw.get("collapsed") else StoredGraph.parse(raw)
    with _lock:
        _cache[key] = parsed
        while len(_cache) > CACHED_GRAPHS:
            _cache.popitem(last=False)
    return parsed


def _full(exploration: Exploration) -> StoredGraph:
    graph = _stored(exploration)
    if isinstance(graph, dict):
        states = (exploration.summary or {}).get("states")
        raise GraphNotStored(f"the behavior space has {states} states, more than the {GRAPH_LIMIT:,} stored state by "
                             "state: only its levels are kept (explore with a lower max_states to see states)")
    return graph


def drawn_graph(exploration: Exploration, limit: int) -> dict[str, Any]:
    """What the page draws: every counterexample's states first, then the shallowest others, `limit` in all."""
    graph = _stored(exploration)
    if isinstance(graph, dict):
        return graph
    on_paths = dict.fromkeys(i for ids in graph.paths.values() for i in ids if i is not None)
    rest = (n["id"] for n in sorted(graph.nodes, key=lambda n: (n["depth"], n["id"])) if n["id"] not in on_paths)
    ids = list(on_paths)[:limit]
    ids += [i for _, i in zip(range(limit - len(ids)), rest, strict=False)]
    return {"collapsed": False, "states": len(graph.nodes), "paths": graph.paths, **graph.subgraph(ids)}


def neighbourhood(exploration: Exploration, state: int, radius: int, limit: int) -> dict[str, Any]:
    """The states at most `radius` steps from `state` (either way), nearest first, `limit` at most."""
    graph = _full(exploration)
    _check_state(graph, state, "state")
    distance = {state: 0}
    queue = deque([state])
    cut = False
    while queue:
        here = queue.popleft()
        if distance[here] == radius:
            continue
        for k in graph.around[here]:
            a, b, _label = graph.edges[k]
            there = b if a == here else a
            if there in distance:
                continue
            if len(distance) == limit:
                cut = True
                break
            distance[there] = distance[here] + 1
            queue.append(there)
    return {"state": state, "radius": radius, "complete": not cut, **graph.subgraph(list(distance))}


_ASSIGNMENT = re.compile(r"^\s*(?:(?P<component>[\w.-]+)\.)?(?P<variable>\w+)\s*=\s*(?P<value>.+?)\s*$")


def search_states(exploration: Exploration, query: str, limit: int) -> dict[str, Any]:
    """States matching `query`: a state id (`42`), a variable's value (`x=1`, `db.x=1`: the value as JSON or
    as text), or else text anywhere in the state (a component, a message type, a value)."""
    graph = _full(exploration)
    query = query.strip()
    if query.isdigit():
        matches = [int(query)] if int(query) < len(graph.nodes) else []
    elif assignment := _ASSIGNMENT.match(query):
        matches = [n["id"] for n in graph.nodes if _assigns(n["state"], **assignment.groupdict())]
    else:
        needle = query.lower()
        matches = [i for i, text in enumerate(graph.text) if needle in text]
    found = [{f: graph.nodes[i][f] for f in NODE_FIELDS} for i in matches[:limit]]
    return {"query": query, "count": len(matches), "results": found}


def _assigns(state: dict[str, Any], component: str | None, variable: str, value: str) -> bool:
    try:
        wanted = json.loads(value)
    except ValueError:
        wanted = value
    for cid, c in state["components"].items():
        if component not in (None, cid) or variable not in c["state"]:
            continue
        have = c["state"][variable]
        if have == wanted or str(have).lower() == value.lower():
            return True
    return False


def explored_state(exploration: Exploration, state: int) -> dict[str, Any]:
    """One state: its flags, the breadth-first path to it, and that path as a trace for the run viewer."""
    graph = _full(exploration)
    _check_state(graph, state, "")
    path = [state]
    while (parent := graph.nodes[path[-1]]["parent"]) is not None:
        path.append(parent)
    path.reverse()
    try:
        trace = trace_to(exploration.version.document, [graph.nodes[i]["state"] for i in path])
    except NotReplayable as exc:
        version = exploration.version.number
        raise GraphNotStored(f"state {state} cannot be replayed on version {version}: {exc}") from None
    node = graph.nodes[state]
    return {**{f: node[f] for f in NODE_FIELDS}, "state": node["state"], "path": path, "trace": trace}


def _check_state(graph: StoredGraph, state: int, field_name: str) -> None:
    if not 0 <= state < len(graph.nodes):
        raise UnknownState(f"no state {state}: the graph stores states 0 to {len(graph.nodes) - 1}", field=field_name)
