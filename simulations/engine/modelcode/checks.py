"""The checks a schema cannot express: references, uniqueness, placement, expressions, limits.

They run on the document (not the dataclasses) so that every issue carries the exact path of the
offending field. A reference to something that does not exist (yet) is a *pending* issue: a draft built
in any order may hold it, a version may not. The checks of one part alone (``part_issues``,
``section_issues``) leave references out, since they need the rest of the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from ..behaviors import BUILTIN_BEHAVIORS
from ..behaviors.catalog import DeclaredParams, declared_params
from ..behaviors.declarative import RESERVED, handler_names
from ..behaviors.spec import REQUIRED
from ..expr import FUNCTIONS, ExprError, check_value, compile_expr
from ..properties import PROPERTY_NAMES
from .issues import Issue

MAX_HOLONS = 50_000
MAX_DEPTH = 32


class _Checker:
    def __init__(self, doc: dict[str, Any], *, references: bool = True):
        self.doc = doc
        self.references = references
        self.issues: list[Issue] = []
        listed = doc.get("components", ())
        self.components: set[str] = {c["id"] for c in listed if isinstance(c, dict) and isinstance(c.get("id"), str)}
        self.holons: dict[str, dict[str, int]] = {}  # holarchy -> holon id -> depth
        self.levels: dict[str, list[str]] = {}
        self.property_names: set[str] = set()

    def add(self, path: str, message: str) -> None:
        self.issues.append(Issue(path, message))

    def reference(self, path: str, message: str) -> None:
        """A reference to something missing: pending on a draft; not followed when checking a part alone."""
        if self.references:
            self.issues.append(Issue(path, message, pending=True))

    def expr(self, path: str, text: Any, names: frozenset[str]) -> None:
        if not isinstance(text, str):
            self.literal(path, text)
            return
        try:
            compile_expr(text, names)
        except ExprError as exc:
            self.add(path, f"bad expression: {exc}")

    def literal(self, path: str, value: Any) -> None:
        """A value expressions will read (a variable, a parameter, a payload literal) within their limits."""
        try:
            check_value(value)
        except ExprError as exc:
            self.add(path, f"value too large for expressions: {exc}")

    def unique(self, items: list[Any], key: str, base: str, what: str) -> None:
        seen: set[Any] = set()
        for i, item in enumerate(items):
            if item[key] in seen:
                self.add(f"{base}/{i}/{key}", f"duplicate {what} {item[key]!r}")
            seen.add(item[key])

    def component_ref(self, path: str, ref: str, *, pending: bool) -> None:
        """``pending``: a reference the draft keeps as text (a fault's target), not as a row (a link's end)."""
        if ref not in self.components:
            (self.reference if pending else self.add)(path, f"unknown component {ref!r}")

    def run(self, *, schema_valid: bool) -> list[Issue]:
        steps: list[Callable[[], None]] = [
            lambda: self.unique(self.doc["components"], "id", "components", "component id"),
            self.check_behaviors, self.check_components, self.check_links, self.check_holarchies,
            self.check_properties, self.check_slos, self.check_scenarios, self.check_guide,
        ]
        for step in steps:
            try:
                step()
            except (KeyError, TypeError, AttributeError, IndexError, StopIteration, ValueError):
                if schema_valid:
                    raise
                # A section the schema already faulted: the schema's issues say what is wrong with it.
        return self.issues

    def check_behaviors(self) -> None:
        for name, b in self.doc.get("behaviors", {}).items():
            base = f"behaviors/{name}"
            if name in BUILTIN_BEHAVIORS:
                self.add(base, f"{name!r} is the name of a built-in behavior")
            variables = b.get("variables", {})
            for var in variables:
                self.literal(f"{base}/variables/{var}", variables[var])
                if var in RESERVED or var in FUNCTIONS or var in ("components", "component"):
                    self.add(f"{base}/variables/{var}", f"{var!r} is a reserved name")
            names = handler_names(variables)
            for i, h in enumerate(b["handlers"]):
                hp = f"{base}/handlers/{i}"
                self.expr(f"{hp}/guard", h.get("guard"), names)
                for j, action in enumerate(h.get("actions", ())):
                    self.check_action(f"{hp}/actions/{j}", action, variables, names)

    def check_action(self, path: str, action: dict[str, Any], variables: dict[str, Any], names: frozenset[str]) -> None:
        kind, spec = next(iter(action.items()))
        path = f"{path}/{kind}"
        if kind == "assign":
            for var, e in spec.items():
                if var not in variables:
                    self.add(f"{path}/{var}", f"assignment to undeclared variable {var!r}")
                self.expr(f"{path}/{var}", e, names)
        elif kind in ("send", "reply"):
            self.expr(f"{path}/to", spec.get("to"), names)
            for k, v in spec.get("payload", {}).items():
                self.expr(f"{path}/payload/{k}", v, names)
        elif kind == "set_timer":
            self.expr(f"{path}/after", spec["after"], names)
        elif kind == "log":
            self.expr(path, spec, names)
        elif kind == "observe":
            for field in ("server", "ok", "latency"):
                self.expr(f"{path}/{field}", spec.get(field), names)

    def check_components(self) -> None:
        for i, c in enumerate(self.doc["components"]):
            self.check_component(f"components/{i}", c)

    def check_component(self, base: str, c: dict[str, Any]) -> None:
        """Its params against its behavior's catalog: names it takes, required ones given, types, references."""
        name = c["behavior"]
        behavior = BUILTIN_BEHAVIORS.get(name)
        if behavior is not None:
            declared = DeclaredParams(behavior.params, closed=True)
        elif isinstance(definition := self.doc.get("behaviors", {}).get(name), dict):
            declared = declared_params(definition)
            self.literal(f"{base}/params", c.get("params", {}))
        else:
            self.reference(f"{base}/behavior", f"unknown behavior {name!r}")
            self.literal(f"{base}/params", c.get("params", {}))
            return
        params = c.get("params", {})
        spec = {p.name: p for p in declared.params}
        for param, value in params.items():
            if param not in spec:
                if declared.closed:
                    self.add(f"{base}/params/{param}", _not_taken(name, param, behavior is None, spec))
            elif (problem := spec[param].problem(value)) is not None:
                self.add(f"{base}/params/{param}", problem)
            elif unknown := [ref for ref in spec[param].references(value) if ref not in self.components]:
                self.reference(f"{base}/params/{param}", f"unknown component {unknown[0]!r}")
        for p in declared.params:
            if p.default is REQUIRED and p.name not in params:
                self.add(f"{base}/params", f"missing required parameter {p.name!r}")

    def check_links(self) -> None:
        seen: set[tuple[str, str]] = set()
        for i, link in enumerate(self.doc.get("links", ())):
            base = f"links/{i}"
            self.component_ref(f"{base}/from", link["from"], pending=False)
            self.component_ref(f"{base}/to", link["to"], pending=False)
            self.check_link_alone(base, link)
            pairs = [(link["from"], link["to"])]
            if link.get("bidirectional"):
                pairs.append((link["to"], link["from"]))
            for pair in pairs:
                if pair in seen:
                    self.add(base, f"duplicate link {pair[0]} -> {pair[1]}")
                seen.add(pair)

    def check_link_alone(self, base: str, link: dict[str, Any]) -> None:
        if link["from"] == link["to"]:
            self.add(base, "a link must join two different components")
        self.check_delay(f"{base}/delay", link.get("delay"))

    def check_delay(self, path: str, delay: dict[str, Any] | None) -> None:
        if delay and delay["dist"] == "uniform" and delay["low"] > delay["high"]:
            self.add(path, "uniform delay needs low <= high")

    def check_holarchies(self) -> None:
        self.unique(self.doc.get("holarchies", []), "name", "holarchies", "holarchy name")
        for i, h in enumerate(self.doc.get("holarchies", [])):
            base = f"holarchies/{i}"
            levels = h.get("levels", [])
            self.check_levels(base, h)
            depths: dict[str, int] = {}
            placed: dict[str, str] = {}
            stack = [(h["root"], f"{base}/root", 0)]
            while stack:
                holon, path, depth = stack.pop()
                if holon["id"] in depths:
                    self.add(f"{path}/id", f"duplicate holon id {holon['id']!r} in holarchy {h['name']!r}")
                depths[holon["id"]] = depth
                if depth >= MAX_DEPTH:
                    self.add(path, f"holarchy deeper than {MAX_DEPTH} levels")
                    continue
                if levels and depth >= len(levels):
                    self.add(path, f"holon at depth {depth + 1} but only {len(levels)} levels are declared")
                for j, comp in enumerate(holon.get("components", ())):
                    cpath = f"{path}/components/{j}"
                    if comp not in self.components:
                        self.add(cpath, f"unknown component {comp!r}")
                    elif comp in placed:
                        self.add(cpath, f"component {comp!r} is placed twice (also at {placed[comp]})")
                    else:
                        placed[comp] = cpath
                children = holon.get("children", ())
                stack.extend((c, f"{path}/children/{k}", depth + 1) for k, c in reversed(list(enumerate(children))))
            if len(depths) > MAX_HOLONS:
                self.add(f"{base}/root", f"more than {MAX_HOLONS} holons")
            for comp in sorted(self.components - placed.keys()):
                self.add(f"{base}/root", f"component {comp!r} is not placed in holarchy {h['name']!r}")
            self.holons[h["name"]] = depths
            self.levels[h["name"]] = levels

    def check_levels(self, base: str, h: dict[str, Any]) -> None:
        for level, n in Counter(h.get("levels", [])).items():
            if n > 1:
                self.add(f"{base}/levels", f"duplicate level {level!r}")

    def holon_ref(self, path: str, holarchy: str, holon: str) -> None:
        if holarchy not in self.holons:
            self.reference(f"{path}/holarchy", f"unknown holarchy {holarchy!r}")
        elif holon not in self.holons[holarchy]:
            self.reference(f"{path}/holon", f"unknown holon {holon!r} in holarchy {holarchy!r}")

    def check_properties(self) -> None:
        props = self.doc.get("properties", {})
        names: set[str] = set()
        for kind in ("safety", "liveness"):
            for i, p in enumerate(props.get(kind, ())):
                base = f"properties/{kind}/{i}"
                if p["name"] in names:
                    self.add(f"{base}/name", f"duplicate property name {p['name']!r}")
                names.add(p["name"])
                key = next(k for k in ("always", "eventually", "always_eventually") if k in p)
                self.expr(f"{base}/{key}", p[key], PROPERTY_NAMES)
        self.property_names = names

    def check_slos(self) -> None:
        slos = self.doc.get("slos", [])
        self.unique(slos, "name", "slos", "SLO name")
        for i, s in enumerate(slos):
            self.holon_ref(f"slos/{i}", s["holarchy"], s["holon"])
            if s["sli"] == "latency" and s.get("threshold") is None:
                self.add(f"slos/{i}/threshold", "a latency SLO needs a threshold")

    def check_scenarios(self) -> None:
        scenarios = self.doc.get("scenarios", [])
        self.unique(scenarios, "name", "scenarios", "scenario name")
        for i, s in enumerate(scenarios):
            for j, fault in enumerate(s.get("faults", ())):
                kind, spec = next(iter(fault.items()))
                getattr(self, f"check_{kind}")(f"scenarios/{i}/faults/{j}/{kind}", spec)
            slos = {slo["name"] for slo in self.doc.get("slos", ())}
            for key, known, what in (("violated", self.property_names, "property"),
                                     ("holds", self.property_names, "property"),
                                     ("slos_met", slos, "SLO"), ("slos_missed", slos, "SLO")):
                for k, name in enumerate((s.get("expect") or {}).get(key, ())):
                    if name not in known:
                        self.reference(f"scenarios/{i}/expect/{key}/{k}", f"unknown {what} {name!r}")

    def check_guide(self) -> None:
        """Every scenario, holarchy, level, property and SLO a "try this" names exists (pending on a draft)."""
        guide = self.doc.get("guide") or {}
        scenarios = {s["name"] for s in self.doc.get("scenarios", ())}
        slos = {slo["name"] for slo in self.doc.get("slos", ())}
        holarchies = {h["name"]: h for h in self.doc.get("holarchies", ()) if isinstance(h, dict)}
        for i, item in enumerate(guide.get("try", ())):
            base = f"guide/try/{i}"
            kind, action = next(iter(item["do"].items()))
            for path in action.get("set", {}):
                if path.split("/")[1] not in self.components:
                    self.reference(f"{base}/do/{kind}/set", f"unknown component {path.split('/')[1]!r}")
            scenario = action.get("scenario")
            if scenario and scenario not in scenarios:
                self.reference(f"{base}/do/{kind}/scenario", f"unknown scenario {scenario!r}")
            if kind == "study":
                found = holarchies.get(action["holarchy"])
                if found is None:
                    self.reference(f"{base}/do/study/holarchy", f"unknown holarchy {action['holarchy']!r}")
                for k, level in enumerate(action.get("levels", ())):
                    if found is not None and level not in found.get("levels", ()):
                        self.reference(f"{base}/do/study/levels/{k}", f"unknown level {level!r}")
            expect = item.get("expect") or {}
            named = [(key, n) for key in ("violated", "holds", "slos_met", "slos_missed") for n in expect.get(key, ())]
            named += [(key, n) for key in ("missed_at", "broken") for ns in expect.get(key, {}).values() for n in ns]
            named += [("no_counterexample", n) for n in expect.get("no_counterexample", ())]
            named += [("shortest", n) for n in expect.get("shortest", {})]
            for key, name in named:
                on_properties = key in ("violated", "holds", "no_counterexample", "shortest")
                known, what = (self.property_names, "property") if on_properties else (slos, "SLO")
                if name not in known:
                    self.reference(f"{base}/expect/{key}", f"unknown {what} {name!r}")

    def check_crash(self, path: str, spec: dict[str, Any]) -> None:
        if "component" in spec:
            self.component_ref(f"{path}/component", spec["component"], pending=True)
        else:
            self.holon_ref(path, spec["holarchy"], spec["holon"])
        needed = {"transient": ("duration",), "intermittent": ("down", "up"), "permanent": ()}[spec["kind"]]
        for field in needed:
            if spec.get(field) is None:
                self.add(f"{path}/{field}", f"a {spec['kind']} crash needs {field!r}")

    def check_partition(self, path: str, spec: dict[str, Any]) -> None:
        if spec["holarchy"] not in self.holons:
            self.reference(f"{path}/holarchy", f"unknown holarchy {spec['holarchy']!r}")
            return
        for s, side in enumerate(spec["sides"]):
            for k, holon in enumerate(side):
                if holon not in self.holons[spec["holarchy"]]:
                    self.reference(f"{path}/sides/{s}/{k}", f"unknown holon {holon!r} in holarchy {spec['holarchy']!r}")
        if spec.get("until") is not None and spec["until"] <= spec["from"]:
            self.add(f"{path}/until", "a partition must end after it starts")

    def check_link(self, path: str, spec: dict[str, Any]) -> None:
        if "level" in spec:
            if spec["holarchy"] not in self.levels:
                self.reference(f"{path}/holarchy", f"unknown holarchy {spec['holarchy']!r}")
            elif spec["level"] not in self.levels[spec["holarchy"]]:
                self.reference(f"{path}/level", f"unknown level {spec['level']!r} in holarchy {spec['holarchy']!r}")
        else:
            links = {(ln["from"], ln["to"]) for ln in self.doc.get("links", ())}
            links |= {(ln["to"], ln["from"]) for ln in self.doc.get("links", ()) if ln.get("bidirectional")}
            if (spec["from"], spec["to"]) not in links:
                self.reference(path, f"no link {spec['from']} -> {spec['to']}")
        self.check_delay(f"{path}/delay", spec.get("delay"))
        if not any(k in spec for k in ("loss", "duplication", "reorder", "delay")):
            self.add(path, "a link fault must override loss, duplication, reorder or delay")


