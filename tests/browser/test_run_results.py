"""A run's results on its page: per-holon SLIs of both holarchies rolled up the tree, charts of one level, the
error-budget burn over time, and the serializability verdicts of the version; values checked against the API."""

import pytest
from playwright.sync_api import expect

from simulations.models import Exploration
from simulations.tasks import explore_version

from .conftest import element_screenshot, finished_run_of, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_per_holon_slis_of_every_holarchy_match_the_api(page, alice, alice_client, workspace):
    run = finished_run_of(alice_client, workspace, alice, "two-holarchies.yaml", "rack-2-outage")
    summary = alice_client.get(f"/api/runs/{run.id}/").json()["summary"]
    log_in(page, "alice")
    page.goto(f"/models/{run.version.model_id}/runs/{run.id}")
    results = page.get_by_test_id("holon-results")
    table = results.get_by_test_id("holon-slis")
    for holarchy in ("physical", "logical"):
        results.get_by_role("tab", name=holarchy).click()
        expect(results).to_have_attribute("data-holarchy", holarchy)
        slis, crossings = summary["slis"][holarchy], summary["boundaries"][holarchy]
        assert slis, "the example serves requests in both holarchies"
        for holon, sli in slis.items():
            row = table.locator(f"tr[data-holon='{holon}']")
            expect(row.locator("[data-col=requests]")).to_have_text(str(sli["requests"]))
            expect(row.locator("[data-col=availability]")).to_have_text(_percent(sli["availability"]))
            expect(row.locator("[data-col=p99]")).to_have_text(_latency(sli["latency"]["p99"]))
        for holon, counts in crossings.items():
            row = table.locator(f"tr[data-holon='{holon}']")
            expect(row.locator("[data-col=in]")).to_have_text(str(counts["in"]))
            expect(row.locator("[data-col=out]")).to_have_text(str(counts["out"]))

    # The physical tree folds: rack-2's machines disappear under it, and the charts compare the racks.
    results.get_by_role("tab", name="physical").click()
    racks = [h for h in ("rack-1", "rack-2") if h in summary["slis"]["physical"]]
    machines = table.locator("tr[data-holon^='m']")
    before = machines.count()
    table.get_by_role("button", name="Fold rack-2").click()
    expect(machines).not_to_have_count(before)
    charts = results.get_by_test_id("holon-charts")
    for rack in racks:
        bar = charts.get_by_test_id("availability-chart").locator(f"[data-holon='{rack}']")
        expected = summary["slis"]["physical"][rack]["availability"]
        assert float(bar.get_attribute("data-value")) == pytest.approx(expected)
        traffic = charts.get_by_test_id("boundary-chart").locator(f"[data-holon='{rack}']")
        expect(traffic).to_have_attribute("data-in", str(summary["boundaries"]["physical"][rack]["in"]))
    assert float(charts.get_by_test_id("availability-chart").locator("[data-holon='rack-2']").get_attribute(
        "data-value")) < 1, "rack-2 was down"
    element_screenshot(page.locator(".panel", has=results), "results-holon-slis")

    # The burn chart steps finer than the SLO's one window, every request counted.
    slo = next(s for s in summary["slos"] if s["name"] == "rack-2-availability")
    assert len(slo["windows"]) == 1 and len(slo["burn"]["points"]) >= 10
    assert sum(p[1] for p in slo["burn"]["points"]) == slo["requests"]
    page.get_by_test_id("slo-verdicts").locator("tr", has_text="rack-2-availability").click()
    expect(page.get_by_test_id("burn-chart")).to_contain_text(f"{len(slo['burn']['points'])} steps")
    element_screenshot(page.locator(".panel", has=page.get_by_test_id("burn-chart")), "results-error-budget")


def _percent(value: float) -> str:
    """formatPercent(value, 3) of frontend/src/lib/chart.ts."""
    return f"{round(value * 100, 3):g}%"


def _latency(value: float) -> str:
    return f"{round(value, 3):g}"


def test_the_run_page_shows_the_serializability_verdicts_of_its_version(page, alice, alice_client, workspace):
    run = finished_run_of(alice_client, workspace, alice, "lost-update.yaml", "")
    exploration = Exploration.objects.create(version=run.version, created_by=alice, max_seconds=60)
    assert explore_version.apply(args=[str(exploration.id)]).get() == "succeeded"
    log_in(page, "alice")
    page.goto(f"/models/{run.version.model_id}/runs/{run.id}")
    panel = page.get_by_test_id("run-serializability")
    expect(panel).to_contain_text("transactions t1, t2")
    verdicts = panel.get_by_test_id("serializability")
    expect(verdicts).to_contain_text("t1 → t2")
    expect(verdicts.locator("tr[data-serializable=false]")).to_contain_text("not serializable")
    expect(verdicts.get_by_test_id("race-interleaving").get_by_test_id("global-view")).to_be_visible()
    element_screenshot(panel, "results-serializability")
