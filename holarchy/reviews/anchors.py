"""Where a thread may be anchored: on something the review's version has, or a run or study of its model.

Holons, components and links are named as the version's document names them
(``physical``/``m1``, ``api``, ``api->db``), so a thread still points at the
right thing after the draft moves on. A diff entry is an item the version
changed against an earlier version of the same model (its predecessor unless
``against`` is given). A run step and a level-study cell must come from a
job of the review's model. Each refusal names the field at fault.
"""

from dataclasses import dataclass
from typing import Any

from holarchy.modeling import documents
from holarchy.modeling.models import ModelVersion
from simulations.engine.study.plan import default_fault
from simulations.models import LevelStudy, Run, RunTrace

from .errors import ReviewError
from .models import AnchorKind, Review

#: The fields each kind of anchor needs; every other anchor field must be left empty.
FIELDS: dict[str, tuple[str, ...]] = {
    AnchorKind.REVIEW: (),
    AnchorKind.HOLON: ("holarchy", "holon"),
    AnchorKind.COMPONENT: ("component",),
    AnchorKind.LINK: ("link",),
    AnchorKind.DIFF: ("diff_section", "diff_item"),
    AnchorKind.RUN_STEP: ("run", "step"),
    AnchorKind.STUDY_CELL: ("study", "level", "holon", "fault"),
}
OPTIONAL: dict[str, tuple[str, ...]] = {AnchorKind.DIFF: ("against",)}
ALL_FIELDS = ("holarchy", "holon", "component", "link", "diff_section", "diff_item", "against", "run", "step",
              "study", "level", "fault")


@dataclass(frozen=True)
class Anchor:
    kind: str
    values: dict[str, Any]


def check(review: Review, kind: str, values: dict[str, Any]) -> Anchor:
    """The anchor if it names something of the review's version (or model); else ReviewError on the field."""
    needed, optional = FIELDS[kind], OPTIONAL.get(kind, ())
    for name in ALL_FIELDS:
        given = values.get(name) not in (None, "")
        if name in needed and not given:
            raise ReviewError(name, f"an anchor on a {kind.replace('_', ' ')} needs {name}")
        if given and name not in needed and name not in optional:
            raise ReviewError(name, f"an anchor on a {kind.replace('_', ' ')} takes no {name}")
    checked = {name: values.get(name) for name in (*needed, *optional) if values.get(name) not in (None, "")}
    _CHECKS[kind](review, checked)
    return Anchor(kind, checked)


def _version_items(review: Review, section: str) -> dict[str, Any]:
    return documents.items(review.version.document, section)


def _holon(review: Review, values: dict[str, Any]) -> None:
    holarchies = _version_items(review, "holarchies")
    if values["holarchy"] not in holarchies:
        raise ReviewError("holarchy", f"version {review.version.number} has no holarchy {values['holarchy']!r}; "
                                      f"it has {sorted(holarchies)}")
    if f"{values['holarchy']}/{values['holon']}" not in _version_items(review, "holons"):
        raise ReviewError("holon", f"holarchy {values['holarchy']!r} of version {review.version.number} "
                                   f"has no holon {values['holon']!r}")


def _component(review: Review, values: dict[str, Any]) -> None:
    if values["component"] not in _version_items(review, "components"):
        raise ReviewError("component", f"version {review.version.number} has no component {values['component']!r}")


def _link(review: Review, values: dict[str, Any]) -> None:
    links = _version_items(review, "links")
    if values["link"] not in links:
        known = ", ".join(sorted(links)[:8]) or "none"
        raise ReviewError("link", f"version {review.version.number} has no link {values['link']!r} "
                                  f"(links are named from->to: {known})")


def _diff(review: Review, values: dict[str, Any]) -> None:
    section = values["diff_section"]
    if section not in documents.DIFF_SECTIONS:
        raise ReviewError("diff_section", f"unknown section {section!r}; one of {list(documents.DIFF_SECTIONS)}")
    against = values.get("against")
    if against is None:
        against = review.version.model.versions.filter(number__lt=review.version.number).order_by("-number").first()
        values["against"] = against
    elif not isinstance(against, ModelVersion) or against.model_id != review.model_id or against == review.version:
        raise ReviewError("against", "give another version of the review's model")
    old = against.document if against is not None else {}
    changes = documents.diff_documents(old, review.version.document)[section]
    entries = {*changes["added"], *changes["removed"], *(c["id"] for c in changes["changed"])}
    if values["diff_item"] not in entries:
        base = f"version {against.number}" if against is not None else "nothing (it is the first version)"
        raise ReviewError("diff_item", f"{section} {values['diff_item']!r} did not change from {base} "
                                       f"to version {review.version.number}")


def _run_step(review: Review, values: dict[str, Any]) -> None:
    run: Run = values["run"]
    if run.version.model_id != review.model_id:
        raise ReviewError("run", "the run is of another model; cite a run of the review's model")
    steps = RunTrace.objects.filter(run=run).values_list("steps", flat=True).first()
    if steps is None and isinstance(run.summary, dict):
        steps = run.summary.get("steps") if isinstance(run.summary.get("steps"), int) else None
    if steps is not None and values["step"] > steps:
        raise ReviewError("step", f"the run has steps 0 to {steps}")


def _study_cell(review: Review, values: dict[str, Any]) -> None:
    study: LevelStudy = values["study"]
    if study.version.model_id != review.model_id:
        raise ReviewError("study", "the level study is of another model; cite a study of the review's model")
    level, holon, fault = values["level"], values["holon"], values["fault"]
    planned = {lv["level"]: lv for lv in (study.plan or {}).get("levels", [])}
    if planned:
        if level not in planned:
            raise ReviewError("level", f"the study has no level {level!r}; it studied {list(planned)}")
        if holon not in planned[level]["holons"]:
            raise ReviewError("holon", f"the study failed no holon {holon!r} at level {level!r}")
        kinds = list(planned[level]["fault"])
    else:  # not planned yet: the study's holarchy and levels as the version has them
        holons = documents.items(study.version.document, "holons")
        levels = documents.items(study.version.document, "holarchies").get(study.holarchy, {}).get("levels", [])
        if level not in (study.levels or levels):
            raise ReviewError("level", f"the study has no level {level!r}; it studies {study.levels or levels}")
        if _depth(holons, study.holarchy, holon) != levels.index(level):
            raise ReviewError("holon", f"holarchy {study.holarchy!r} has no holon {holon!r} at level {level!r}")
        kinds = list((study.faults or {}).get(level) or default_fault(1.0))
    if fault not in kinds:
        raise ReviewError("fault", f"the fault of level {level!r} is {' or '.join(kinds)}, not {fault!r}")


def _depth(holons: dict[str, Any], holarchy: str, holon: str) -> int | None:
    """The holon's depth in its holarchy (0 at the root), None if it has no such holon."""
    key, depth = f"{holarchy}/{holon}", 0
    if key not in holons:
        return None
    while (parent := holons[key]["parent"]) is not None:
        key, depth = f"{holarchy}/{parent}", depth + 1
    return depth


_CHECKS = {
    AnchorKind.REVIEW: lambda review, values: None,
    AnchorKind.HOLON: _holon,
    AnchorKind.COMPONENT: _component,
    AnchorKind.LINK: _link,
    AnchorKind.DIFF: _diff,
    AnchorKind.RUN_STEP: _run_step,
    AnchorKind.STUDY_CELL: _study_cell,
}
