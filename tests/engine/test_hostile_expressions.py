"""Every escape from the evaluation budget is rejected when compiled or stopped while running, in under
2 s and 256 MiB, and the process stays healthy; measured in a fresh process (tests/hostile.py)."""

from __future__ import annotations

import json
import re

import pytest

from simulations.engine.api import simulate
from simulations.engine.expr import MAX_STRING
from simulations.engine.modelcode import ModelError, load_model
from tests.hostile import (
    DYNAMIC,
    LIMIT_BYTES,
    LIMIT_SECONDS,
    STATIC,
    SYNTAX,
    grower_model,
    measure,
    run_cli,
)


@pytest.fixture(scope="module")
def measured():
    return measure({**STATIC, **DYNAMIC, **SYNTAX})


def _stopped(result: dict, stage: str) -> None:
    assert result["stage"] == stage, result
    assert result["seconds"] < LIMIT_SECONDS, result
    assert result["peak_bytes"] < LIMIT_BYTES, result


@pytest.mark.parametrize("name", STATIC)
def test_a_static_violation_is_rejected_when_compiled(measured, name):
    result = measured["cases"][name]
    _stopped(result, "compile")
    assert result["error"]["budget"], result
    assert "evaluation budget" in result["error"]["message"] or "bits" in result["error"]["message"]


@pytest.mark.parametrize("name", DYNAMIC)
def test_a_dynamic_violation_is_stopped_while_it_runs(measured, name):
    result = measured["cases"][name]
    _stopped(result, "evaluate")
    assert result["error"]["budget"], result
    assert result["error"]["message"].startswith(f"{DYNAMIC[name]!r} went over the evaluation budget: ")


@pytest.mark.parametrize("name", SYNTAX)
def test_deep_nesting_is_rejected_when_parsed(measured, name):
    result = measured["cases"][name]
    _stopped(result, "compile")
    assert "nest" in result["error"]["message"]


def test_the_process_is_healthy_after_every_case(measured):
    assert measured["healthy"]
    assert measured["max_rss_growth_bytes"] < LIMIT_BYTES


def test_a_run_whose_state_outgrows_the_budget_fails_with_the_reason():
    with pytest.raises(ModelError) as info:
        simulate(grower_model(), seed=1)
    (issue,) = info.value.issues
    assert "'s + s' went over the evaluation budget" in issue.message
    assert f"longer than {MAX_STRING:,} characters" in issue.message
    assert "at step 18" in issue.message  # 2**17 characters: the 17th doubling, after the start step


def test_a_property_that_outgrows_the_budget_fails_the_run():
    prop = "len(str([component['g'].s] * component['g'].n)) > 0"  # n doubles each step
    with pytest.raises(ModelError, match=re.escape(f"{prop!r} went over the evaluation budget")):
        simulate(grower_model("s", prop), seed=1)


def test_a_static_violation_is_a_model_error_naming_the_field():
    with pytest.raises(ModelError) as info:
        load_model(grower_model(prop="len('%0999999999d' % 1) > 0"))
    (issue,) = info.value.issues
    assert issue.path == "properties/safety/0/always"
    assert "goes over the evaluation budget" in issue.message


STATIC_PROPERTY = "len('%0999999999d' % 1) > 0"
CLI_CASES = {
    "run, static": (["run", "--seed", "1"], grower_model(prop=STATIC_PROPERTY), "properties/safety/0/always"),
    "explore, static": (["explore"], grower_model(prop=STATIC_PROPERTY), "properties/safety/0/always"),
    "run, dynamic": (["run", "--seed", "1"], grower_model(), "'s + s' went over the evaluation budget"),
    "explore, dynamic": (["explore"], grower_model(), "'s + s' went over the evaluation budget"),
}


@pytest.fixture(scope="module")
def cli_start_up_seconds(tmp_path_factory) -> float:
    """CPU seconds of the same command on a harmless model (interpreter and engine start-up, a short run)."""
    path = tmp_path_factory.mktemp("harmless") / "model.json"
    path.write_text(json.dumps(grower_model("s")))
    done, cpu_seconds, _peak = run_cli("run", str(path), "--seed", "1")
    assert done.returncode == 0, done.stderr
    return cpu_seconds


@pytest.mark.parametrize("name", CLI_CASES)
def test_the_cli_reports_the_expression_and_the_limit_and_exits_2(tmp_path, cli_start_up_seconds, name):
    command, model, expected = CLI_CASES[name]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model))
    done, cpu_seconds, peak_bytes = run_cli(*command[:1], str(path), *command[1:])
    assert done.returncode == 2, done
    assert expected in done.stderr and "evaluation budget" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert cpu_seconds - cli_start_up_seconds < LIMIT_SECONDS
    assert peak_bytes < LIMIT_BYTES
