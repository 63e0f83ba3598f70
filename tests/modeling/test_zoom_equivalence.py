"""The zoom queries against a straightforward computation, on generated models and after structural edits.

The reference walks the tree through ``parent`` and ``Placement.holon`` only (no paths, no link spans), so
it also checks that the denormalised spans follow every edit.
"""

import random
from collections import Counter, defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from holarchy.modeling import selectors, services
from holarchy.modeling.models import Component, Holarchy, Holon, Link, LinkSpan, Placement, SystemModel

LOSSES = (0.0, 0.01, 0.1)


def generated_document(seed: int, holons: int = 40, components: int = 30, links: int = 90) -> dict:
    """Two random holarchies; components placed in leaves and in inner holons; links of mixed delivery."""
    rng = random.Random(seed)
    keys = [f"c{i}" for i in range(components)]

    def tree(prefix: str) -> dict:
        nodes = [{"id": f"{prefix}0", "children": [], "components": []}]
        for i in range(1, holons):
            parent = rng.choice(nodes[max(0, i - 12) :])  # bushy but a few levels deep
            node = {"id": f"{prefix}{i}", "children": [], "components": []}
            parent["children"].append(node)
            nodes.append(node)
        for key in keys:
            rng.choice(nodes)["components"].append(key)
        for node in nodes:
            for empty in [k for k in ("children", "components") if not node[k]]:
                del node[empty]
        return nodes[0]

    pairs: dict[frozenset, tuple[str, str]] = {}  # one link per pair of components, either way
    while len(pairs) < links:
        source, target = rng.sample(keys, 2)
        pairs.setdefault(frozenset((source, target)), (source, target))
    return {
        "format": "holarchy/v1",
        "name": f"Generated {seed}",
        "components": [{"id": key, "behavior": "server"} for key in keys],
        "links": [
            {
                "from": source,
                "to": target,
                "loss": rng.choice(LOSSES),
                "reorder": rng.random() < 0.3,
                "bidirectional": rng.random() < 0.2,
            }
            for source, target in pairs.values()
        ],
        "holarchies": [{"name": "first", "root": tree("a")}, {"name": "second", "root": tree("b")}],
    }


def _delivery(link: dict) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in link.items() if k in ("loss", "duplication", "reorder", "delay")))


def reference(holarchy: Holarchy) -> tuple[dict, dict]:
    """White and black boxes of every holon, by walking parents: {holon id: {group key: (count, deliveries)}}."""
    parent = dict(Holon.objects.filter(holarchy=holarchy).values_list("id", "parent_id"))
    leaf = dict(Placement.objects.filter(holarchy=holarchy).values_list("component_id", "holon_id"))
    keys = dict(Component.objects.filter(model=holarchy.model).values_list("id", "key"))
    links = list(
        Link.objects.filter(model=holarchy.model).values(
            "source_id", "target_id", "bidirectional", "loss", "duplication", "reorder", "delay"
        )
    )

    def chain(holon: int) -> list[int]:  # the holon and its ancestors, itself first
        return [holon] + (chain(parent[holon]) if parent[holon] else [])

    white: dict = defaultdict(lambda: defaultdict(Counter))
    black: dict = defaultdict(lambda: defaultdict(Counter))
    for link in links:
        ends = leaf[link["source_id"]], leaf[link["target_id"]]
        up = chain(ends[0]), chain(ends[1])
        delivery = _delivery(link)
        for holon in parent:
            inside = [holon in u for u in up]
            if all(inside):
                parts = [
                    ("component", keys[link[end]])
                    if leaf_holon == holon
                    else ("holon", chained[chained.index(holon) - 1])
                    for end, leaf_holon, chained in zip(("source_id", "target_id"), ends, up, strict=True)
                ]
                if parts[0] != parts[1]:
                    white[holon][(*parts, link["bidirectional"])][delivery] += 1
            elif any(inside):
                far = up[1] if inside[0] else up[0]
                ancestors = set(chain(holon))
                # the child of the deepest common ancestor on the far side (that ancestor if it holds the end)
                other = next(h for h in far if h in ancestors or parent[h] in ancestors)
                direction = "both" if link["bidirectional"] else ("out" if inside[0] else "in")
                black[holon][(other, direction)][delivery] += 1
    return white, black


def fast(holarchy: Holarchy) -> tuple[dict, dict]:
    white: dict = {}
    black: dict = {}
    for holon in Holon.objects.filter(holarchy=holarchy):
        box = selectors.white_box(holon)
        white[holon.pk] = {
            (
                tuple(*link["from"].items()),
                tuple(*link["to"].items()),
                link["bidirectional"],
            ): _groups(link)
            for link in box["links"]
        }
        assert [(g["from"], g["to"], g["bidirectional"]) for g in box["links"]] == sorted(
            ((g["from"], g["to"], g["bidirectional"]) for g in box["links"]),
            key=lambda g: (_label(g[0], box), _label(g[1], box), g[2]),
        ), "groups come in order of parts"
        box = selectors.black_box(holon)
        black[holon.pk] = {(group["holon"]["id"], group["direction"]): _groups(group) for group in box["interface"]}
        assert box["links"] == sum(group["links"] for group in box["interface"])
    return white, black


