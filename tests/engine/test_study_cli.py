"""`python -m simulations.engine study`: the roll-up as JSON, and its exit codes."""

from __future__ import annotations

import json

import pytest

from simulations.engine.__main__ import main
from simulations.engine.modelcode import dump_model, load_text
from simulations.engine.study import plan_study, roll_up, run_points

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "replicated-service.yaml"


def test_json_is_the_engine_roll_up_and_a_level_not_survived_exits_1(capsys):
    assert main(["study", str(EXAMPLE), "--holarchy", "physical", "--levels", "region", "cluster", "--json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    doc = dump_model(load_text(EXAMPLE.read_text()))
    plan, points = plan_study(doc, holarchy="physical", levels=["region", "cluster"])
    assert printed == roll_up(plan, run_points(doc, points))
    assert printed["lowest_unsurvived_level"] == "region"


def test_every_level_survived_exits_0_and_the_text_says_so(capsys):
    fault = '{"crash": {"kind": "transient", "at": 60, "duration": 30}}'
    assert main(["study", str(EXAMPLE), "--holarchy", "physical", "--levels", "node", "--fault", f"node={fault}",
                 "--seeds", "2", "--workers", "2"]) == 0
    out = capsys.readouterr().out
    assert "level node: 4/4 failures survived (100%)" in out and "every studied level is survived" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--holarchy", "nope"], "holarchy: unknown holarchy 'nope'"),
    (["--holarchy", "physical", "--levels", "rack"], "levels/0: unknown level 'rack'"),
    (["--holarchy", "physical", "--fault", "node={bad"], "faults/node: --fault"),
    (["--holarchy", "physical", "--fault", 'node={"crash": {"kind": "transient", "at": 1}}'],
     "faults/node/crash/duration"),
])
def test_bad_options_exit_2_with_the_field(capsys, args, message):
    assert main(["study", str(EXAMPLE), *args]) == 2
    assert message in capsys.readouterr().err


def test_an_unreadable_file_exits_2(capsys, tmp_path):
    assert main(["study", str(tmp_path / "missing.yaml"), "--holarchy", "physical"]) == 2
    assert "cannot read" in capsys.readouterr().err
