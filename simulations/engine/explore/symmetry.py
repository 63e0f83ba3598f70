"""Symmetry reduction: interchangeable components (e.g. the participants of 2PC) are explored once.

Renaming the components of a declared group maps behaviors to behaviors,
so the search stores one representative per orbit: the smallest encoding
among all renamings of a state. A renaming moves slots, links and faults and
replaces the renamed ids inside local states and payloads (dict keys
included; a sorted list of ids stays sorted). Traces are replayed concretely.

Renaming moves data, not code: a property, a guard or an action that names a
member literally (`component['p1']`, `msg.sender == 'p1'`, a variable called
`p1`) tells that member apart, and interchanging it would give wrong
verdicts. Such a member is left out of its group before the search (`sound`),
and the summary says which code named it. Params are data and are renamed:
a component whose params the renaming changes is refused.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, NoReturn

from simulations.engine.modelcode import Model, ModelError
from simulations.engine.modelcode.issues import Issue

from .spec import Mention, Spec
from .system import Label, State, System


def _rename(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, dict):
        return {_rename(k, names): _rename(v, names) for k, v in value.items()}
    if isinstance(value, list | tuple):
        out = [_rename(v, names) for v in value]
        if value and all(isinstance(v, str) and v in names for v in value) and list(value) == sorted(value):
            out.sort()
        return out if isinstance(value, list) else tuple(out)
    return value


def _named_in(text: str) -> set[str]:
    """The names an expression can use to tell a component apart: string constants, names, fields."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return {text}
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)
        elif isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
    return found


def _data(path: str, value: Any) -> Iterator[tuple[str, str, set[str]]]:
    """Literal data (initial values, dict keys) as (path, text, names): each string names itself."""
    if isinstance(value, str):
        yield path, value, {value}
    elif isinstance(value, dict):
        for k, v in value.items():
            yield f"{path}/{k}", str(k), {str(k)}
            yield from _data(f"{path}/{k}", v)
    elif isinstance(value, list | tuple):
        for k, v in enumerate(value):
            yield from _data(f"{path}/{k}", v)


def _code(path: str, value: Any) -> Iterator[tuple[str, str, set[str]]]:
    """An action field: a string is an expression, anything else a literal."""
    if isinstance(value, str):
        yield path, value, _named_in(value)
    else:
        yield from _data(path, value)


def _action(path: str, kind: str, spec: Any) -> Iterator[tuple[str, str, set[str]]]:
    if kind == "cancel_timer":
        return  # a timer's name is a label, never a component
    if kind == "log":
        yield from _code(path, spec)
        return
    for key, value in spec.items():
        if kind == "assign":
            yield f"{path}/{key}", key, {key}
            yield from _code(f"{path}/{key}", value)
        elif key == "payload":
            for field, v in value.items():
                yield f"{path}/payload/{field}", field, {field}
                yield from _code(f"{path}/payload/{field}", v)
        elif key not in ("type", "name"):  # message types and timer names are labels
            yield from _code(f"{path}/{key}", value)


def mentions(model: Model) -> tuple[Mention, ...]:
    """Every place in the model's code (declarative behaviors in use, properties, `explore.done` and
    `explore.outcome`) that names a component literally."""
    ids = {c.id for c in model.components}
    used = {c.behavior for c in model.components}
    places: list[tuple[str, str, set[str]]] = []
    for b in model.behaviors:
        if b.name in used:
            base = f"behaviors/{b.name}"
            places += _data(f"{base}/variables", b.variables)
            for i, h in enumerate(b.handlers):
                if h.guard:
                    places += _code(f"{base}/handlers/{i}/guard", h.guard)
                for j, a in enumerate(h.actions):
                    places += _action(f"{base}/handlers/{i}/actions/{j}/{a.kind}", a.kind, a.spec)
    places += [(f"properties/safety/{k}/always", p.always, _named_in(p.always)) for k, p in enumerate(model.safety)]
    places += [(f"properties/liveness/{k}/{p.kind}", p.expr, _named_in(p.expr)) for k, p in enumerate(model.liveness)]
    places += [(f"explore/{key}", model.explore[key], _named_in(model.explore[key]))
               for key in ("done", "outcome") if isinstance(model.explore.get(key), str)]
    return tuple(Mention(path, text, frozenset(names & ids)) for path, text, names in places if names & ids)


def sound(spec: Spec) -> tuple[Spec, list[dict[str, str]]]:
    """`spec` with every member that model code names left out of its group (a group of one is no group),
    and what was left out, where the code says so."""
    ids = [c.id for c in spec.components]
    dropped: list[dict[str, str]] = []
    groups = []
    for group in spec.symmetry:
        kept = []
        for i in group:
            said = next((m for m in spec.mentions if ids[i] in m.names), None)
            if said is None:
                kept.append(i)
            else:
                dropped.append({"component": ids[i], "path": said.path, "text": said.text})
        if len(kept) > 1:
            groups.append(tuple(kept))
    return (replace(spec, symmetry=tuple(groups)) if dropped else spec), dropped


def _refuse(why: str, path: str = "explore/symmetry") -> NoReturn:
    raise ModelError([Issue(path, why)]) from None


Renaming = tuple[list[int], dict[str, str], list[int], list[int], dict[tuple[Any, int], int]]
"""(component permutation, id renaming, link permutation, environment positions, memo of renamed pieces)."""


