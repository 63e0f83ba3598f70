from simulations.engine.explore import Bounds, explore
from tests.explore.conftest import EXAMPLES, verdicts


def test_two_processes_two_steps_each_have_six_interleavings(explored):
    result = explored("two-interleaved-processes")
    summary = result.summary
    assert summary["complete"]
    assert summary["interleavings"] == 6
    assert (summary["states"], summary["transitions"], summary["depth"]) == (9, 12, 4)
    assert summary["terminal_states"] == {"done": 1}
    assert verdicts(result) == {"steps-bounded": "holds", "both-finish": "holds"}


def test_graph_labels_every_step_with_actor_and_action(explored):
    graph = explored("two-interleaved-processes").graph
    assert not graph["collapsed"]
    assert len(graph["nodes"]) == 9 and len(graph["edges"]) == 12
    assert {(e["actor"], e["action"]) for e in graph["edges"]} == {("a", "timer step"), ("b", "timer step")}


def test_a_bound_makes_the_result_incomplete_never_holds():
    result = explore(EXAMPLES / "two-interleaved-processes.yaml", bounds=Bounds(max_depth=2))
    assert not result.summary["complete"]
    assert result.summary["stopped_by"] == "max_depth"
    assert set(verdicts(result).values()) == {"incomplete"}


def test_collapsed_graph_counts_states_per_level():
    result = explore(EXAMPLES / "two-interleaved-processes.yaml", graph_limit=3)
    graph = result.graph
    assert graph["collapsed"]
    assert [n["states"] for n in graph["nodes"]] == [1, 2, 3, 2, 1]
    assert sum(e["count"] for e in graph["edges"]) == 12
