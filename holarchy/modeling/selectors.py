"""Reads: the draft as a document, and zooming into holons (subtree, white box, black box).

Zoom queries never walk the tree in Python: a subtree is one range on the
``(holarchy, path)`` index, and the links crossing or inside a boundary are
found and grouped in SQL. Python only folds the grouped rows.
"""

import os
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Case, CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Concat, Substr

from simulations.engine.modelcode.model import FORMAT

from .models import SEGMENT_WIDTH, Component, Holarchy, Holon, Link, Placement, SystemModel

DELIVERY_FIELDS = ("bidirectional", "loss", "duplication", "reorder", "delay")


def draft_document(model: SystemModel) -> dict:
    """The editable draft spelled as a ``holarchy/v1`` document (not yet canonical)."""
    document: dict = {"format": FORMAT, "name": model.name, "description": model.description}
    document["components"] = [
        {"id": c.key, "behavior": c.behavior, "params": c.params, "state": c.state} for c in model.components.all()
    ]
    document["links"] = [
        {
            "from": source,
            "to": target,
            **{k: v for k, v in zip(DELIVERY_FIELDS, delivery, strict=True) if v is not None},
        }
        for source, target, *delivery in model.links.values_list("source__key", "target__key", *DELIVERY_FIELDS)
    ]
    document["holarchies"] = [_holarchy_document(h) for h in model.holarchies.all()]
    return {**model.sections, **document}


def _holarchy_document(holarchy: Holarchy) -> dict:
    nodes: dict[int, dict] = {}
    root: dict = {}
    for holon in holarchy.holons.order_by("depth", "position", "id").values("id", "parent_id", "key", "name"):
        node = {"id": holon["key"], "name": holon["name"], "children": [], "components": []}
        nodes[holon["id"]] = node
        if holon["parent_id"] is None:
            root = node
        else:
            nodes[holon["parent_id"]]["children"].append(node)
    for holon_id, key in holarchy.placements.order_by("position", "id").values_list("holon_id", "component__key"):
        nodes[holon_id]["components"].append(key)
    for node in nodes.values():
        for empty in [k for k in ("name", "children", "components") if not node[k]]:
            del node[empty]
    return {"name": holarchy.name, "levels": holarchy.levels, "root": root}


def subtree(holon: Holon, holons: QuerySet[Holon] | None = None) -> QuerySet[Holon]:
    """The holon and all its descendants (among ``holons``), in tree order."""
    holons = Holon.objects.all() if holons is None else holons
    return holons.filter(holarchy_id=holon.holarchy_id, path__range=holon.subtree_bounds())


def _members(holon: Holon) -> QuerySet:
    """Ids of the components placed at or below the holon: the inside of its boundary."""
    return Placement.objects.filter(
        holon__holarchy_id=holon.holarchy_id, holon__path__range=holon.subtree_bounds()
    ).values("component_id")


def _leaf_path(holarchy_id: int, component_field: str) -> Subquery:
    return Subquery(
        Placement.objects.filter(holarchy_id=holarchy_id, component_id=OuterRef(component_field)).values("holon__path")[
            :1
        ]
    )


def _fold(rows: Iterable[dict], key: Callable[[dict], tuple]) -> dict[tuple, dict]:
    """Sum grouped link rows per key; keep each distinct delivery setting with its own count."""
    groups: dict[tuple, dict] = defaultdict(lambda: {"links": 0, "delivery": []})
    for row in rows:
        group = groups[key(row)]
        group["links"] += row["count"]
        group["delivery"].append(
            {**{f: row[f] for f in DELIVERY_FIELDS if f != "bidirectional"}, "links": row["count"]}
        )
    return groups


def _brief(holon: dict) -> dict:
    return {"id": holon["id"], "key": holon["key"], "name": holon["name"], "depth": holon["depth"]}


