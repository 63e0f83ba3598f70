"""Writes to models: import, draft edits, versions. Each is one transaction.

A draft edit costs what it changes, not what the model holds: it checks the part it touches against
the engine's schema definitions and checks (``documents.check_part``, ``check_sections``), and the
database's constraints keep the rest (unique keys, links between existing components, one placement
per holarchy). References between parts (a component naming its peers, a fault naming a holon) may
point at parts that do not exist yet: the draft keeps them as pending issues, which the whole-model
check (import, ``save_version``, ``replace_draft``, ``draft_report``) reports. Every edit ends with
``_edited``, which moves the draft's revision on. A rejected edit raises inside the transaction, so
nothing is written.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Max, ProtectedError, Q, QuerySet, Value, When
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from rest_framework.exceptions import APIException, ValidationError

from holarchy.accounts.models import Membership, Role, Team
from simulations.engine.modelcode.checks import MAX_HOLONS

from . import bulk, documents, selectors
from .models import (
    MAX_DEPTH,
    SEGMENT_WIDTH,
    Component,
    Holarchy,
    Holon,
    Link,
    LinkSpan,
    ModelVersion,
    Placement,
    SystemModel,
    Workspace,
    path_segment,
)

#: Document keys stored as rows (or model fields); every other key is a section kept as JSON.
STRUCTURE = ("format", "name", "description", "components", "links", "holarchies")


class StaleDraft(APIException):
    """A write made against a revision of the draft that is no longer the current one."""

    status_code = 409
    default_code = "stale_draft"

    def __init__(self, revision: int):
        super().__init__()
        self.detail = {"detail": "the draft changed since you read it", "revision": revision}  # a number stays one


def _edited(model: SystemModel) -> None:
    """The end of every draft write: the revision moves on (and the change time with it)."""
    SystemModel.objects.filter(pk=model.pk).update(revision=F("revision") + 1, updated_at=timezone.now())


def _lock_draft(model: SystemModel, expected_revision: int | None) -> None:
    """Hold the model's row for this transaction; 409 when the caller read another revision than the current."""
    revision = SystemModel.objects.select_for_update().values_list("revision", flat=True).get(pk=model.pk)
    if expected_revision is not None and expected_revision != revision:
        raise StaleDraft(revision)


def _ensure_unique_name(workspace: Workspace, name: str, exclude: int | None = None) -> None:
    if SystemModel.objects.filter(workspace=workspace, name=name).exclude(pk=exclude).exists():
        raise ValidationError({"name": [f"a model named {name!r} already exists in this workspace"]})


@transaction.atomic
def import_model_document(
    *, workspace: Workspace, document: dict | str, user=None, name: str | None = None, message: str = "imported"
) -> SystemModel:
    """Create a model from a document: its draft rows and version 1."""
    data = documents.parse(document)
    if name:
        data["name"] = name
    canonical, digest = documents.canonical(data)
    _ensure_unique_name(workspace, canonical["name"])
    model = SystemModel.objects.create(workspace=workspace, name=canonical["name"])
    _write_draft(model, canonical)
    ModelVersion.objects.create(
        model=model, number=1, document=canonical, content_hash=digest, message=message, created_by=user
    )
    return model


@transaction.atomic
def create_blank_model(*, workspace: Workspace, name: str, description: str = "") -> SystemModel:
    """A new model with an empty draft (no component, no holarchy yet) and no version."""
    documents.check_value("properties/name", name, "name")
    documents.check_value("properties/description", description, "description")
    _ensure_unique_name(workspace, name)
    return SystemModel.objects.create(workspace=workspace, name=name, description=description)


@transaction.atomic
def replace_draft(*, model: SystemModel, document: dict | str, expected_revision: int | None = None) -> SystemModel:
    """Replace the whole draft by a document (pending references allowed); versions are untouched.

    ``expected_revision``: the revision the caller's document was based on; another one is a 409.
    """
    _lock_draft(model, expected_revision)
    stored = documents.check_draft(documents.parse(document))
    _ensure_unique_name(model.workspace, stored["name"], exclude=model.pk)
    _write_draft(model, stored)
    _edited(model)
    return model


