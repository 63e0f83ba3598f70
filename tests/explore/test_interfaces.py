"""The interfaces other parts use: the CLI, the trace format, the JSON summary."""

import json

from simulations.engine.__main__ import main as engine_main
from simulations.engine.explore import explore
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
