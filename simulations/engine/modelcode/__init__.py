"""Model as code (`holarchy/v1`, see docs/model-format.md): parse, validate, build, dump, hash."""

from ..behaviors import BUILTIN_BEHAVIORS, builtin_catalog
from .canonical import canonical_json, content_hash, document_hash, dump_model
from .issues import Issue, ModelError
from .loader import load_model, model_issues, part_issues, schema, schema_issues, section_issues
from .model import (
    Action,
    BehaviorDef,
    Component,
    Crash,
    Delay,
    Expect,
    Fault,
    Handler,
    Holarchy,
    Holon,
    IntermittentCrash,
    Link,
    LinkFault,
    Liveness,
    Model,
    Partition,
    PermanentCrash,
    Safety,
    Scenario,
    Slo,
    TransientCrash,
)
from .parse import parse_text


def load_text(text: str) -> Model:
    """parse_text then load_model."""
    return load_model(parse_text(text))


__all__ = [
    "BUILTIN_BEHAVIORS", "Action", "BehaviorDef", "Component", "Crash", "Delay", "Expect", "Fault", "Handler",
    "Holarchy", "Holon", "IntermittentCrash", "Issue", "Link", "LinkFault", "Liveness", "Model", "ModelError",
    "Partition", "PermanentCrash", "Safety", "Scenario", "Slo", "TransientCrash", "builtin_catalog",
    "canonical_json", "content_hash", "document_hash", "dump_model", "load_model", "load_text", "model_issues",
    "parse_text", "part_issues", "schema", "schema_issues", "section_issues",
]
