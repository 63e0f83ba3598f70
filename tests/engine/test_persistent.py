"""Persistent collections read, compare, freeze and encode like the dict and list they stand for."""

from __future__ import annotations

import copy
import pickle

from hypothesis import given
from hypothesis import strategies as st

from simulations.engine.expr import compile_expr, environment
from simulations.engine.persistent import PDict, PList, pdict, plain, plist
from simulations.engine.semantics import freeze
from simulations.engine.trace import encode, state_change

ops = st.lists(st.tuples(st.booleans(), st.sampled_from("abcdef"), st.integers(0, 3)), max_size=30)


@given(ops)
def test_a_pdict_behaves_like_a_dict_updated_the_same_way(steps):
    plain_dict: dict[str, int] = {}
    persistent, history = PDict(), []
    for delete, key, value in steps:
        history.append((persistent, dict(plain_dict)))
        if delete and key in plain_dict:
            plain_dict = {k: v for k, v in plain_dict.items() if k != key}
            persistent = persistent.delete(key)
        elif not delete:
            plain_dict = {**plain_dict, key: value}
            persistent = persistent.set(key, value)
        assert list(persistent.items()) == list(plain_dict.items())  # insertion order, as a dict keeps it
        assert persistent == plain_dict and plain_dict == persistent and len(persistent) == len(plain_dict)
    for earlier, expected in history:  # every earlier version is unchanged: updates share, never mutate
        assert list(earlier.items()) == list(expected.items())


def test_a_pdict_is_unhashable_and_unequal_to_a_different_map():
    assert PDict({"a": 1}) != {"a": 2} and PDict({"a": 1}) != {"a": 1, "b": 2} and PDict() != []
    try:
        hash(PDict())
    except TypeError:
        pass
    else:
        raise AssertionError("a PDict stands for a dict: unhashable")


def test_copies_and_pickles_are_equal_and_conversions_keep_the_persistent_ones():
    m = PDict({"a": [1], "b": PDict({"c": 2})})
    assert copy.deepcopy(m) == m and pickle.loads(pickle.dumps(m)) == m
    assert pdict(m) is m and pdict({"a": 1}) == {"a": 1}
    v = plist([1, 2])
    assert plist(v) is v and type(v) is PList and v == [1, 2] and [1, 2] == v
    assert plain({"x": m, "y": v.append(PDict({"z": 1}))}) == {"x": {"a": [1], "b": {"c": 2}}, "y": [1, 2, {"z": 1}]}
    assert type(plain(m)["b"]) is dict


def test_freeze_and_the_trace_see_the_dict_and_list_they_stand_for():
    state = {"applied": plist(["r1", "r2"]), "seen": PDict({"r1": True, "r2": True}), "n": 2}
    as_plain = {"applied": ["r1", "r2"], "seen": {"r1": True, "r2": True}, "n": 2}
    assert freeze(state) == freeze(as_plain)
    assert encode(state) == encode(as_plain)
    grown = {**state, "applied": state["applied"].append("r3"), "seen": state["seen"].set("r3", True)}
    change = state_change(state, grown)
    assert change["sa"] == {"applied": ["r3"]}  # the grown vector is written as what it gained
    assert plain({**change.get("sd", {}), **change.get("sm", {})}["seen"]) in ({"r3": True}, plain(grown["seen"]))


def test_expressions_read_them_like_dicts_and_lists():
    record = {"applied": plist(["a", "b", "a"]), "seen": PDict({"a": True, "b": True})}
    env = environment({"c": record})
    for text, expected in [("len(c.applied) == len(set(c.applied))", False), ("'b' in c.seen", True),
                           ("c.seen.z is None and c.seen.a", True), ("[k for k in c.seen] == ['a', 'b']", True),
                           ("c.applied[-1] + c.applied[0]", "aa"), ("c.seen == {'b': True, 'a': True}", True),
                           ("c.applied + ['c'] == ['a', 'b', 'a', 'c']", True), ("sorted(c.seen)", ["a", "b"])]:
        assert compile_expr(text, frozenset({"c"})).evaluate(env) == expected, text
