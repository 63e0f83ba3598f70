"""A breaking point computed by hand, found by the search: the saturated queue's latency SLO.

One server takes exactly `service` per request, first in first out; a client
sends `total` requests at a steady `rate`; each link hop takes `d`. Below
saturation nobody waits: a request takes 2d + service. Above it request n waits
n * (service - 1/rate). The SLO wants a fraction `objective` of the requests
within `threshold`, so the first m = ceil(objective * total) must be, which
holds while (m - 1) * (service - 1/rate) <= threshold - 2d - service.
"""

from __future__ import annotations

import json
import math

import pytest

from simulations.engine.__main__ import main
from simulations.engine.modelcode import dump_model, load_text

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "saturated-queue.yaml"
RATE = "components/client/params/rate"


def hand_computed_breaking_rate() -> float:
    doc = dump_model(load_text(EXAMPLE.read_text()))
    params = {c["id"]: c["params"] for c in doc["components"]}
    service, total = params["server"]["service"], params["client"]["total"]
    hop = doc["links"][0]["delay"]["value"]
    (slo,) = doc["slos"]
    slack = slo["threshold"] - 2 * hop - service
    must_be_good = math.ceil(slo["objective"] * total)
    return 1 / (service - slack / (must_be_good - 1))


def search(capsys, *args: str) -> tuple[int, dict]:
    status = main(["breaking", str(EXAMPLE), "--param", RATE, *args, "--json"])
    return status, json.loads(capsys.readouterr().out)


def test_the_interval_found_contains_the_hand_computed_breaking_rate(capsys):
    expected = hand_computed_breaking_rate()
    assert expected == pytest.approx(10 / 9)
    status, result = search(capsys, "--low", "0.5", "--high", "2", "--resolution", "0.01", "--per-round", "4",
                            "--seeds", "2")
    assert status == 0 and result["outcome"] == "found" and result["non_monotone"] == []
    bp = result["breaking_point"]
    assert bp["held"] <= expected < bp["broke"] and bp["width"] <= 0.01
    # Every point below the hand-computed rate held, every point above it broke: nothing monotone was assumed wrongly.
    assert all(p["held"] == (p["value"] <= expected) for p in result["points"])
    assert [len(r["values"]) for r in result["rounds"]] == [4] * len(result["rounds"])
    assert len(result["rounds"]) <= result["max_rounds"]


def test_workers_in_processes_give_the_same_summary(capsys):
    args = ("--low", "0.5", "--high", "2", "--resolution", "0.05", "--per-round", "3")
    assert search(capsys, *args) == search(capsys, *args, "--workers", "2")


def test_a_load_that_breaks_already_at_low_exits_1_and_says_so(capsys):
    status, result = search(capsys, "--low", "1.5", "--high", "3", "--resolution", "0.1")
    assert status == 1 and result["outcome"] == "breaks_throughout"
    assert result["breaking_point"] == {"held": None, "broke": 1.5, "width": None}
    assert result["points"][0]["reasons"] == ["server-latency missed in 1 of 1 seeds"]


def test_a_load_the_slos_survive_throughout_holds_up_to_high(capsys):
    status, result = search(capsys, "--low", "0.2", "--high", "1", "--resolution", "0.1", "--property", "all-answered")
    assert status == 0 and result["outcome"] == "holds_throughout" and result["breaking_point"]["held"] == 1
    assert len(result["rounds"]) == 1


@pytest.mark.parametrize(("args", "message"), [
    (["--low", "2", "--high", "1", "--resolution", "0.1"], "search/high: must be above low"),
    (["--low", "1", "--high", "2", "--resolution", "0"], "search/resolution: must be above 0"),
    (["--low", "1", "--high", "2", "--resolution", "0.1", "--per-round", "1"], "search/per_round"),
    (["--low", "1", "--high", "2", "--resolution", "0.1", "--slo", "nope"], "search/slos/0: unknown SLO 'nope'"),
    (["--low", "1", "--high", "2", "--resolution", "0.1", "--property", "nope"], "search/properties/0"),
    (["--param", "components/nobody/params/rate", "--low", "1", "--high", "2", "--resolution", "0.1"],
     "parameter: components/nobody/params/rate: no element 'nobody'"),
    (["--param", "links/0/loss", "--low", "0", "--high", "2", "--resolution", "0.1"], "search/high: links/0/loss=2.0"),
])
def test_bad_options_exit_2_with_the_field(capsys, args, message):
    assert main(["breaking", str(EXAMPLE), "--param", RATE, *args]) == 2
    assert message in capsys.readouterr().err


def test_a_lower_point_that_broke_below_one_that_held_is_reported_as_not_monotone(capsys):
    # A negative rate sends every request at once (a timer in the past fires now): only the first is in time.
    status, result = search(capsys, "--low", "-1", "--high", "2", "--resolution", "0.1")
    assert status == 1 and result["non_monotone"] == [{"held": 0.5, "broke": -1.0}]
