"""The split-brain example replayed in Chromium: both violated properties, Play, the minimap's jump to the
violation, two leaders in the global view while each leader's local view is self-consistent, and the office
floor at that step with the partition as a cut tube."""

import re

import pytest
from playwright.sync_api import expect

from simulations.models import Run

from .conftest import element_screenshot, finished_run_of, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def split_brain(alice, alice_client, workspace) -> Run:
    return finished_run_of(alice_client, workspace, alice, "split-brain.yaml", "partition-old-leader")


def step_of(page) -> int:
    return int(re.search(r"Step (\d+) /", page.get_by_test_id("step-number").inner_text()).group(1))


def test_split_brain_shows_both_violations_plays_jumps_and_draws_the_cut_tube(page, split_brain):
    first = {v["name"]: v["step"] for v in split_brain.summary["violations"]}
    assert set(first) == {"single-leader", "no-stale-writes"}
    log_in(page, "alice")
    page.goto(f"/models/{split_brain.version.model_id}/runs/{split_brain.id}")
    violations = page.get_by_test_id("violations")
    expect(violations.locator("tr", has_text="single-leader")).to_contain_text(str(first["single-leader"]))
    expect(violations.locator("tr", has_text="no-stale-writes")).to_contain_text(str(first["no-stale-writes"]))
    viewer = page.get_by_test_id("run-viewer")
    # The slider covers exactly the stored steps: the whole run, nothing cut.
    expect(viewer.get_by_test_id("step-slider")).to_have_attribute("max", str(split_brain.summary["steps"]))
    expect(viewer.get_by_test_id("trace-cut")).to_have_count(0)

    viewer.get_by_test_id("play").click()
    expect(viewer.get_by_test_id("step-number")).not_to_contain_text("Step 0 /")
    viewer.get_by_role("button", name="Pause").click()
    paused = step_of(page)
    assert paused > 0
    page.wait_for_timeout(600)
    assert step_of(page) == paused  # paused: it stays

    minimap = viewer.get_by_test_id("minimap")
    marks = [int(s) for s in minimap.get_attribute("data-violation-steps").split(",")]
    target = min(marks)
    assert target == first["single-leader"]
    box = minimap.bounding_box()
    minimap.click(position={"x": box["width"] * target / split_brain.summary["steps"], "y": 4})
    expect(viewer.get_by_test_id("step-number")).to_contain_text(f"Step {target} /")
    global_view = page.get_by_test_id("global-view")
    expect(global_view).to_have_attribute("data-step", str(target))
    def value(scope, name: str) -> str:
        return scope.locator(f"dt:text-is('{name}') + dd").inner_text()

    cards = {c: global_view.locator(f"[data-component='{c}']") for c in ("n1", "n2", "n3")}
    leaders = [c for c, card in cards.items() if value(card, "role") == "leader"]
    assert len(leaders) == 2, leaders  # the observer sees two leaders
    assert value(cards[leaders[0]], "term") != value(cards[leaders[1]], "term")  # of different terms
    screenshot(page, "split-brain-viewer")
    for leader in leaders:  # each leader's own view is consistent: it leads, in its own term, as far as it knows
        cards[leader].click()
        local = page.get_by_test_id("local-view")
        expect(local).to_contain_text(f"Local view of {leader}")
        expect(local.locator("dt:text-is('role') + dd")).to_have_text("leader")
        expect(local.locator("dt:text-is('term') + dd")).to_have_text(value(cards[leader], "term"))
    element_screenshot(page.locator(".panel", has=page.get_by_test_id("space-time")), "split-brain-space-time")

    viewer.get_by_test_id("office-tab").click()
    office = page.get_by_test_id("office-view")
    cut = office.get_by_test_id("tube-cut")
    expect(cut).to_have_count(2)  # rack-a (n1) is cut off from rack-b (n2, n3); the storage still reaches both
    assert sorted(cut.nth(i).get_attribute("data-link") for i in range(2)) == ["n1-n2", "n1-n3"]
    expect(office.get_by_test_id("room")).to_have_count(4)
    expect(viewer.get_by_test_id("step-number")).to_contain_text(f"Step {target} /")  # the same step
    element_screenshot(office, "split-brain-office")
    viewer.get_by_role("tab", name="Global and local views").click()
    expect(page.get_by_test_id("global-view")).to_have_attribute("data-step", str(target))
