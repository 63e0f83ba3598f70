"""The library API (simulate, RunResult) and the CLI."""

from __future__ import annotations

import json

import pytest

from simulations.engine.__main__ import main
from simulations.engine.api import simulate
from simulations.engine.expr import ExprError
from simulations.engine.modelcode import ModelError, load_model, load_text
from simulations.engine.simulator import Simulator
from simulations.engine.tracecodec import BINARY

from .conftest import EXAMPLES, base_doc


def test_summary_is_json_serialisable_and_complete():
    summary = simulate(base_doc(), seed=1).summary
    json.dumps(summary)
    assert {"steps", "messages", "crashes", "violations", "safety", "liveness", "slis", "slos", "trace_hash"} <= \
        summary.keys()
    assert set(summary["messages"]) >= {"sent", "delivered", "dropped", "duplicated"}
    slo = summary["slos"][0]
    assert {"met", "error_budget", "budget_consumed", "burn_rate", "sli_value"} <= slo.keys()
    assert set(summary["slis"]) == {"physical", "logical"}
    # black-box view: the 20 requests leave m1 and enter m2; nothing crosses the region's or the system's boundary
    assert summary["boundaries"]["physical"] == {"m1": {"in": 20, "out": 20}, "m2": {"in": 20, "out": 20}}
    assert summary["boundaries"]["logical"] == {}


def test_progress_is_bounded_and_monotone():
    seen: list[float] = []
    model = load_text((EXAMPLES / "leader-election.yaml").read_text())
    simulate(model, seed=1, until=5000, progress=seen.append)
    assert 2 <= len(seen) <= 22
    assert seen == sorted(seen) and all(0 <= f <= 1 for f in seen) and seen[-1] == 1.0


def test_counterexample_is_the_trace_prefix_to_the_violation():
    model = load_text((EXAMPLES / "retries-without-idempotency.yaml").read_text())
    result = simulate(model, seed=1, trace=True)
    (violation,) = result.summary["violations"]
    prefix = result.counterexample()
    assert BINARY.decode(prefix[-1])["s"] == violation["step"] < result.summary["steps"]  # the run went on
    assert violation["components"] == ["server"]


def test_bad_input_raises_clear_errors():
    doc = base_doc()
    doc["links"][0]["to"] = "ghost"
    with pytest.raises(ModelError) as info:
        simulate(doc, seed=1)
    assert [i.path for i in info.value.issues] == ["links/0/to"]
    with pytest.raises(ModelError, match="unknown scenario"):
        simulate(base_doc(), seed=1, scenario="nope")


def test_runtime_expression_failure_names_the_expression():
    doc = base_doc()
    doc["properties"]["safety"][0]["always"] = "component['server'].handled / 0 == 1"
    with pytest.raises(ModelError, match="handled / 0"):
        simulate(doc, seed=1)
    with pytest.raises(ExprError, match="handled / 0"):
        Simulator(load_model(doc), seed=1).run()


def test_cli_prints_json_and_signals_violations(capsys):
    assert main(["run", str(EXAMPLES / "request-response.yaml"), "--seed", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["trace_hash"]
    assert main(["run", str(EXAMPLES / "split-brain.yaml"), "--seed", "1", "--until", "100"]) == 1
    assert "single-leader: violated" in capsys.readouterr().out


def test_cli_rejects_bad_model_files_listing_paths(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text((EXAMPLES / "request-response.yaml").read_text().replace("server: server", "server: nobody"))
    assert main(["run", str(bad), "--seed", "1"]) == 2
    assert "components/0/params/server" in capsys.readouterr().err
    bad.write_text("components: [\n")
    assert main(["run", str(bad), "--seed", "1"]) == 2
    assert "line" in capsys.readouterr().err
    assert main(["run", str(tmp_path / "missing.yaml"), "--seed", "1"]) == 2
