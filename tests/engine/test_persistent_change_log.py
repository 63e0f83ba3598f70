"""A persistent map's or list's change is found from its update log, and is exactly the change a walk of both finds."""

from __future__ import annotations

import gc

from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.engine import persistent
from simulations.engine.persistent import UPDATE_LOG, PDict, appended, extends, plist
from simulations.engine.trace import _map_change, encode, state_change

KEYS = st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h", 1, 2])
# An update: delete a key, set it to a small int, to a fresh list equal to another (equal, not the same object),
# or to the value it has (the same object).
UPDATE = st.tuples(st.sampled_from(["delete", "int", "list", "same"]), KEYS, st.integers(0, 2))
STEPS = st.lists(st.lists(UPDATE, max_size=UPDATE_LOG + 2), min_size=1, max_size=12)


def _update(m: PDict, update: tuple[str, object, int]) -> PDict:
    kind, key, n = update
    if kind == "delete":
        return m.delete(key) if key in m else m
    if kind == "same":
        return m.set(key, m[key]) if key in m else m
    return m.set(key, n if kind == "int" else [n])


def _walked(before: PDict, value: PDict) -> object:
    """The change a walk of both maps finds: the same maps without their logs."""
    return _map_change(PDict(before.items()), PDict(value.items()))


def _applied(before: PDict, change: tuple[dict[object, object], list[object]] | None, value: PDict) -> dict:
    """`before` with a change applied as a trace reader applies it (sm, then sr)."""
    if change is None:
        return dict(value.items())
    state = dict(before.items())
    state.update(change[0])
    for key in change[1]:
        state.pop(key, None)
    return state


@settings(deadline=None)  # a loaded machine must not fail it: it asserts what it finds, not its time
@given(st.dictionaries(KEYS, st.integers(0, 2), max_size=8), STEPS)
def test_the_logged_change_is_the_walked_change_byte_for_byte(start, steps):
    before = PDict(start)
    for updates in steps:
        value = before
        for update in updates:
            value = _update(value, update)
        if value is before:
            continue
        found, walked = _map_change(before, value), _walked(before, value)
        assert found == walked and encode(found) == encode(walked)
        applied = _applied(before, found, value)
        assert applied == dict(value.items())
        if value.changes_since(before) is not None:  # found from the log: the reader's order is the map's too
            assert list(applied) == list(value)
        before = value


def test_a_chain_of_updates_is_found_from_the_log_and_keeps_few_versions_alive():
    first = PDict({f"k{i}": i for i in range(100)})
    m = first
    for i in range(1000):
        m = m.set(f"k{i % 100}", -i).set(f"new{i}", i)
    earlier = m
    m = m.set("k5", "five").delete("k6")
    assert m.changes_since(earlier) == ([], ["k5"], ["k6"])
    assert m.changes_since(first) is None  # too far back: found by walking both maps
    assert earlier.changes_since(first) is None  # its log went to the map made from it
    alive, todo = set(), [m]
    while todo:
        for ref in gc.get_referents(todo.pop()):
            if type(ref) is PDict and id(ref) not in alive:
                alive.add(id(ref))
                todo.append(ref)
            elif type(ref) is tuple:
                todo.append(ref)
    assert len(alive) <= UPDATE_LOG


def test_a_key_removed_and_set_again_is_found_by_walking_both_maps():
    before = PDict({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6})
    moved = before.delete("a").set("a", 1)
    assert moved.changes_since(before) is None
    assert _map_change(before, moved) == _walked(before, moved)


@settings(deadline=None)
@given(st.lists(st.integers(0, UPDATE_LOG + 2), min_size=1, max_size=12), st.booleans())
def test_items_appended_are_found_from_the_log_as_comparing_the_lists_finds_them(appends, plain_append):
    before = plist(range(3))
    for n in appends:
        value = before
        for i in range(n):
            value = value.append(i) if plain_append else appended(value, [i])
        if value is before:
            continue
        found = state_change({"applied": before}, {"applied": value})
        walked = state_change({"applied": plist(list(before))}, {"applied": plist(list(value))})
        assert encode(found) == encode(walked)
        assert extends(value, before) == (not plain_append and 0 < n <= UPDATE_LOG)
        before = value


def test_a_vector_forgets_what_it_extends_when_it_dies():
    first = plist([1])
    longer = appended(first, 2)
    assert extends(longer, first) and not extends(first, longer)
    remembered = len(persistent._EXTENDS)
    for i in range(1000):
        appended(longer, i)  # made and dropped: its entry goes with it
    assert len(persistent._EXTENDS) == remembered
