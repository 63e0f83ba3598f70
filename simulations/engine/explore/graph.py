"""The behavior-space graph for the UI: states as nodes, steps as edges labelled by actor and action.

A graph small enough to store is kept whole: each node has its global state
and its breadth-first parent (so any state can be replayed from the initial
one), and `paths` names the nodes of each counterexample. A larger one is collapsed to one
node per breadth-first level (how many states, terminal states and
violations it holds) with edges counting the steps between levels per actor,
so the UI can still show the shape of the space.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..tracecodec import string_keys
from .search import levels
from .system import State, System

SUMMARY_EDGE_LIMIT = 100_000
"""Beyond this many states the collapsed graph shows levels only (counting edges needs a second pass)."""


def build_graph(
    system: System,
    parent: dict[State, State | None],
    terminal: set[State],
    bad: set[State],
    limit: int,
) -> dict[str, Any]:
    if len(parent) <= limit:
        return _full(system, parent, terminal, bad)
    return _collapsed(system, parent, terminal, bad)


def _full(system: System, parent: dict[State, State | None], terminal: set[State], bad: set[State]) -> dict[str, Any]:
    number = {s: k for k, s in enumerate(parent)}
    depth = levels(parent)
    nodes = [
        {"id": k, "depth": depth[s], "initial": parent[s] is None, "terminal": s in terminal,
         "violation": s in bad, "parent": None if (p := parent[s]) is None else number[p],
         "state": system.snapshot(s)}
        for s, k in number.items()
    ]
    edges = []
    for s, k in number.items():
        for label, t in system.transitions(s):
            if t in number:
                actor, action = system.describe(label)
                edges.append({"source": k, "target": number[t], "actor": actor, "action": action})
    return {"collapsed": False, "nodes": nodes, "edges": edges}


def _collapsed(
    system: System, parent: dict[State, State | None], terminal: set[State], bad: set[State]
) -> dict[str, Any]:
    depth = levels(parent)
    counts: Counter[int] = Counter(depth.values())
    ends: Counter[int] = Counter(depth[s] for s in terminal)
    bads: Counter[int] = Counter(depth[s] for s in bad)
    nodes = [{"id": d, "depth": d, "states": counts[d], "terminal": ends[d], "violations": bads[d]}
             for d in sorted(counts)]
    steps: Counter[tuple[int, int, str]] = Counter()
    if len(parent) <= SUMMARY_EDGE_LIMIT:
        for s, d in depth.items():
            for label, t in system.transitions(s):
                if t in depth:
                    steps[(d, depth[t], system.describe(label)[0])] += 1
    edges = [{"source": a, "target": b, "actor": actor, "count": c} for (a, b, actor), c in sorted(steps.items())]
    return {"collapsed": True, "nodes": nodes, "edges": edges}


def state_key(state: dict[str, Any]) -> str:
    """One spelling for a global state, whether a graph node's snapshot (timer names, a `network` list) or a
    trace's global state (timer deadlines, an `inflight` map): equal states give equal keys."""
    components = {cid: [c["up"], c["state"], sorted(c.get("timers") or ())] for cid, c in state["components"].items()}
    if "network" in state:
        messages = [[m["from"], m["to"], m["type"], m["payload"]] for m in state["network"]]
    else:
        messages = [list(m[:4]) for m in state.get("inflight", {}).values()]
    messages.sort(key=lambda m: json.dumps(string_keys(m), sort_keys=True))
    return json.dumps(string_keys([components, messages]), sort_keys=True)


def locate_paths(graph: dict[str, Any], traces: dict[str, dict[str, Any]]) -> dict[str, list[int | None]]:
    """The node of each step of each trace (None where a step's state is not stored as such, e.g. a renamed
    copy of a symmetric state): the counterexamples highlighted on the graph."""
    if graph["collapsed"]:
        return {}
    node_of = {state_key(n["state"]): n["id"] for n in graph["nodes"]}
    return {name: [node_of.get(state_key(step["state"])) for step in trace["steps"]] for name, trace in traces.items()}
