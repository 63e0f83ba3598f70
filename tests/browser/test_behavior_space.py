"""An exploration's behavior space: the state graph on a canvas at real scale, verdicts, a counterexample and any
state opened in the global and local views, search and neighbourhoods beyond the drawn part."""

import pytest
from playwright.sync_api import expect

from holarchy.modeling.models import ModelVersion
from simulations.models import Exploration
from simulations.tasks import explore_version

from .conftest import element_screenshot, import_example, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLICK_STATE = """([id, zoom]) => {
  const box = document.querySelector('[data-testid=behavior-graph]');
  const node = box.cy.getElementById(String(id));
  box.cy.zoom(zoom);
  box.cy.center(node);
  const p = node.renderedPosition(), r = box.getBoundingClientRect();
  return {x: r.left + p.x, y: r.top + p.y};
}"""


def explored(alice, alice_client, workspace, example: str) -> Exploration:
    version = ModelVersion.objects.get(model_id=import_example(alice_client, workspace, example), number=1)
    exploration = Exploration.objects.create(version=version, created_by=alice, max_states=50_000, max_seconds=60)
    assert explore_version.apply(args=[str(exploration.id)]).get() == "succeeded"
    exploration.refresh_from_db()
    return exploration


def click_state(page, state: int, zoom: float = 1.5) -> None:
    """A real click on the canvas where the state is drawn (zoomed in and centred on it first)."""
    graph = page.get_by_test_id("behavior-graph")
    graph.scroll_into_view_if_needed()
    at = page.evaluate(CLICK_STATE, [state, zoom])
    page.mouse.click(at["x"], at["y"])


def test_a_small_space_is_drawn_state_by_state(page, alice, alice_client, workspace):
    exploration = explored(alice, alice_client, workspace, "two-interleaved-processes.yaml")
    log_in(page, "alice")
    page.goto(f"/models/{exploration.version.model_id}/explorations/{exploration.id}")
    graph = page.get_by_test_id("behavior-graph")
    expect(graph).to_have_attribute("data-nodes", "9")
    expect(graph).to_have_attribute("data-edges", "12")
    expect(page.get_by_test_id("verdicts")).to_contain_text("holds")
    click_state(page, 4)
    picked = page.get_by_test_id("picked-state")
    expect(picked).to_have_attribute("data-state", "4")
    expect(picked.get_by_test_id("global-view")).to_contain_text("a")
    expect(picked.get_by_test_id("local-view")).to_be_visible()
    screenshot(page, "behavior-space-small")


def test_thousands_of_states_drawn_with_the_counterexample_and_any_state_opens_in_the_viewer(
        page, alice, alice_client, workspace):
    exploration = explored(alice, alice_client, workspace, "two-phase-commit-coordinator-crash.yaml")
    stored = exploration.graph
    path = stored["paths"]["all-decide"]
    assert exploration.summary["states"] == len(stored["nodes"]) > 3000
    log_in(page, "alice")
    page.goto(f"/models/{exploration.version.model_id}/explorations/{exploration.id}")
    graph = page.get_by_test_id("behavior-graph")
    expect(graph).to_have_attribute("data-nodes", "3000", timeout=30_000)
    assert int(graph.get_attribute("data-edges")) > 3000
    expect(graph).to_have_attribute("data-highlighted", str(len(set(path))))
    expect(page.get_by_test_id("graph-counts")).to_contain_text(f"3,000 of {len(stored['nodes']):,} states drawn")
    expect(page.get_by_test_id("verdicts").locator("tr", has_text="all-decide")).to_contain_text("violated")
    element_screenshot(page.locator(".panel", has=graph), "behavior-space")

    # A counterexample step opens in the viewer: the coordinator crashed, in the global view and its own.
    counterexample = page.get_by_test_id("counterexample")
    counterexample.get_by_role("button", name="crash coordinator").click()
    expect(counterexample.get_by_test_id("global-view").locator("[data-component=coordinator]")).to_contain_text("down")
    expect(page.get_by_test_id("picked-state")).to_have_attribute("data-state", str(path[-1]))

    # A state on the highlighted path, clicked on the canvas: its global and local views, and the path to it.
    click_state(page, path[2])
    picked = page.get_by_test_id("picked-state")
    expect(picked).to_have_attribute("data-state", str(path[2]))
    expect(picked).to_contain_text("reached in 2 steps")
    expect(picked.get_by_test_id("global-view").locator("[data-component]")).to_have_count(
        len(stored["nodes"][path[2]]["state"]["components"]))
    picked.get_by_test_id("global-view").locator("[data-component=coordinator]").click()
    expect(picked.get_by_test_id("local-view")).to_contain_text("Local view of coordinator")
    screenshot(page, "behavior-space-state")

    # A state beyond the drawn part, found by its id: opened, and its neighbourhood added to the drawing.
    deepest = max(stored["nodes"], key=lambda n: (n["depth"], n["id"]))
    page.get_by_label("Find states by id, variable=value or text").fill(str(deepest["id"]))
    page.get_by_role("button", name="Search", exact=True).click()
    result = page.get_by_test_id("state-search").get_by_role("button", name=f"state {deepest['id']}")
    expect(result).to_contain_text("not drawn")
    result.click()
    expect(picked).to_have_attribute("data-state", str(deepest["id"]))
    expect(picked).to_contain_text(f"reached in {deepest['depth']} steps")
    neighbours = {e["source"] for e in stored["edges"] if e["target"] == deepest["id"]} | {
        e["target"] for e in stored["edges"] if e["source"] == deepest["id"]} | {deepest["id"]}
    expect(graph).not_to_have_attribute("data-nodes", "3000")
    assert 3000 < int(graph.get_attribute("data-nodes")) <= 3000 + len(neighbours)

    # Search by a variable's value counts exactly the stored states that hold it.
    page.get_by_label("Find states by id, variable=value or text").fill("coordinator.decision=commit")
    page.get_by_role("button", name="Search", exact=True).click()
    holding = sum(n["state"]["components"]["coordinator"]["state"].get("decision") == "commit" for n in stored["nodes"])
    expect(page.get_by_test_id("state-search")).to_contain_text(f"{holding:,} states match")


def test_serializability_shows_the_serial_orders_and_the_interleaving_that_breaks_them(page, alice, alice_client,
                                                                                       workspace):
    exploration = explored(alice, alice_client, workspace, "lost-update.yaml")
    log_in(page, "alice")
    page.goto(f"/models/{exploration.version.model_id}/explorations/{exploration.id}")
    verdicts = page.get_by_test_id("serializability")
    expect(verdicts).to_contain_text("t1 → t2")
    expect(verdicts).to_contain_text("t2 → t1")
    expect(verdicts.locator("tr[data-serializable=false]")).to_contain_text("1")
    expect(verdicts.locator("tr[data-serializable=true]")).to_contain_text("2")
    interleaving = verdicts.get_by_test_id("race-interleaving")
    expect(interleaving.get_by_test_id("global-view")).to_be_visible()
    expect(interleaving).to_contain_text("t1")
    expect(interleaving).to_contain_text("t2")
