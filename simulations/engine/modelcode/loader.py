"""Document to Model: the JSON Schema and the semantic checks, every issue at once.

The schema runs on jsonschema-rs (compiled, some 400 times faster than the pure-Python validator on a
10,000-holon model). A part of a document (one component, one section) can be checked on its own
against the definition that describes it, which is what a draft edit needs.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from .build import build
from .checks import check, part_checks, section_checks
from .issues import Issue, ModelError
from .model import Model

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "model.schema.json"
#: Sections whose absence a draft may hold while it is being built (a blank model has neither).
_BUILT_LATER = ("components", "holarchies")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the format."""
    document: dict[str, Any] = json.loads(SCHEMA_PATH.read_text())
    return document


@cache
def _validator(part: str) -> jsonschema_rs.Validator:
    """The validator of the whole document (``""``) or of one part: ``"component"`` (a definition) or
    ``"properties/slos"`` (a section, as the schema's ``properties`` spell it)."""
    root = schema()
    if not part:
        return jsonschema_rs.Draft202012Validator(root)
    if "/" in part:
        kind, name = part.split("/")
        sub = root[kind][name]
    else:
        sub = {"$ref": f"#/$defs/{part}"}
    return jsonschema_rs.Draft202012Validator({"$schema": root["$schema"], "$defs": root["$defs"], **sub})


def _closest(error: jsonschema_rs.ValidationError) -> list[jsonschema_rs.ValidationError]:
    """A oneOf failure says only "not valid under any": the errors of its closest branch (fewest) say why."""
    context = getattr(error.kind, "context", None)
    if not context:
        return [error]
    branch = min(context, key=len)
    return [leaf for sub in branch for leaf in _closest(sub)]


def _issue(error: jsonschema_rs.ValidationError, at: str) -> Issue:
    path = "/".join([at, *map(str, error.instance_path)] if at else map(str, error.instance_path))
    pending = not at and path in _BUILT_LATER and error.kind.name == "minItems"
    return Issue(path, error.message, pending=pending)


def schema_issues(doc: Any, part: str = "", at: str = "") -> list[Issue]:
    """The schema's complaints about a document, or about one part of it (see ``_validator``) found at ``at``."""
    try:
        errors = [leaf for error in _validator(part).iter_errors(doc) for leaf in _closest(error)]
    except ValueError as exc:  # not JSON data at all (a YAML mapping with a non-text key, say)
        return [Issue(at, f"not JSON data: {exc}")]
    issues = {(i.path, i.message): i for i in (_issue(error, at) for error in errors)}
    return [issues[k] for k in sorted(issues)]


def model_issues(data: Any) -> list[Issue]:
    """Every problem of a document, schema and semantic together (checks that the schema-invalid parts of
    the document make meaningless are left out); each issue marked ``pending`` or not."""
    issues = schema_issues(data)
    if isinstance(data, dict):
        issues += check(data, schema_valid=not issues)
    return issues


def part_issues(kind: str, part: Any, at: str, behaviors: dict[str, Any]) -> list[Issue]:
    """The problems of one component or link (``kind``) found at path ``at``, given the model's declarative
    behaviors, without the rest of the model: what a draft edit of that part checks."""
    return schema_issues(part, kind, at) or part_checks(kind, part, at, behaviors)


def section_issues(sections: dict[str, Any]) -> list[Issue]:
    """The problems of whole sections kept as JSON (behaviors, properties, slos, scenarios, explore), each
    checked on its own: what replacing those sections of a draft checks."""
    issues = [issue for name, value in sections.items() for issue in schema_issues(value, f"properties/{name}", name)]
    return issues or section_checks(sections)


def load_model(data: dict[str, Any]) -> Model:
    """Validate a document (a dict from `parse_text` or an API) and return the Model, or raise ModelError."""
    if issues := model_issues(data):
        raise ModelError(issues)
    return build(data)
