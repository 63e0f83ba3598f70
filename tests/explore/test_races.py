"""Lost update and write skew: races found with shortest traces, outcomes classified against serial orders."""

from tests.explore.conftest import verdicts


def test_lost_update_found_with_the_minimal_counterexample(explored):
    result = explored("lost-update")
    assert verdicts(result)["no-lost-update"] == "violated"
    trace = result.counterexamples["no-lost-update"]
    # Both reads must reach the store before either write; every one of the 8 messages must be delivered.
    assert trace["length"] == 8
    assert trace["loop_start"] is None
    final = trace["steps"][-1]["state"]["components"]
    assert final["db"]["state"]["x"] == 1
    assert all(step["actor"] in ("db", "t1", "t2") for step in trace["steps"][1:])


def test_lost_update_outcome_matches_no_serial_order(explored):
    races = {r["outcome"]: r for r in explored("lost-update").races}
    assert races[2]["serializable"] and sorted(races[2]["serial_orders"]) == [["t1", "t2"], ["t2", "t1"]]
    assert not races[1]["serializable"] and races[1]["serial_orders"] == []
    assert races[1]["trace_length"] == 8


def test_write_skew_is_not_serializable(explored):
    result = explored("write-skew")
    assert verdicts(result)["someone-on-call"] == "violated"
    races = result.summary["serializability"]
    bad = [r for r in races if not r["serializable"]]
    assert [r["outcome"] for r in bad] == ["alice on call: False, bob on call: False"]
    assert len([r for r in races if r["serializable"]]) == 2
    witness = result.races[[r["serializable"] for r in result.races].index(False)]["trace"]
    db = witness["steps"][-1]["state"]["components"]["db"]["state"]
    assert db == {"alice": False, "bob": False}
