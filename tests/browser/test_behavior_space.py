"""An exploration's behavior space: the state graph, verdicts, and a counterexample to step through."""

import pytest
from playwright.sync_api import expect

from holarchy.modeling.models import ModelVersion
from simulations.models import Exploration
from simulations.tasks import explore_version

from .conftest import import_example, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def explored(alice, alice_client, workspace, example: str) -> Exploration:
    version = ModelVersion.objects.get(model_id=import_example(alice_client, workspace, example), number=1)
    exploration = Exploration.objects.create(version=version, created_by=alice, max_states=50_000, max_seconds=60)
    assert explore_version.apply(args=[str(exploration.id)]).get() == "succeeded"
    return exploration


def test_a_small_space_is_drawn_state_by_state(page, alice, alice_client, workspace):
    exploration = explored(alice, alice_client, workspace, "two-interleaved-processes.yaml")
    log_in(page, "alice")
    page.goto(f"/models/{exploration.version.model_id}/explorations/{exploration.id}")
    graph = page.get_by_test_id("behavior-graph")
    expect(graph.locator("circle, rect")).not_to_have_count(0)
    verdicts = page.get_by_test_id("verdicts")
    expect(verdicts).to_contain_text("holds")
    # Click a state: its global state shows below the graph.
    graph.locator("g").filter(has=page.locator("circle")).first.click()
    expect(page.get_by_test_id("explored-state")).to_be_visible()
    screenshot(page, "behavior-space-small")


def test_a_violated_property_comes_with_a_counterexample(page, alice, alice_client, workspace):
    exploration = explored(alice, alice_client, workspace, "two-phase-commit-coordinator-crash.yaml")
    log_in(page, "alice")
    page.goto(f"/models/{exploration.version.model_id}/explorations/{exploration.id}")
    verdicts = page.get_by_test_id("verdicts")
    expect(verdicts.locator("tr", has_text="all-decide")).to_contain_text("violated")
    expect(verdicts.locator("tr", has_text="agreement")).to_contain_text("holds")
    trace = page.get_by_test_id("counterexample")
    expect(trace).to_contain_text("crash coordinator")
    expect(trace).to_contain_text("loop returns here")
    trace.locator("li", has_text="crash coordinator").click()
    expect(trace.get_by_test_id("explored-state")).to_contain_text("coordinator")
    expect(trace.get_by_test_id("explored-state")).to_contain_text("down")
    screenshot(page, "behavior-space-counterexample")