def _write_draft(model: SystemModel, document: dict) -> None:
    """Store a canonical document as draft rows, replacing what was there: a statement per table (and per
    tree level), each inserting its rows as one set (``bulk.insert``), foreign keys joined on natural keys."""
    model.components.all().delete()
    model.holarchies.all().delete()
    model.name = document["name"]
    model.description = document.get("description", "")
    model.sections = {key: value for key, value in document.items() if key not in STRUCTURE}
    model.save()
    components = [
        {"key": c["id"], "behavior": c["behavior"], "params": c.get("params") or {},
         "state": c.get("state", "volatile"), "position": i}
        for i, c in enumerate(document["components"])
    ]
    bulk.insert(
        Component._meta.db_table, ["model_id", "key", "behavior", "params", "state", "position"],
        "%s, r.key, r.behavior, r.params, r.state, r.position FROM {rows}",
        {"key": "text", "behavior": "text", "params": "jsonb", "state": "text", "position": "integer"},
        components, [model.pk],
    )
    links = [
        {"source": link["from"], "target": link["to"], "position": i,
         **{f: link[f] for f in selectors.DELIVERY_FIELDS if link.get(f) is not None}}
        for i, link in enumerate(document.get("links", []))
    ]
    written = bulk.insert(
        Link._meta.db_table, ["model_id", "source_id", "target_id", "position", *selectors.DELIVERY_FIELDS],
        "%s, s.id, t.id, r.position, COALESCE(r.bidirectional, FALSE), COALESCE(r.loss, 0.0), "
        "COALESCE(r.duplication, 0.0), COALESCE(r.reorder, FALSE), r.delay FROM {rows} "
        f"CROSS JOIN {Component._meta.db_table} s CROSS JOIN {Component._meta.db_table} t "
        "WHERE s.model_id = %s AND s.key = r.source AND t.model_id = %s AND t.key = r.target",
        {"source": "text", "target": "text", "position": "integer", "bidirectional": "boolean", "loss": "float8",
         "duplication": "float8", "reorder": "boolean", "delay": "jsonb"},
        links, [model.pk, model.pk, model.pk],
    )
    assert written == len(links), "every link joins two components the document holds (the check saw to it)"
    for i, spec in enumerate(document["holarchies"]):
        holarchy = Holarchy.objects.create(
            model=model, name=spec["name"], levels=list(spec.get("levels", [])), position=i
        )
        _write_holons(holarchy, spec["root"])
    _write_spans(model)


# The spans of a model's links, computed from the links and placements: one INSERT ... SELECT.
_SPANS_SQL = f"""
    INSERT INTO {LinkSpan._meta.db_table} (holarchy_id, link_id, source_path, target_path, source_component,
        target_component, {", ".join(selectors.DELIVERY_FIELDS)})
    SELECT s.holarchy_id, l.id, sh.path, th.path, l.source_id, l.target_id,
        {", ".join(f"l.{field}" for field in selectors.DELIVERY_FIELDS)}
    FROM {Link._meta.db_table} l
    JOIN {Placement._meta.db_table} s ON s.component_id = l.source_id
    JOIN {Holon._meta.db_table} sh ON sh.id = s.holon_id
    JOIN {Placement._meta.db_table} t ON t.component_id = l.target_id AND t.holarchy_id = s.holarchy_id
    JOIN {Holon._meta.db_table} th ON th.id = t.holon_id
    WHERE l.model_id = %s"""


def _write_spans(model: SystemModel, *, link: Link | None = None, holarchy: Holarchy | None = None) -> None:
    """(Re)write the link spans of a whole model, of one link, or of one holarchy, from the links and placements."""
    sql, params = _SPANS_SQL, [model.pk]
    stale = LinkSpan.objects.filter(link__model=model)
    if link is not None:
        sql, params, stale = sql + " AND l.id = %s", [*params, link.pk], stale.filter(link=link)
    if holarchy is not None:
        sql, params, stale = sql + " AND s.holarchy_id = %s", [*params, holarchy.pk], stale.filter(holarchy=holarchy)
    stale.delete()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _rebase_spans(holarchy_id: int, bounds: tuple[str, str], cut: int, prefix: str) -> None:
    """The link ends within ``bounds`` follow their holons (see ``_rebase``): one UPDATE for both ends."""

    def rebased(end: str) -> Case:
        return Case(When(**{f"{end}__range": bounds}, then=Concat(Value(prefix), Substr(end, cut + 1))), default=F(end))

    LinkSpan.objects.filter(
        Q(source_path__range=bounds) | Q(target_path__range=bounds), holarchy_id=holarchy_id
    ).update(source_path=rebased("source_path"), target_path=rebased("target_path"))