def black_box(holon: Holon) -> dict:
    """The holon's external interface: links crossing its boundary, grouped by the holon on the other side.

    The other side is the outermost holon that holds the far endpoint and not this one (the child of
    the deepest common ancestor), so a link to a neighbouring cluster shows as that cluster and a link
    to another region as that region.
    """
    inside = _members(holon)
    outward = Q(source_id__in=inside)
    crossing = (
        Link.objects.filter(model_id=holon.holarchy.model_id)
        .filter((outward & ~Q(target_id__in=inside)) | (Q(target_id__in=inside) & ~outward))
        .annotate(
            outward=Case(When(outward, then=Value(True)), default=Value(False)),
            other_id=Case(When(outward, then=F("target_id")), default=F("source_id")),
        )
        .annotate(other_path=_leaf_path(holon.holarchy_id, "other_id"))
        .values("outward", "other_path", *DELIVERY_FIELDS)
        .annotate(count=Count("id"))
        .order_by()
    )

    def side(row: dict) -> tuple:
        common = len(os.path.commonprefix([holon.path, row["other_path"]])) // SEGMENT_WIDTH * SEGMENT_WIDTH
        direction = "both" if row["bidirectional"] else ("out" if row["outward"] else "in")
        return row["other_path"][: common + SEGMENT_WIDTH], direction

    groups = _fold(crossing, side)
    holons = {
        h["path"]: h
        for h in Holon.objects.filter(holarchy_id=holon.holarchy_id, path__in={p for p, _ in groups}).values(
            "id", "key", "name", "depth", "path"
        )
    }
    interface = [
        {"holon": _brief(holons[path]), "direction": direction, **group}
        for (path, direction), group in sorted(groups.items())
    ]
    slos = [
        slo
        for slo in holon.holarchy.model.sections.get("slos", [])
        if slo.get("holarchy") == holon.holarchy.name and slo.get("holon") == holon.key
    ]
    return {
        "holon": _brief(vars(holon)),
        "links": sum(g["links"] for g in interface),
        "interface": interface,
        "slos": slos,
    }


def _part(holon: Holon, path_field: str, key_field: str) -> Case:
    """Which part of the holon a link endpoint is in: a child holon (by path) or a component placed directly."""
    return Case(
        When(**{path_field: holon.path}, then=Concat(Value("component:"), F(key_field))),
        default=Concat(Value("holon:"), Substr(path_field, 1, len(holon.path) + SEGMENT_WIDTH)),
        output_field=CharField(),
    )


def white_box(holon: Holon) -> dict:
    """The holon opened: its child holons, the components placed in it, and the links among those parts."""
    inside = _members(holon)
    children = list(
        holon.children.order_by("position", "id")
        .annotate(holons=Count("children", distinct=True), components=Count("placements", distinct=True))
        .values("id", "key", "name", "depth", "path", "holons", "components")
    )
    components = list(
        Component.objects.filter(placements__holon=holon)
        .order_by("placements__position")
        .values("id", "key", "behavior")
    )
    rows = (
        Link.objects.filter(model_id=holon.holarchy.model_id, source_id__in=inside, target_id__in=inside)
        .annotate(
            source_path=_leaf_path(holon.holarchy_id, "source_id"),
            target_path=_leaf_path(holon.holarchy_id, "target_id"),
        )
        .annotate(
            source_part=_part(holon, "source_path", "source__key"),
            target_part=_part(holon, "target_path", "target__key"),
        )
        .exclude(source_part=F("target_part"))
        .values("source_part", "target_part", *DELIVERY_FIELDS)
        .annotate(count=Count("id"))
        .order_by()
    )
    groups = _fold(rows, lambda row: (row["source_part"], row["target_part"], row["bidirectional"]))
    parts = {f"holon:{child['path']}": {"holon": child["id"]} for child in children}
    parts.update({f"component:{c['key']}": {"component": c["key"]} for c in components})
    links = [
        {"from": parts[source], "to": parts[target], "bidirectional": both, **group}
        for (source, target, both), group in sorted(groups.items())
    ]
    return {
        "holon": _brief(vars(holon)),
        "children": [{k: v for k, v in child.items() if k != "path"} for child in children],
        "components": components,
        "links": links,
    }
