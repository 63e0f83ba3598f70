"""Leader election without fencing under a partition (the engine's split-brain example): found, shortest."""


from simulations.engine.explore import Bounds, explore
from tests.explore.conftest import EXAMPLES, verdicts


def test_split_brain_found_with_shortest_trace():
    # Terms grow without bound, so the space is infinite: a depth bound keeps the run short and incomplete.
    result = explore(EXAMPLES / "split-brain.yaml", bounds=Bounds(max_depth=6))
    assert verdicts(result)["single-leader"] == "violated"
    assert verdicts(result)["one-leader-per-term"] == "incomplete"  # never "holds" on a bounded run
    assert not result.summary["complete"]
    trace = result.counterexamples["single-leader"]
    # n1 wins term 1 with one vote; n2 starts term 2 and wins it with n3's: 6 steps, and none shorter.
    assert trace["length"] == 6
    last = trace["steps"][-1]["state"]["components"]
    assert sorted(c for c in ("n1", "n2", "n3") if last[c]["state"]["role"] == "leader") == ["n1", "n2"]
    assert last["n1"]["state"]["term"] < last["n2"]["state"]["term"]