def _write_holons(holarchy: Holarchy, root: dict) -> None:
    """Insert a tree level by level (a holon joins its parent by path, so parents go first), then the
    placements (joined on holon and component keys)."""
    serial = 0
    placements: list[dict] = []
    level: list[tuple[dict, str | None, int]] = [(root, None, 0)]
    depth = 0
    while level:
        holons, children = [], []
        for spec, parent_path, position in level:
            serial += 1
            path = (parent_path or "") + path_segment(serial)
            holons.append({"key": spec["id"], "name": spec.get("name") or "", "path": path, "parent": parent_path,
                           "position": position})
            placements += [{"holon": spec["id"], "component": key, "position": i}
                           for i, key in enumerate(spec.get("components", []))]
            children += [(child, path, i) for i, child in enumerate(spec.get("children", []))]
        bulk.insert(
            Holon._meta.db_table, ["holarchy_id", "parent_id", "key", "name", "path", "depth", "position"],
            "%s, p.id, r.key, r.name, r.path, %s, r.position FROM {rows} "
            f"LEFT JOIN {Holon._meta.db_table} p ON p.holarchy_id = %s AND p.path = r.parent",
            {"key": "text", "name": "text", "path": "text", "parent": "text", "position": "integer"},
            holons, [holarchy.pk, depth, holarchy.pk],
        )
        level, depth = children, depth + 1
    written = bulk.insert(
        Placement._meta.db_table, ["holarchy_id", "holon_id", "component_id", "position"],
        "%s, h.id, c.id, r.position FROM {rows} "
        f"CROSS JOIN {Holon._meta.db_table} h CROSS JOIN {Component._meta.db_table} c "
        "WHERE h.holarchy_id = %s AND h.key = r.holon AND c.model_id = %s AND c.key = r.component",
        {"holon": "text", "component": "text", "position": "integer"},
        placements, [holarchy.pk, holarchy.pk, holarchy.model_id],
    )
    assert written == len(placements), "every placement names a holon and a component the document holds"
    holarchy.next_serial = serial + 1
    holarchy.save(update_fields=["next_serial"])


@transaction.atomic
def save_version(*, model: SystemModel, user=None, message: str = "") -> tuple[ModelVersion, bool]:
    """Freeze the draft as the next version; an unchanged draft returns the latest version instead."""
    SystemModel.objects.select_for_update().filter(pk=model.pk).first()  # serialize version numbering
    document, digest = documents.canonical(selectors.draft_document(model))  # the whole model, pending is wrong
    latest = model.versions.order_by("-number").first()
    if latest is not None and latest.content_hash == digest:
        return latest, False
    version = ModelVersion.objects.create(
        model=model,
        number=(latest.number if latest else 0) + 1,
        document=document,
        content_hash=digest,
        message=message,
        created_by=user,
    )
    return version, True


Part = Component | Link | Holarchy | Holon


#: The field whose uniqueness a duplicate violates, per kind of part.
UNIQUE_FIELD = {SystemModel: "name", Component: "key", Holarchy: "name", Holon: "key"}

#: The document's list of each kind of part.
LIST_OF = {Component: "components", Link: "links", Holarchy: "holarchies"}
#: The most of each part a model may hold: the schema's limits, kept on the rows.
MAX_COUNT = {kind: documents.most_items(section) for kind, section in LIST_OF.items()}