def _label(part: dict, box: dict) -> str:
    if "component" in part:
        return f"component:{part['component']}"
    return "holon:" + Holon.objects.get(pk=part["holon"]).path


def _groups(group: dict) -> Counter:
    counts: Counter = Counter()
    for delivery in group["delivery"]:
        counts[_delivery(delivery)] += delivery["links"]
    assert sum(counts.values()) == group["links"]
    return counts


def assert_zoom_matches(model: SystemModel) -> None:
    for holarchy in model.holarchies.all():
        ref_white, ref_black = reference(holarchy)
        got_white, got_black = fast(holarchy)
        for holon in got_white:
            assert got_white[holon] == {k: Counter(v) for k, v in ref_white[holon].items()}, f"white box of {holon}"
            assert got_black[holon] == {k: Counter(v) for k, v in ref_black[holon].items()}, f"black box of {holon}"
    assert_spans_fresh(model)


def assert_spans_fresh(model: SystemModel) -> None:
    """The denormalised spans equal what the links and placements give."""
    path = dict(Holon.objects.filter(holarchy__model=model).values_list("id", "path"))
    leaf = {
        (holarchy, component): path[holon]
        for holarchy, component, holon in Placement.objects.filter(holarchy__model=model).values_list(
            "holarchy_id", "component_id", "holon_id"
        )
    }
    copied = ("source_id", "target_id", *selectors.DELIVERY_FIELDS)
    expected = sorted(
        (holarchy.pk, link, leaf[holarchy.pk, fields[0]], leaf[holarchy.pk, fields[1]], *map(repr, fields))
        for holarchy in model.holarchies.all()
        for link, *fields in model.links.values_list("id", *copied)
    )
    stored = LinkSpan.objects.filter(link__model=model).values_list(
        "holarchy_id",
        "link_id",
        "source_path",
        "target_path",
        "source_component",
        "target_component",
        *selectors.DELIVERY_FIELDS,
    )
    assert sorted((*span[:4], *map(repr, span[4:])) for span in stored) == expected


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_zoom_equals_the_straightforward_computation(workspace, seed):
    model = services.import_model_document(workspace=workspace, document=generated_document(seed))

    assert_zoom_matches(model)


def _pick(rng: random.Random, holarchy: Holarchy, **filters) -> Holon:
    return rng.choice(list(Holon.objects.filter(holarchy=holarchy, **filters).order_by("id")))


def test_zoom_stays_exact_through_structural_edits(workspace):
    rng = random.Random(7)
    model = services.import_model_document(workspace=workspace, document=generated_document(7))
    first = model.holarchies.get(name="first")
    for _ in range(6):  # moves of whole subtrees
        holon = _pick(rng, first, parent__isnull=False)
        parent = rng.choice([h for h in Holon.objects.filter(holarchy=first) if not h.path.startswith(holon.path)])
        services.move_holon(holon=holon, parent=parent)
    for _ in range(3):  # removing a level
        services.delete_holon(holon=_pick(rng, first, parent__isnull=False))
    for component in rng.sample(list(model.components.all()), 5):  # placements
        services.place_component(holon=_pick(rng, first), component=component)
    linked = {frozenset(pair) for pair in model.links.values_list("source_id", "target_id")}
    unlinked = [
        (a, b)
        for a in model.components.all()
        for b in model.components.all()
        if frozenset((a.pk, b.pk)) not in linked and a != b
    ]
    link = model.links.first()
    services.update_part(part=link, source=unlinked[0][0], target=unlinked[0][1])  # a link's ends change
    services.update_part(
        part=model.links.last(), loss=0.5, bidirectional=True, delay={"dist": "exponential", "mean": 2}
    )
    services.create_link(model=model, source=unlinked[-1][0], target=unlinked[-1][1], loss=0.1)
    services.create_holon(parent=_pick(rng, first), key="fresh")
    services.create_holarchy(model=model, name="third", levels=[], root_key="t0")

    assert_zoom_matches(model)

    services.delete_part(part=model.components.first())  # its links and their spans go with it
    services.delete_part(part=model.links.first())
    services.delete_part(part=model.holarchies.get(name="second"))
    assert_zoom_matches(model)


def test_a_move_rewrites_the_spans_in_one_update(workspace):
    model = services.import_model_document(workspace=workspace, document=generated_document(5))
    first = model.holarchies.get(name="first")
    holon = Holon.objects.filter(holarchy=first, depth=1).order_by("id").first()
    target = Holon.objects.filter(holarchy=first).exclude(path__startswith=holon.path).order_by("-depth").first()

    with CaptureQueriesContext(connection) as queries:
        services.move_holon(holon=holon, parent=target)

    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and LinkSpan._meta.db_table in q["sql"]]
    assert len(updates) == 1
    assert_zoom_matches(model)