def _not_taken(behavior: str, param: str, declarative: bool, taken: dict[str, Any]) -> str:
    if not declarative:
        return f"{behavior} has no parameter {param!r}"
    reads = ", ".join(repr(name) for name in taken) or "no parameter"
    return f"{behavior} has no parameter {param!r}: its expressions read {reads}"


def check(doc: dict[str, Any], *, schema_valid: bool = True) -> list[Issue]:
    """Every semantic problem of a document (of its schema-valid sections when the schema found faults)."""
    return _Checker(doc).run(schema_valid=schema_valid)


def part_checks(kind: str, part: dict[str, Any], at: str, behaviors: dict[str, Any]) -> list[Issue]:
    """The problems of one schema-valid component, link or holarchy (its own fields, not its holons) at path
    ``at``, found without the rest of the model: references are not followed (uniqueness is the database's)."""
    checker = _Checker({"behaviors": behaviors}, references=False)
    checks = {"component": checker.check_component, "link": checker.check_link_alone, "holarchy": checker.check_levels}
    checks[kind](at, part)
    return checker.issues


#: The check of each section kept whole in a draft (``explore`` is opaque: the schema alone checks it).
_SECTION_CHECKS: dict[str, Callable[[_Checker], None]] = {
    "behaviors": _Checker.check_behaviors,
    "properties": _Checker.check_properties,
    "slos": _Checker.check_slos,
    "scenarios": _Checker.check_scenarios,
    "guide": _Checker.check_guide,
}


def section_checks(sections: dict[str, Any]) -> list[Issue]:
    """The problems of schema-valid sections found without the rest of the model (references not followed)."""
    checker = _Checker(dict(sections), references=False)
    for name in sections:
        if name in _SECTION_CHECKS:
            _SECTION_CHECKS[name](checker)
    return checker.issues
