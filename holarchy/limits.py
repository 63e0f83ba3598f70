"""Input limits, checked before any work is done on the input.

A request must not be able to buy more than a bounded amount of time and
memory: a YAML alias bomb of 2.5 KB expands to millions of nodes, and JSON
or YAML nested a thousand deep exhausts Python's stack. So documents are
measured first (size, then a streaming pass over the YAML events that counts
nesting, aliases and the nodes the aliases would expand to) and refused with
a 400 naming the limit; only documents within every limit are parsed.

Work is bounded per team too (``for_team``): jobs queued or running at once,
runs per sweep or study, steps per run, states per exploration. The server's
settings give the defaults; a team's owner may set lower ones, an
administrator higher ones (``accounts.services.set_team_limits``).
"""

from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from typing import Any

import yaml
from django.conf import settings
from rest_framework.exceptions import ValidationError

#: Nesting of JSON or YAML collections; a holarchy of the deepest allowed tree needs about 70.
MAX_NESTING = 100
#: YAML aliases (``*name``) in one document.
MAX_ALIASES = 1_000
#: Nodes (scalars and collections) of a document once every alias is expanded: 100 times the largest example.
MAX_NODES = 100_000
#: Characters of an offending value quoted back in an error message, and of a whole message.
EXCERPT = 80
MESSAGE_LENGTH = 320

_EventLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser when PyYAML has it


def excerpt(value: Any, width: int = EXCERPT) -> str:
    """At most ``width`` characters of ``value``, so an error never echoes a whole input back."""
    text = str(value)
    return text if len(text) <= width else f"{text[: width - 1]}…"


def _refuse(reason: str) -> ValidationError:
    return ValidationError([reason])


def check_document_text(text: str) -> None:
    """Raise a 400 unless the YAML/JSON text is within the size, nesting, alias and node limits.

    The text is not built into objects here: only its events are counted, and
    the count stops at the first limit crossed, so a hostile document costs
    little more than reading it.
    """
    limit = settings.MODEL_DOCUMENT_MAX_BYTES
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
        raise _refuse(f"the document is larger than the limit of {limit:,} bytes")
    try:
        _count_events(_events(text))
    except yaml.YAMLError:
        return  # not YAML at all: the parser that follows reports where, with the engine's wording


def _events(text: str) -> Iterator[yaml.Event]:
    parser = _EventLoader(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _count_events(events: Iterator[yaml.Event]) -> None:
    # Each open collection's expanded node count; an anchor remembers the count of what it names.
    open_counts: list[int] = []
    anchored: dict[str, int] = {}
    anchors_of: list[str | None] = []
    total = aliases = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_counts) >= MAX_NESTING:
                raise _refuse(f"the document is nested deeper than the limit of {MAX_NESTING} levels")
            open_counts.append(1)
            anchors_of.append(event.anchor)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            size = open_counts.pop()
            if (anchor := anchors_of.pop()) is not None:
                anchored[anchor] = size
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor is not None:
                anchored[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _refuse(f"the document uses more than the limit of {MAX_ALIASES} aliases")
            if event.anchor not in anchored:  # it names a collection still open: a cycle
                raise _refuse("the document refers to a node inside itself (a cyclic alias)")
            size = anchored[event.anchor]
        else:
            continue
        total += size
        if total > MAX_NODES:
            raise _refuse(f"the document expands to more than the limit of {MAX_NODES:,} nodes")
        if open_counts:
            open_counts[-1] += size


def check_structure(value: Any) -> None:
    """Raise a 400 if an already parsed value nests deeper or holds more nodes than the limits."""
    nodes = 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise _refuse(f"the value holds more than the limit of {MAX_NODES:,} nodes")
        if isinstance(item, dict | list):
            if depth > MAX_NESTING:
                raise _refuse(f"the value is nested deeper than the limit of {MAX_NESTING} levels")
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)


@dataclass(frozen=True)
class Limits:
    """The bounds on one team's work."""

    max_active_jobs: int
    max_runs_per_sweep: int
    max_steps_per_run: int
    max_exploration_states: int


def server_defaults() -> Limits:
    return Limits(
        max_active_jobs=settings.TEAM_MAX_ACTIVE_JOBS,
        max_runs_per_sweep=settings.TEAM_MAX_RUNS_PER_SWEEP,
        max_steps_per_run=settings.JOB_MAX_STEPS,
        max_exploration_states=settings.TEAM_MAX_EXPLORATION_STATES,
    )


def for_team(team_id: int) -> Limits:
    """The server's defaults, with the team's own values where it has set them."""
    from holarchy.accounts.models import TeamLimits

    limits = server_defaults()
    row = TeamLimits.objects.filter(team_id=team_id).values(*(f.name for f in fields(Limits))).first()
    return replace(limits, **{name: value for name, value in (row or {}).items() if value is not None})
