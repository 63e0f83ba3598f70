"""Text to document: YAML (a superset of JSON) with errors that name the line."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .issues import Issue, ModelError


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: `on`, `off`, `yes` and `no` stay strings (`on: start`, `vote: no`); no dates."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def parse_text(text: str) -> dict[str, Any]:
    """Parse a YAML or JSON model document into a dict, or raise ModelError with path ""."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ModelError([Issue("", f"not valid YAML or JSON: {where}{problem}")]) from None
    if not isinstance(data, dict):
        raise ModelError([Issue("", "the document must be a mapping (an object) at the top level")])
    return data