@contextmanager
def _unique(kind: type) -> Iterator[None]:
    """Turn a unique-constraint violation into a 400 on the field that collides."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        field = UNIQUE_FIELD[kind]
        raise ValidationError({field: [f"another {kind._meta.verbose_name} already uses this {field}"]}) from exc


def _model_of(part: Part) -> SystemModel:
    return part.holarchy.model if isinstance(part, Holon) else part.model


def _next_position(rows: QuerySet) -> int:
    return (rows.aggregate(m=Max("position"))["m"] or 0) + 1


def _ensure_room(model: SystemModel, kind: type[Component | Link | Holarchy]) -> None:
    if kind.objects.filter(model=model).count() >= MAX_COUNT[kind]:
        most = f"{MAX_COUNT[kind]:,} {kind._meta.verbose_name_plural}"
        raise ValidationError({"detail": [f"a model holds at most {most}"]})


def _path(part: Component | Link | Holarchy) -> str:
    """Where the part is in the draft's document (``components/3``): its rank in the document order (a part
    not saved yet comes last)."""
    rows = type(part).objects.filter(model_id=part.model_id)
    if part.pk is not None:
        rows = rows.filter(Q(position__lt=part.position) | Q(position=part.position, pk__lt=part.pk))
    return f"{LIST_OF[type(part)]}/{rows.count()}"


def _check_component(component: Component) -> None:
    spelled = {"id": component.key, "behavior": component.behavior, "params": component.params}
    spelled["state"] = component.state
    behaviors = component.model.sections.get("behaviors", {})
    documents.check_part("component", spelled, _path(component), behaviors)


def _check_link(link: Link) -> None:
    """The link alone, and no other link joining the same two components the same way."""
    at = _path(link)
    delivery = {f: getattr(link, f) for f in selectors.DELIVERY_FIELDS if getattr(link, f) is not None}
    documents.check_part("link", {"from": link.source.key, "to": link.target.key, **delivery}, at, {})
    same = Q(source=link.source_id, target=link.target_id) | Q(
        source=link.target_id, target=link.source_id, bidirectional=True
    )
    if link.bidirectional:
        same |= Q(source=link.target_id, target=link.source_id)
    if Link.objects.filter(model_id=link.model_id).exclude(pk=link.pk).filter(same).exists():
        raise documents.InvalidModel.at(at, f"duplicate link {link.source.key} -> {link.target.key}")


def _check_holarchy(holarchy: Holarchy) -> None:
    """Its name and levels; named levels must name every depth its holons reach."""
    at = _path(holarchy)
    root = holarchy.holons.values_list("key", flat=True).get(parent=None)
    documents.check_part("holarchy", {"name": holarchy.name, "levels": holarchy.levels, "root": {"id": root}}, at, {})
    deepest = holarchy.holons.aggregate(m=Max("depth"))["m"] or 0
    if holarchy.levels and deepest >= len(holarchy.levels):
        message = f"its holons reach depth {deepest + 1} but only {len(holarchy.levels)} levels are named"
        raise documents.InvalidModel.at(f"{at}/levels", message)


def _check_holon(holon: Holon) -> None:
    """Its key and name, its depth against the holarchy's named levels (errors name the holon's fields)."""
    documents.check_value("id", holon.key, "key")
    if holon.name:
        documents.check_value("name", holon.name, "name")
    levels = holon.holarchy.levels
    if levels and holon.depth >= len(levels):
        raise ValidationError({"parent": [f"the holarchy names {len(levels)} levels; this holon would be deeper"]})


@transaction.atomic
def update_model(*, model: SystemModel, **fields: Any) -> SystemModel:
    """Change name, description or whole document sections (``sections={"properties": ...}`` replaces that
    one, ``None`` removes it; the others are kept)."""
    for field in ("name", "description"):
        if field in fields:
            documents.check_value(f"properties/{field}", fields[field], field)
    if "name" in fields:
        _ensure_unique_name(model.workspace, fields["name"], exclude=model.pk)
    if "sections" in fields:
        documents.check_sections(fields["sections"])
        if "behaviors" in fields["sections"]:
            _check_users_of_behaviors(model, fields["sections"]["behaviors"] or {})
        merged = {**model.sections, **fields["sections"]}
        fields["sections"] = {name: value for name, value in merged.items() if value is not None}
    for field, value in fields.items():
        setattr(model, field, value)
    with _unique(SystemModel):
        model.save()
    _edited(model)
    return model


def _check_users_of_behaviors(model: SystemModel, behaviors: dict) -> None:
    """The components of each declarative behavior the edit changes still fit what it reads: a handler that no
    longer reads a parameter refuses the components that give it, as editing such a component would."""
    before = model.sections.get("behaviors", {})
    changed = {name for name, definition in behaviors.items() if before.get(name) != definition}
    if not changed:
        return
    rows = model.components.order_by("position", "pk").values_list("behavior", "key", "params", "state")
    users = [
        ({"id": key, "behavior": behavior, "params": params, "state": state}, f"components/{rank}")
        for rank, (behavior, key, params, state) in enumerate(rows.iterator())
        if behavior in changed
    ]
    documents.check_parts("component", users, behaviors)


_CHECKS = {Component: _check_component, Link: _check_link, Holarchy: _check_holarchy, Holon: _check_holon}


@transaction.atomic
def update_part(*, part: Part, **fields: Any) -> Any:
    """Change fields of a component, link, holarchy or holon; only that part is checked.

    A renamed component's old key may still be named by other parts (peers, faults): pending references.
    """
    for field, value in fields.items():
        setattr(part, field, value)
    _CHECKS[type(part)](part)
    with _unique(type(part)):
        part.save()
    if isinstance(part, Link):  # its spans copy its ends and delivery
        _write_spans(part.model, link=part)
    _edited(_model_of(part))
    return part


@transaction.atomic
def delete_part(*, part: Component | Link | Holarchy) -> None:
    """Remove a component (with its links and placements), a link or a holarchy (references to a removed
    component stay as pending issues of the draft)."""
    model = _model_of(part)
    part.delete()
    _edited(model)


@transaction.atomic
def create_component(
    *,
    model: SystemModel,
    key: str,
    behavior: str,
    params: dict | None = None,
    state: str = "volatile",
    holons: Iterable[Holon] = (),
) -> Component:
    """Add a component, placed in the given holon of each holarchy (one holon in every holarchy)."""
    holons = list(holons)
    holarchies = dict(model.holarchies.values_list("pk", "name"))
    given = [holon.holarchy_id for holon in holons]
    if sorted(given) != sorted(holarchies):
        missing = [holarchies[pk] for pk in holarchies if pk not in given]
        why = f"missing holarchy {', '.join(missing)}" if missing else "two holons of the same holarchy"
        raise ValidationError({"holons": [f"give one holon of each holarchy of the model: {why}"]})
    _ensure_room(model, Component)
    component = Component(
        model=model, key=key, behavior=behavior, params=params or {}, state=state,
        position=_next_position(model.components),
    )
    _check_component(component)
    with _unique(Component):
        component.save()
    for holon in holons:
        _place(holon, component)
    _edited(model)
    return component


@transaction.atomic
def create_link(*, model: SystemModel, source: Component, target: Component, **delivery: Any) -> Link:
    _ensure_room(model, Link)
    link = Link(model=model, source=source, target=target, position=_next_position(model.links), **delivery)
    _check_link(link)
    link.save()
    _write_spans(model, link=link)
    _edited(model)
    return link


def _allocate_serials(holarchy: Holarchy, count: int) -> int:
    """Reserve ``count`` fresh path serials; returns the first."""
    Holarchy.objects.filter(pk=holarchy.pk).update(next_serial=F("next_serial") + count)
    return Holarchy.objects.values_list("next_serial", flat=True).get(pk=holarchy.pk) - count


@transaction.atomic
def create_holarchy(
    *, model: SystemModel, name: str, root_key: str, levels: Iterable[str] = (), root_name: str = ""
) -> Holarchy:
    """A new holarchy starts as one root holding every component, so every component is placed in it."""
    levels = list(levels)
    _ensure_room(model, Holarchy)
    documents.ensure_storable({"name": name, "levels": levels, "root_key": root_key, "root_name": root_name})
    with _unique(Holarchy):
        holarchy = Holarchy.objects.create(
            model=model, name=name, levels=levels, position=_next_position(model.holarchies), next_serial=2
        )
    root = Holon.objects.create(holarchy=holarchy, key=root_key, name=root_name, path=path_segment(1), depth=0)
    _check_holarchy(holarchy)
    _check_holon(root)
    Placement.objects.bulk_create(
        Placement(holarchy=holarchy, holon=root, component=component, position=component.position)
        for component in model.components.all()
    )
    _write_spans(model, holarchy=holarchy)
    _edited(model)
    return holarchy


@transaction.atomic
def create_holon(*, parent: Holon, key: str, name: str = "") -> Holon:
    holarchy = parent.holarchy
    if parent.depth + 1 >= MAX_DEPTH:
        raise ValidationError({"parent": [f"a holarchy is at most {MAX_DEPTH} levels deep"]})
    if holarchy.holons.count() >= MAX_HOLONS:
        raise ValidationError({"detail": [f"a holarchy holds at most {MAX_HOLONS:,} holons"]})
    serial = _allocate_serials(holarchy, 1)
    holon = Holon(
        holarchy=holarchy,
        parent=parent,
        key=key,
        name=name,
        path=parent.path + path_segment(serial),
        depth=parent.depth + 1,
        position=_next_position(parent.children),
    )
    _check_holon(holon)
    with _unique(Holon):
        holon.save()
    _edited(holarchy.model)
    return holon


def _rebase(rows: QuerySet[Holon], cut: int, prefix: str, depth_change: int) -> None:
    """Replace the first ``cut`` characters of every path in ``rows`` by ``prefix``, in one UPDATE."""
    rows.update(path=Concat(Value(prefix), Substr("path", cut + 1)), depth=F("depth") + depth_change)


@transaction.atomic
def move_holon(*, holon: Holon, parent: Holon) -> Holon:
    """Re-parent a holon; its whole subtree (children and placements) moves with it."""
    if parent.holarchy_id != holon.holarchy_id:
        raise ValidationError({"parent": ["the new parent is in another holarchy"]})
    if parent.path.startswith(holon.path):
        raise ValidationError({"parent": ["a holon cannot move under itself or one of its descendants"]})
    deepest = parent.depth + 1 + (selectors.subtree(holon).aggregate(m=Max("depth"))["m"] - holon.depth)
    if deepest >= MAX_DEPTH:
        raise ValidationError({"parent": [f"the move would make the holarchy deeper than {MAX_DEPTH} levels"]})
    levels = holon.holarchy.levels
    if levels and deepest >= len(levels):
        raise ValidationError({"parent": [f"the holarchy names {len(levels)} levels; the move goes deeper"]})
    cut = len(holon.path) - SEGMENT_WIDTH
    _rebase_spans(holon.holarchy_id, holon.subtree_bounds(), cut, parent.path)
    _rebase(selectors.subtree(holon), cut, parent.path, parent.depth + 1 - holon.depth)
    Holon.objects.filter(pk=holon.pk).update(parent=parent, position=_next_position(parent.children))
    holon.refresh_from_db()
    _edited(holon.holarchy.model)
    return holon


@transaction.atomic
def delete_holon(*, holon: Holon) -> None:
    """Remove one level: the holon's children and components move up to its parent, so nothing is lost."""
    parent = holon.parent
    if parent is None:
        raise ValidationError({"detail": "the root of a holarchy cannot be removed; delete the holarchy instead"})
    offset = _next_position(parent.children)
    holon.children.update(parent=parent, position=F("position") + offset)
    holon.placements.update(holon=parent)
    _rebase_spans(holon.holarchy_id, holon.subtree_bounds(), len(holon.path), parent.path)  # its own ends included
    _rebase(selectors.subtree(holon).exclude(pk=holon.pk), len(holon.path), parent.path, -1)
    Holon.objects.filter(pk=holon.pk).delete()
    _edited(parent.holarchy.model)


