"""Reads: the draft as a document, and zooming into holons (subtree, white box, black box).

Zoom queries never walk the tree in Python: a subtree is one range on the
``(holarchy, path)`` index, and the links crossing or inside a boundary are
found and grouped in SQL. Python only folds the grouped rows.
"""

import os
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, models
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

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


def count_of(related: type[models.Model], field: str) -> Coalesce:
    """A per-row count as a correlated subquery: computed only for the rows of the page, and never a
    join fan-out (counting components, links and holarchies with joins multiplies them together)."""
    counts = related.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk"))
    return Coalesce(Subquery(counts.values("n"), output_field=models.IntegerField()), 0)


def subtree(holon: Holon, holons: QuerySet[Holon] | None = None) -> QuerySet[Holon]:
    """The holon and all its descendants (among ``holons``), in tree order."""
    holons = Holon.objects.all() if holons is None else holons
    return holons.filter(holarchy_id=holon.holarchy_id, path__range=holon.subtree_bounds())


# The components placed at or below a holon (the inside of its boundary) with their leaf paths:
# one range scan on the (holarchy, path) index, then the placements of those holons.
_INSIDE = f"""
    inside AS (
        SELECT p.component_id AS id, h.path AS path
        FROM {Placement._meta.db_table} p JOIN {Holon._meta.db_table} h ON h.id = p.holon_id
        WHERE h.holarchy_id = %s AND h.path BETWEEN %s AND %s
    )"""
_DELIVERY = ", ".join(f"l.{f}" for f in DELIVERY_FIELDS)

# Links leaving or entering the inside, found from the inside through the link endpoint indexes;
# the far end's leaf holon comes from the (holarchy, component) unique index, and it is outside
# when its path is outside the subtree range. CROSS JOIN keeps SQLite's join order as written
# (PostgreSQL plans it as an inner join).
_CROSSING_SQL = f"""
    WITH {_INSIDE},
    crossing AS (
        SELECT CASE WHEN l.source_id = inside.id THEN 1 ELSE 0 END AS outward, fh.path AS far_path, {_DELIVERY}
        FROM inside
        CROSS JOIN {Link._meta.db_table} l
        CROSS JOIN {Placement._meta.db_table} fp
        CROSS JOIN {Holon._meta.db_table} fh
        WHERE (l.source_id = inside.id OR l.target_id = inside.id)
            AND fp.holarchy_id = %s
            AND fp.component_id = CASE WHEN l.source_id = inside.id THEN l.target_id ELSE l.source_id END
            AND fh.id = fp.holon_id
            AND fh.path NOT BETWEEN %s AND %s
    )
    SELECT outward, far_path, {", ".join(DELIVERY_FIELDS)}, COUNT(*)
    FROM crossing
    GROUP BY outward, far_path, {", ".join(DELIVERY_FIELDS)}"""

# Links with both ends inside, labelled by the part of the holon each end is in: a child holon
# (the first segment below the holon's own path) or a component placed directly in the holon (its key
# is joined only for those). Plain joins keep PostgreSQL's cost estimate low enough not to trigger JIT.
_PART = """CASE WHEN {end}.path = %s THEN 'component:' || {end}c.key ELSE 'holon:' || SUBSTR({end}.path, 1, %s) END"""
_INTERNAL_SQL = f"""
    WITH {_INSIDE}
    SELECT source_part, target_part, {", ".join(DELIVERY_FIELDS)}, COUNT(*) FROM (
        SELECT {_PART.format(end="s")} AS source_part, {_PART.format(end="t")} AS target_part, {_DELIVERY}
        FROM inside s
        CROSS JOIN {Link._meta.db_table} l
        CROSS JOIN inside t
        LEFT JOIN {Component._meta.db_table} sc ON sc.id = s.id AND s.path = %s
        LEFT JOIN {Component._meta.db_table} tc ON tc.id = t.id AND t.path = %s
        WHERE l.source_id = s.id AND t.id = l.target_id
    ) parts
    WHERE source_part <> target_part
    GROUP BY source_part, target_part, {", ".join(DELIVERY_FIELDS)}"""


def _link_groups(sql: str, params: list, labels: tuple[str, str]) -> list[dict]:
    """Run a grouped link query; rows come back as dicts with the delivery fields decoded."""
    delay = Link._meta.get_field("delay")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    names = (*labels, *DELIVERY_FIELDS, "count")
    groups = [dict(zip(names, row, strict=True)) for row in rows]
    for group in groups:
        group["bidirectional"], group["reorder"] = bool(group["bidirectional"]), bool(group["reorder"])
        group["delay"] = delay.from_db_value(group["delay"], None, connection)
    return groups


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
    bounds = holon.subtree_bounds()
    params = [holon.holarchy_id, *bounds, holon.holarchy_id, *bounds]
    # Every component is inside the root: it has no boundary to cross.
    crossing = [] if holon.parent_id is None else _link_groups(_CROSSING_SQL, params, ("outward", "far_path"))

    def side(row: dict) -> tuple:
        common = len(os.path.commonprefix([holon.path, row["far_path"]])) // SEGMENT_WIDTH * SEGMENT_WIDTH
        direction = "both" if row["bidirectional"] else ("out" if row["outward"] else "in")
        return row["far_path"][: common + SEGMENT_WIDTH], direction

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


def white_box(holon: Holon) -> dict:
    """The holon opened: its child holons, the components placed in it, and the links among those parts."""
    children = list(
        holon.children.order_by("position", "id")
        .annotate(holons=count_of(Holon, "parent"), components=count_of(Placement, "holon"))
        .values("id", "key", "name", "depth", "path", "holons", "components")
    )
    components = list(
        Component.objects.filter(placements__holon=holon)
        .order_by("placements__position")
        .values("id", "key", "behavior")
    )
    child_length = len(holon.path) + SEGMENT_WIDTH
    rows = _link_groups(
        _INTERNAL_SQL,
        [holon.holarchy_id, *holon.subtree_bounds(), *([holon.path, child_length] * 2), holon.path, holon.path],
        ("source_part", "target_part"),
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
