"""Every example's trace says what it said before holarchy-trace/v2, step by step (trace_golden.json, recorded
from the JSON-lines encoding): the same steps, events, global states and local views; only the bytes differ."""

from __future__ import annotations

import json

import pytest

from . import trace_golden

pytestmark = pytest.mark.slow

RECORDED = json.loads(trace_golden.GOLDEN.read_text())


def test_every_example_run_is_recorded():
    assert sorted(RECORDED) == sorted(f"{example}/{scenario}" for example, scenario in trace_golden.runs())


@pytest.mark.parametrize("run", sorted(RECORDED))
def test_the_trace_reads_as_it_did(run):
    example, scenario = run.split("/")
    assert trace_golden.digest(example, scenario) == RECORDED[run]