def _place(holon: Holon, component: Component) -> Placement:
    placement, _ = Placement.objects.update_or_create(
        holarchy_id=holon.holarchy_id, component=component, defaults={"holon": holon, "position": component.position}
    )
    return placement


@transaction.atomic
def place_component(*, holon: Holon, component: Component) -> Placement:
    """Move a component to this holon of the holarchy (it leaves its previous holon there)."""
    if component.model_id != holon.holarchy.model_id:
        raise ValidationError({"component": ["the component belongs to another model"]})
    placement = _place(holon, component)
    spans = LinkSpan.objects.filter(holarchy_id=holon.holarchy_id)  # its links' ends now lie in this holon
    spans.filter(source_component=component.pk).update(source_path=holon.path)
    spans.filter(target_component=component.pk).update(target_path=holon.path)
    _edited(component.model)
    return placement


GALLERY_WORKSPACE = "Examples"


@transaction.atomic
def ensure_gallery(*, team_slug: str) -> Workspace:
    """The read-only example gallery: a gallery team with its "Examples" workspace, and every user one of its
    viewers (users made later join it as they are made: ``accounts.signals``)."""
    team, _ = Team.objects.get_or_create(slug=team_slug, defaults={"name": "Examples", "gallery": True})
    if not team.gallery:
        raise ValidationError({"team": [f"team {team_slug!r} exists and is not an example gallery"]})
    users = get_user_model().objects.all()
    Membership.objects.bulk_create(
        [Membership(team=team, user=user, role=Role.VIEWER) for user in users.iterator()], ignore_conflicts=True
    )
    workspace, _ = Workspace.objects.get_or_create(team=team, name=GALLERY_WORKSPACE)
    return workspace