class SymmetricSystem(System):
    """A `System` whose states are orbit representatives under the declared groups."""

    def __init__(self, spec: Spec) -> None:
        super().__init__(spec)
        ids = [c.id for c in spec.components]
        self._renamings: list[Renaming] = []
        for images in itertools.product(*(itertools.permutations(group) for group in spec.symmetry)):
            perm = list(range(self.n))
            for group, image in zip(spec.symmetry, images, strict=True):
                for a, b in zip(group, image, strict=True):
                    perm[a] = b
            if perm != list(range(self.n)):
                names = {ids[a]: ids[b] for a, b in enumerate(perm) if a != b}
                self._check_interchangeable(perm, names)
                links = self._link_map(perm)
                self._renamings.append((perm, names, links, self._env_map(perm, links), {}))

    def _check_interchangeable(self, perm: list[int], names: dict[str, str]) -> None:
        """Renamed, each component must be its image: same behavior, durability and (renamed) params."""
        parts = self.spec.components
        swapped = ", ".join(f"{a} -> {b}" for a, b in names.items())
        for i, j in enumerate(perm):
            a, b = parts[i], parts[j]
            if i == j and _rename(a.params, names) != a.params:
                _refuse(f"the params of {a.id} ({a.params}) name members of a group: renaming them ({swapped}) "
                        f"changes {a.id}'s params, so the members are not interchangeable", f"components/{i}/params")
            if (a.behavior, a.durable, _rename(a.params, names)) != (b.behavior, b.durable, b.params):
                _refuse(f"{a.id} and {b.id} are not interchangeable (behavior, state or params differ)")

    def _link_map(self, perm: list[int]) -> list[int]:
        try:
            return [self.link_of[(perm[lk.src], perm[lk.dst])] for lk in self.spec.links]
        except KeyError:
            _refuse("renaming the group does not map the links onto links")

    def _env_map(self, perm: list[int], links: list[int]) -> list[int]:
        """Where each environment position goes: crash faults and partitions follow their components."""
        crashes = [(frozenset(perm[i] for i in f.components), f.recovers, f.times) for f in self.spec.crashes]
        known = [(frozenset(f.components), f.recovers, f.times) for f in self.spec.crashes]
        cuts = [f.cut for f in self.spec.partitions]
        try:
            moved = [known.index(c) for c in crashes]
            moved += [self.partitions_at + cuts.index(frozenset(links[j] for j in f.cut))
                      for f in self.spec.partitions]
        except ValueError:
            _refuse("renaming the group does not map the scenario's faults onto faults")
        return moved + list(range(self.budget_at, self.budget_at + 3))

    # -- renaming interned values (cached per renaming) -------------------------

    @staticmethod
    def _memo(r: Renaming, rename: Callable[[Renaming, int], int], value: int) -> int:
        cache = r[4]
        key = (rename, value)
        found = cache.get(key)
        if found is None:
            found = cache[key] = rename(r, value)
        return found

    def _slot(self, r: Renaming, slot: int) -> int:
        perm, names = r[0], r[1]
        i, lid, timers, up = self.slots.values[slot]
        return self.slots((perm[i], self._local(_rename(self.local_values[lid], names)), timers, up))

    def _net(self, r: Renaming, net: int) -> int:
        perm, names, links = r[0], r[1], r[2]
        queues = [0] * self.m
        for j, qid in enumerate(self.nets.values[net]):
            mids = []
            for mid in self.queues.values[qid]:
                msg = self.message_values[mid]
                _, sender, to, type_, payload = msg
                src, dst = self.index[sender], self.index[to]
                mids.append(self._message(perm[src], perm[dst], type_, _rename(payload, names)))
            queues[links[j]] = self.queues(tuple(mids) if self.spec.links[links[j]].fifo else tuple(sorted(mids)))
        return self.nets(tuple(queues))

    def _env(self, r: Renaming, env: int) -> int:
        moved = r[3]
        values = self.envs.values[env]
        out = [0] * len(values)
        for pos, value in enumerate(values):
            out[moved[pos]] = value
        return self.envs(tuple(out))

    def canonical(self, s: State) -> State:
        best = s
        n = self.n
        memo = self._memo
        for r in self._renamings:
            perm = r[0]
            renamed = [0] * (n + 2)
            for i in range(n):
                renamed[perm[i]] = memo(r, self._slot, s[i])
            renamed[n] = memo(r, self._net, s[n])
            renamed[n + 1] = memo(r, self._env, s[n + 1])
            candidate = tuple(renamed)
            if candidate < best:
                best = candidate
        return best

    # -- the reduced relation ------------------------------------------------------

    def initial_states(self) -> list[State]:
        return list(dict.fromkeys(self.canonical(s) for s in super().initial_states()))

    def successors(self, s: State) -> list[State]:
        return [self.canonical(t) for t in super().successors(s)]

    def transitions(self, s: State) -> list[tuple[Label, State]]:
        return [(label, self.canonical(t)) for label, t in super().transitions(s)]

    def concrete_path(self, states: list[State]) -> list[tuple[Label | None, State]]:
        """Replay the representatives as one concrete behavior, picking at each step a renamed successor."""
        here = next(s for s in System.initial_states(self) if self.canonical(s) == states[0])
        steps: list[tuple[Label | None, State]] = [(None, here)]
        for target in states[1:]:
            label, here = next((lab, t) for lab, t in System.transitions(self, here) if self.canonical(t) == target)
            steps.append((label, here))
        return steps
