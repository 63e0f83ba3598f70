"""Leader election without fencing: split brain is found, with a shortest trace."""

from tests.explore.conftest import verdicts


def test_split_brain_found_with_shortest_trace(explored):
    result = explored("leader-election-without-fencing")
    assert verdicts(result) == {"one-leader": "violated", "writes-in-term-order": "violated"}
    two_leaders = result.counterexamples["one-leader"]
    # n1 wins term 1 with n2's vote; n2 starts term 2 and wins it with n3's vote: 6 steps, none shorter.
    assert two_leaders["length"] == 6
    last = two_leaders["steps"][-1]["state"]["components"]
    assert [c for c in ("n1", "n2", "n3") if last[c]["state"]["role"] == "leader"] == ["n1", "n2"]
    assert result.counterexamples["writes-in-term-order"]["length"] == 10
    assert not result.summary["complete"]
