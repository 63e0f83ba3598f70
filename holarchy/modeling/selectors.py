"""Reads: the draft as a document, and zooming into holons (subtree, white box, black box).

Zoom queries never walk the tree in Python: a subtree is one range on the
``(holarchy, path)`` index, and the links crossing or inside a boundary are
found and grouped in SQL. Python only folds the grouped rows.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, models
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from simulations.engine.modelcode.model import FORMAT

from .models import SEGMENT_WIDTH, Component, Holarchy, Holon, LinkSpan, Placement, SystemModel

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
    # Ordered by the (holarchy, path) index itself: the default ordering would join Holarchy and sort.
    holons = Holon.objects.order_by("holarchy_id", "path") if holons is None else holons
    return holons.filter(holarchy_id=holon.holarchy_id, path__range=holon.subtree_bounds())


_SPAN = LinkSpan._meta.db_table
_DELIVERY = ", ".join(f"x.{f}" for f in DELIVERY_FIELDS)


def _columns(count: int) -> str:
    """The first ``count`` result columns by position, for GROUP BY and ORDER BY."""
    return ", ".join(str(i) for i in range(1, count + 1))


# Links crossing a boundary: one end's path in the subtree range and the other's outside, found on the
# (holarchy, source_path) and (holarchy, target_path) span indexes; grouped by the far end's leaf holon.
_CROSSING_SQL = f"""
    SELECT 1, x.target_path, {_DELIVERY}, COUNT(*)
    FROM {_SPAN} x
    WHERE x.holarchy_id = %(holarchy)s AND x.source_path BETWEEN %(low)s AND %(high)s
        AND x.target_path NOT BETWEEN %(low)s AND %(high)s
    GROUP BY {_columns(2 + len(DELIVERY_FIELDS))}
    UNION ALL
    SELECT 0, x.source_path, {_DELIVERY}, COUNT(*)
    FROM {_SPAN} x
    WHERE x.holarchy_id = %(holarchy)s AND x.target_path BETWEEN %(low)s AND %(high)s
        AND x.source_path NOT BETWEEN %(low)s AND %(high)s
    GROUP BY {_columns(2 + len(DELIVERY_FIELDS))}
    ORDER BY {_columns(2 + len(DELIVERY_FIELDS))}"""

# Links with both ends inside, labelled by the part of the holon each end is in: a child holon (the
# first segment below the holon's own path) or a component placed directly in the holon (its id). Links
# inside one child are left out by the WHERE clause, before any grouping.
_END = "CASE WHEN x.{end}_path = %(path)s THEN x.{end}_component END, SUBSTR(x.{end}_path, 1, %(child)s)"
_INTERNAL_SQL = f"""
    SELECT {_END.format(end="source")}, {_END.format(end="target")}, {_DELIVERY}, COUNT(*)
    FROM {_SPAN} x
    WHERE x.holarchy_id = %(holarchy)s AND x.source_path BETWEEN %(low)s AND %(high)s
        AND x.target_path BETWEEN %(low)s AND %(high)s
        AND (SUBSTR(x.source_path, 1, %(child)s) <> SUBSTR(x.target_path, 1, %(child)s)
            OR (x.source_path = %(path)s AND x.target_path = %(path)s AND x.source_component <> x.target_component))
    GROUP BY {_columns(4 + len(DELIVERY_FIELDS))}
    ORDER BY {_columns(4 + len(DELIVERY_FIELDS))}"""


def _link_groups(sql: str, params: dict, labels: tuple[str, ...]) -> list[dict]:
    """Run a grouped link query; rows come back as dicts with the delivery fields decoded."""
    delay = LinkSpan._meta.get_field("delay")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    names = (*labels, *DELIVERY_FIELDS, "count")
    groups = [dict(zip(names, row, strict=True)) for row in rows]
    for group in groups:  # rows are grouped already: few of them
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
    low, high = holon.subtree_bounds()
    params = {"holarchy": holon.holarchy_id, "low": low, "high": high}
    # Every component is inside the root: it has no boundary to cross.
    crossing = [] if holon.parent_id is None else _link_groups(_CROSSING_SQL, params, ("outward", "far_path"))

    # The far end is outside the subtree: below the deepest strict ancestor whose path starts its own.
    ancestors = [holon.path[:length] for length in range(len(holon.path) - SEGMENT_WIDTH, 0, -SEGMENT_WIDTH)]

    def side(row: dict) -> tuple:
        far = row["far_path"]
        common = next(a for a in ancestors if far.startswith(a))
        direction = "both" if row["bidirectional"] else ("out" if row["outward"] else "in")
        return far[: len(common) + SEGMENT_WIDTH], direction

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
    low, high = holon.subtree_bounds()
    params = {"holarchy": holon.holarchy_id, "low": low, "high": high, "path": holon.path}
    rows = _link_groups(
        _INTERNAL_SQL,
        {**params, "child": len(holon.path) + SEGMENT_WIDTH},
        ("source_component", "source_holon", "target_component", "target_holon"),
    )
    keys = {c["id"]: c["key"] for c in components}

    def part(row: dict, end: str) -> str:
        component = row[f"{end}_component"]
        return f"component:{keys[component]}" if component is not None else f"holon:{row[f'{end}_holon']}"

    groups = _fold(rows, lambda row: (part(row, "source"), part(row, "target"), row["bidirectional"]))
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
