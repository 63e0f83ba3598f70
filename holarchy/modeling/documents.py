"""The bridge between stored models and the model-as-code format (``holarchy/v1``).

The engine's loader is the only validator of the format. A document that is imported or saved as a
version goes through ``load_model`` whole; a draft edit checks only the part it changes
(``check_part``, ``check_sections``) against the same schema definitions and checks, since the
database's constraints keep the draft's structure. A draft may hold *pending* issues (references to
parts that do not exist yet): ``draft_report`` lists them as warnings. This module turns the engine's
issues into a 400 with one ``{path, message}`` per problem, and compares two documents for version diffs.
"""

import copy
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import msgspec
import yaml
from rest_framework.exceptions import ValidationError

from holarchy import limits
from simulations.engine import modelcode
from simulations.engine.behaviors.declarative import handler_names
from simulations.engine.expr import ExprError, compile_expr
from simulations.engine.properties import PROPERTY_NAMES


class InvalidModel(ValidationError):
    """A document or draft the engine rejects; rendered as ``{"errors": [{"path", "message"}]}``."""

    def __init__(self, issues: Iterable[Any]):
        self.issues = described(issues)
        super().__init__({"errors": self.issues})

    @classmethod
    def at(cls, path: str, message: str) -> "InvalidModel":
        return cls([modelcode.Issue(path, message)])


def described(issues: Iterable[Any]) -> list[dict]:
    """Issues as ``{path, message}``; a message quoting a huge value quotes an excerpt of it."""
    short = limits.MESSAGE_LENGTH
    return [
        {"path": limits.excerpt(issue.path, short), "message": limits.excerpt(issue.message, short)}
        for issue in issues
    ]


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The engine's YAML reading (its scalar types) on libyaml's C parser: several times faster than the
    pure-Python one, which matters for a web request (the text is within the input limits by now)."""

    yaml_implicit_resolvers = modelcode.parse._Loader.yaml_implicit_resolvers


def _load_text(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = limits.excerpt(getattr(exc, "problem", None) or exc)
        raise InvalidModel([modelcode.Issue("", f"not valid YAML or JSON: {where}{problem}")]) from None


def parse(document: dict | str) -> dict:
    """A private copy of the document as a mapping (YAML or JSON text is parsed as the engine reads it)."""
    if isinstance(document, str):
        document = _load_text(document)
    if not isinstance(document, dict):
        raise InvalidModel([modelcode.Issue("", "a model document is a mapping of sections")])
    return copy.deepcopy(document)


def _storable(text: str) -> bool:
    """PostgreSQL stores neither NUL nor lone surrogates (which are not UTF-8 either)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def _unstorable_paths(value: Any, path: str = "") -> Iterator[str]:
    """Where the document holds text that cannot be stored."""
    if isinstance(value, str):
        if not _storable(value):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _unstorable_paths(key, path)
            yield from _unstorable_paths(item, f"{path}/{key}".lstrip("/"))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _unstorable_paths(item, f"{path}/{i}".lstrip("/"))


def canonical(document: dict) -> tuple[dict, str]:
    """Validate a document with the engine and return its canonical form and content hash."""
    try:
        model = modelcode.load_model(document)
    except modelcode.ModelError as exc:
        raise InvalidModel(exc.issues) from exc
    ensure_storable(document)
    dumped = modelcode.dump_model(model)
    return dumped, modelcode.document_hash(dumped)


def draft_report(document: dict) -> dict[str, Any]:
    """Every problem of a draft at once: ``errors`` (no draft may hold them) and ``warnings`` (pending
    references: fine while building, errors when a version is saved or a run started)."""
    issues = modelcode.model_issues(document)
    errors = [i for i in issues if not i.pending]
    if not errors:
        errors = [modelcode.Issue(path, "text must be valid Unicode without the NUL character")
                  for path in _unstorable_paths(document)]
    return {
        "valid": not issues and not errors,
        "errors": described(errors),
        "warnings": described(i for i in issues if i.pending),
    }


def check_draft(document: dict) -> dict:
    """Raise InvalidModel unless a draft may hold the document (pending references allowed); returns the
    document to store: its canonical form when it is complete, else as written."""
    issues = modelcode.model_issues(document)
    if errors := [i for i in issues if not i.pending]:
        raise InvalidModel(errors)
    ensure_storable(document)
    return modelcode.dump_model(modelcode.load_model(document)) if not issues else document


def draft_export(document: dict) -> dict:
    """The draft as a document: canonical when it is complete, else as stored (it has pending issues)."""
    try:
        return canonical(document)[0]
    except InvalidModel:
        return document


def check_part(kind: str, part: dict, at: str, behaviors: dict) -> None:
    """Raise InvalidModel when one component or link (``kind``), at document path ``at``, is not valid alone."""
    check_parts(kind, [(part, at)], behaviors)


def check_parts(kind: str, parts: Iterable[tuple[dict, str]], behaviors: dict) -> None:
    """``check_part`` of several parts (each with its document path), raising with every issue of them all."""
    parts = list(parts)
    if issues := [issue for part, at in parts for issue in modelcode.part_issues(kind, part, at, behaviors)]:
        raise InvalidModel(issues)
    for part, at in parts:
        ensure_storable(part, at)


def check_value(definition: str, value: Any, at: str) -> None:
    """Raise InvalidModel unless ``value`` fits one schema definition (``id``, ``name``) or top-level
    property (``properties/description``)."""
    if issues := modelcode.schema_issues(value, definition, at):
        raise InvalidModel(issues)
    ensure_storable(value, at)


def most_items(section: str) -> int:
    """The schema's limit on the items of a list section (``components``)."""
    return modelcode.schema()["properties"][section]["maxItems"]


