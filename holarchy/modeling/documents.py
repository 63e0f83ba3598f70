"""The bridge between stored models and the model-as-code format (``holarchy/v1``).

The engine's loader is the only validator of the format: every document that is
imported, and every draft after an edit, goes through ``load_model``. This module
turns its ``ModelError`` into a 400 with one ``{path, message}`` per problem, and
compares two documents structurally for version diffs.
"""

import copy
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import yaml
from rest_framework.exceptions import ValidationError

from holarchy import limits
from simulations.engine import modelcode


class InvalidModel(ValidationError):
    """A document or draft the engine rejects; rendered as ``{"errors": [{"path", "message"}]}``."""

    def __init__(self, issues: Iterable[Any]):
        short = limits.MESSAGE_LENGTH  # a message quoting a huge value quotes an excerpt of it
        self.issues = [
            {"path": limits.excerpt(issue.path, short), "message": limits.excerpt(issue.message, short)}
            for issue in issues
        ]
        super().__init__({"errors": self.issues})


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
    return modelcode.dump_model(model), modelcode.content_hash(model)


def ensure_storable(value: Any, at: str = "") -> None:
    """Raise InvalidModel naming every string (under the field ``at``) that the database cannot store."""
    if bad := list(_unstorable_paths(value, at)):
        message = "text must be valid Unicode without the NUL character"
        raise InvalidModel(modelcode.Issue(path, message) for path in bad)


def builtin_behaviors() -> list[dict]:
    return modelcode.builtin_catalog()


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


def diff_documents(old: dict, new: dict) -> dict[str, dict[str, list]]:
    """What changed from ``old`` to ``new``, section by section, items matched by their ids."""
    return {section: _compare(index(old), index(new)) for section, index in _SECTIONS.items()}