@transaction.atomic
def ensure_demo_user(*, username: str) -> tuple[Any, Workspace]:
    """A user to sign in with and a workspace of a team of their own to copy examples into, created when missing.

    In development a new user's password is the username (``demo``/``demo``); in production nobody may sign
    in with a known password, so a new user has none until an administrator sets one (``changepassword``).
    """
    from holarchy.accounts.services import create_team

    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        if settings.PRODUCTION:
            user.set_unusable_password()
        else:
            user.set_password(username)
        user.save(update_fields=["password"])
    own = Workspace.objects.filter(team__memberships__user=user, team__memberships__role=Role.OWNER,
                                   team__gallery=False).order_by("id").first()
    if own is None:
        own = create_team(user=user, name=f"{username}'s team").workspaces.get()
    return user, own


def _free_name(workspace: Workspace, name: str) -> str:
    """``name``, or ``name (copy)``, ``name (copy 2)``, ...: the first not taken in the workspace."""
    taken = set(SystemModel.objects.filter(workspace=workspace, name__startswith=name).values_list("name", flat=True))
    candidates = [name, f"{name} (copy)", *(f"{name} (copy {n})" for n in range(2, len(taken) + 2))]
    return next(c[:200] for c in candidates if c[:200] not in taken)


@transaction.atomic
def copy_model(*, model: SystemModel, workspace: Workspace, user=None, name: str = "") -> SystemModel:
    """A new, independent model in ``workspace`` made from ``model``'s latest version (its draft when it has
    none): its own draft rows and version 1, sharing nothing with the original."""
    latest = model.versions.order_by("-number").first()
    document = latest.document if latest else selectors.draft_document(model)
    source = f"v{latest.number}" if latest else "the draft"
    message = f"copied from {model.name} ({source}, workspace {model.workspace.name})"[:500]
    return import_model_document(
        workspace=workspace, document=document, user=user, name=_free_name(workspace, name or model.name),
        message=message,
    )


@transaction.atomic
def sync_model_document(*, workspace: Workspace, document: dict | str, user=None, message: str = "") -> str:
    """Import a document, or update the same-named model's draft; a new version only if the content changed.

    Returns what happened: ``created``, ``updated`` or ``unchanged``.
    """
    data = documents.parse(document)
    model = SystemModel.objects.filter(workspace=workspace, name=data.get("name")).first()
    if model is None:
        import_model_document(workspace=workspace, document=data, user=user, message=message)
        return "created"
    replace_draft(model=model, document=data)
    _, created = save_version(model=model, user=user, message=message)
    return "updated" if created else "unchanged"


@transaction.atomic
def delete_with_versions(*, owner: Workspace | SystemModel) -> None:
    """Delete a workspace or model and its versions, unless runs still refer to one of those versions."""
    try:
        owner.delete()
    except ProtectedError as exc:
        raise ValidationError({"detail": "runs refer to versions in it; delete those runs first"}) from exc
