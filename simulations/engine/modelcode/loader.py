"""Document to Model: the JSON Schema first, then the semantic checks; all issues at once."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from .build import build
from .checks import check
from .issues import Issue, ModelError
from .model import Model

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "model.schema.json"


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the format."""
    document: dict[str, Any] = json.loads(SCHEMA_PATH.read_text())
    return document


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def _issue(error: ValidationError) -> Issue:
    # A oneOf failure says only "not valid under any"; its closest branch says why.
    if error.context:
        error = best_match(error.context)
    return Issue("/".join(str(p) for p in error.absolute_path), error.message)


def schema_issues(doc: Any) -> list[Issue]:
    issues = {(i.path, i.message): i for i in map(_issue, _validator().iter_errors(doc))}
    return [issues[k] for k in sorted(issues)]


def load_model(data: dict[str, Any]) -> Model:
    """Validate a document (a dict from `parse_text` or an API) and return the Model, or raise ModelError."""
    issues = schema_issues(data)
    if not issues:
        issues = check(data)
    if issues:
        raise ModelError(issues)
    return build(data)
