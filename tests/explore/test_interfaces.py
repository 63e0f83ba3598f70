"""The interfaces other parts use: the CLI, the trace format, the JSON summary, the parallel chunk function."""

import json

from simulations.engine.__main__ import main as engine_main
from simulations.engine.explore import explore
from simulations.engine.explore.loading import load_spec, read_document
from simulations.engine.explore.parallel import expand_frontier_chunk
from simulations.engine.explore.system import System
from simulations.engine.trace import TraceReader
from tests.explore.conftest import EXAMPLES


def test_cli_prints_counts_verdicts_and_lengths_as_json(capsys):
    code = engine_main(["explore", str(EXAMPLES / "lost-update.yaml"), "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 1  # a property is violated
    assert summary["states"] == 41 and summary["complete"]
    assert {p["name"]: p.get("counterexample_length") for p in summary["properties"]} == {
        "no-lost-update": 8, "both-finish": None}


def test_cli_reports_an_incomplete_run_and_bad_files(capsys):
    code = engine_main(["explore", str(EXAMPLES / "two-phase-commit-coordinator-recovery.yaml"), "--max-depth", "3"])
    out = capsys.readouterr().out
    assert code == 3 and "INCOMPLETE" in out and "holds" not in out
    assert engine_main(["explore", str(EXAMPLES / "missing.yaml")]) == 2


def test_summary_and_graph_are_json():
    result = explore(EXAMPLES / "write-skew.yaml")
    json.dumps(result.summary)
    json.dumps(result.graph)
    json.dumps(result.counterexamples)
    json.dumps(result.races)


def test_counterexample_is_a_simulator_trace(explored):
    trace = explored("lost-update").counterexamples["no-lost-update"]
    reader = TraceReader(trace["lines"])
    assert reader.last_step == trace["length"] == 8
    assert reader.global_state(8) == trace["steps"][-1]["state"]
    assert [reader.delta(k)["a"] for k in range(1, 9)] == [s["actor"] for s in trace["steps"][1:]]
    view = reader.local_view("t1", 8)
    assert [m[3] for m in view["received"]] == ["value", "ack"]


def test_frontier_chunks_travel_as_json_and_expand_like_the_local_search():
    doc = read_document(EXAMPLES / "two-phase-commit-coordinator-crash.yaml")
    system = System(load_spec(doc)[0])
    init = system.initial_states()[0]
    chunk = json.loads(json.dumps([system.export(init)]))
    [successors] = expand_frontier_chunk(doc, chunk)
    assert sorted(system.adopt(p) for p in json.loads(json.dumps(successors))) == sorted(system.successors(init))


def test_parallel_search_matches_the_sequential_one():
    one = explore(EXAMPLES / "two-phase-commit-coordinator-recovery.yaml", symmetry=False)
    two = explore(EXAMPLES / "two-phase-commit-coordinator-recovery.yaml", workers=2)
    keys = ("states", "transitions", "depth", "terminal_states", "deadlocks", "properties")
    assert {k: two.summary[k] for k in keys} == {k: one.summary[k] for k in keys}