#: The document's sections a draft keeps whole as JSON (everything but its structure).
SECTIONS = ("behaviors", "properties", "slos", "scenarios", "explore", "guide")


def check_sections(sections: dict) -> None:
    """Raise InvalidModel unless each section (``None``: removed) is valid on its own."""
    if unknown := [name for name in sections if name not in SECTIONS]:
        raise InvalidModel(modelcode.Issue(name, f"not a section kept whole; sections: {', '.join(SECTIONS)}")
                           for name in unknown)
    given = {name: value for name, value in sections.items() if value is not None}
    if issues := modelcode.section_issues(given):
        raise InvalidModel(issues)
    ensure_storable(given)


def check_expression(text: str, context: str, variables: Iterable[str] = ()) -> dict[str, Any]:
    """Whether ``text`` is an expression a property (``context="property"``) or a handler of a behavior with
    these variables (``"handler"``) may hold; the error says where, for an editor checking as one types."""
    names = PROPERTY_NAMES if context == "property" else handler_names(variables)
    try:
        compile_expr(text, names)
    except ExprError as exc:
        message = limits.excerpt(exc, limits.MESSAGE_LENGTH)
        return {"valid": False, "error": {"message": message, "line": exc.line, "column": exc.column}}
    return {"valid": True, "error": None}


def _surely_storable(value: Any) -> bool:
    """True when the whole value encodes as UTF-8 JSON without a NUL: one pass in C. False also when it may
    hold one (an escaped backslash before "u0000"), or holds what JSON cannot: the walk then says where."""
    try:
        encoded = msgspec.json.encode(value)
    except (TypeError, UnicodeEncodeError, OverflowError, msgspec.EncodeError):
        return False
    return b"\\u0000" not in encoded


def ensure_storable(value: Any, at: str = "") -> None:
    """Raise InvalidModel naming every string (under the field ``at``) that the database cannot store."""
    if _surely_storable(value):
        return
    if bad := list(_unstorable_paths(value, at)):
        message = "text must be valid Unicode without the NUL character"
        raise InvalidModel(modelcode.Issue(path, message) for path in bad)


def behavior_catalog(declared: dict | None = None) -> list[dict]:
    """The built-in behaviors' parameter catalog, then that of the ``declared`` (a model's) behaviors."""
    return modelcode.builtin_catalog(declared if isinstance(declared, dict) else None)


def _holons(document: dict) -> dict[str, dict]:
    """Every holon keyed by ``holarchy/holon``, with its parent and placed components, so moves show up."""
    flat: dict[str, dict] = {}
    for holarchy in document.get("holarchies", []):
        stack = [(holarchy["root"], None)]
        while stack:
            holon, parent = stack.pop()
            flat[f"{holarchy['name']}/{holon['id']}"] = {
                "name": holon.get("name"),
                "parent": parent,
                "components": holon.get("components", []),
            }
            stack.extend((child, holon["id"]) for child in holon.get("children", []))
    return flat


def _by(field: str) -> Callable[[dict], dict[str, Any]]:
    return lambda items: {item[field]: item for item in items}


def _links(document: dict) -> dict[str, dict]:
    """Links have no id of their own: the endpoints name them (numbered when parallel)."""
    keyed: dict[str, dict] = {}
    for link in document.get("links", []):
        base = f"{link['from']}->{link['to']}"
        key, n = base, 1
        while key in keyed:
            n += 1
            key = f"{base}#{n}"
        keyed[key] = link
    return keyed


def _properties(document: dict) -> dict[str, dict]:
    return {
        f"{kind}/{prop['name']}": prop for kind, props in (document.get("properties") or {}).items() for prop in props
    }


_SECTIONS: dict[str, Callable[[dict], dict[str, Any]]] = {
    "model": lambda doc: {"name": doc.get("name"), "description": doc.get("description")},
    "components": lambda doc: _by("id")(doc.get("components", [])),
    "behaviors": lambda doc: doc.get("behaviors") or {},
    "links": _links,
    "holarchies": lambda doc: {h["name"]: {"levels": h.get("levels", [])} for h in doc.get("holarchies", [])},
    "holons": _holons,
    "properties": _properties,
    "slos": lambda doc: _by("name")(doc.get("slos", [])),
    "scenarios": lambda doc: _by("name")(doc.get("scenarios", [])),
}


def _compare(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list]:
    changed = []
    for key in old.keys() & new.keys():
        if old[key] == new[key]:
            continue
        if isinstance(old[key], dict) and isinstance(new[key], dict):
            fields = sorted(old[key].keys() | new[key].keys())
            changes = {
                f: {"from": old[key].get(f), "to": new[key].get(f)}
                for f in fields
                if old[key].get(f) != new[key].get(f)
            }
        else:
            changes = {"value": {"from": old[key], "to": new[key]}}
        changed.append({"id": key, "changes": changes})
    return {
        "added": sorted(new.keys() - old.keys()),
        "removed": sorted(old.keys() - new.keys()),
        "changed": sorted(changed, key=lambda c: c["id"]),
    }


#: The sections a diff reports, each item keyed as ``items`` keys it.
DIFF_SECTIONS = tuple(_SECTIONS)


def items(document: dict, section: str) -> dict[str, Any]:
    """The items of one diff section of ``document`` by key (``physical/m1``, ``api->db``), as a diff names them."""
    return _SECTIONS[section](document)


def diff_documents(old: dict, new: dict) -> dict[str, dict[str, list]]:
    """What changed from ``old`` to ``new``, section by section, items matched by their ids."""
    return {section: _compare(index(old), index(new)) for section, index in _SECTIONS.items()}
