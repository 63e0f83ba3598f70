"""A finished run: results, SLO verdicts with the burn chart, and the step-by-step viewer (global vs local view)."""

import re

import pytest
from playwright.sync_api import expect

from simulations.models import Run
from simulations.tasks import simulate_run

from .conftest import finished_run_of, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def finished_run(alice, alice_client, workspace) -> Run:
    return finished_run_of(alice_client, workspace, alice, "two-holarchies.yaml", "rack-2-outage")


def test_the_results_show_counters_violations_and_slo_verdicts(page, finished_run):
    log_in(page, "alice")
    page.goto(f"/models/{finished_run.version.model_id}/runs/{finished_run.id}")
    expect(page.get_by_test_id("run-status")).to_have_text("succeeded")
    counters = page.get_by_test_id("run-counters")
    expect(counters).to_contain_text(f"{finished_run.summary['steps']}")
    expect(counters).to_contain_text("crashes")
    expect(page.get_by_text("No property violated")).to_be_visible()
    verdicts = page.get_by_test_id("slo-verdicts")
    expect(verdicts.locator("tr", has_text="rack-1-availability")).to_contain_text("met")
    expect(verdicts.locator("tr", has_text="rack-2-availability")).to_contain_text("missed")
    expect(page.get_by_test_id("burn-chart").locator("svg")).to_have_count(2)
    screenshot(page, "run-results")


def test_stepping_shows_global_and_local_views_side_by_side(page, finished_run):
    log_in(page, "alice")
    page.goto(f"/models/{finished_run.version.model_id}/runs/{finished_run.id}")
    viewer = page.get_by_test_id("run-viewer")
    # The space-time diagram's lanes follow the first holarchy (physical): one lane per rack at level 1.
    lanes = re.compile(r"^Space-time diagram: \d+ lanes")
    expect(viewer.get_by_test_id("space-time")).to_have_attribute("aria-label", lanes)
    expect(viewer.get_by_test_id("step-number")).to_contain_text("Step 0 /")
    viewer.get_by_role("button", name="Next step").click()
    expect(viewer.get_by_test_id("step-number")).to_contain_text("Step 1 /")
    expect(page).to_have_url(re.compile(r"step=1"))
    # Jump to the next notable step: the crash of rack-2 takes server-b down.
    viewer.get_by_title("Next fault, drop or duplicate").click()
    global_view = page.get_by_test_id("global-view")
    expect(global_view.locator("[data-component='server-b']")).to_contain_text("down")
    # Select server-b: its local view knows only its own state and mail.
    global_view.locator("[data-component='server-b']").click()
    local = page.get_by_test_id("local-view")
    expect(local).to_contain_text("Local view of server-b")
    expect(local).to_contain_text("Own state")
    expect(local).not_to_contain_text("client-a\u00a0")
    screenshot(page, "run-viewer")


def test_a_run_can_be_started_from_the_model_page(page, finished_run):
    log_in(page, "alice")
    page.goto(f"/models/{finished_run.version.model_id}?tab=runs")
    expect(page.get_by_test_id("runs-table")).to_contain_text("rack-2-outage")
    form = page.get_by_role("form", name="Start a run")
    form.get_by_label("Scenario").select_option("rack-2-outage")
    form.get_by_label("Seed").fill("7")
    form.get_by_role("button", name="Run simulation").click()
    expect(page).to_have_url(re.compile(r"/runs/[0-9a-f-]{36}$"))
    run = Run.objects.get(seed=7, scenario="rack-2-outage")
    assert page.url.endswith(str(run.id))
    # Without a worker beside the tests the run stays queued; the page shows that and keeps polling.
    expect(page.get_by_role("heading", name=re.compile("^Run"))).to_contain_text(re.compile("queued|running|succeeded"))


def test_a_sweep_run_shows_its_trace_being_produced_then_the_viewer(page, finished_run):
    from simulations.models import Sweep
    from simulations.tasks import produce_trace

    version = finished_run.version
    sweep = Sweep.objects.create(version=version, created_by=finished_run.created_by, scenario="rack-2-outage")
    run = Run.objects.create(version=version, seed=1, scenario="rack-2-outage", sweep=sweep,
                             created_by=finished_run.created_by)
    assert simulate_run.apply(args=[str(run.id)]).get() == "succeeded"
    log_in(page, "alice")
    page.goto(f"/models/{version.model_id}/runs/{run.id}")
    expect(page.get_by_test_id("trace-producing")).to_contain_text("Producing the trace")
    # No worker beside the tests: the production runs here, as a worker would run it; the page polls.
    assert produce_trace.apply(args=[str(run.id)]).get() == "succeeded"
    viewer = page.get_by_test_id("run-viewer")
    expect(viewer.get_by_test_id("step-number")).to_contain_text("Step 0 /", timeout=15_000)
    expect(page.get_by_test_id("global-view").locator("[data-component='server-b']")).to_be_visible()


def test_messages_in_flight_are_shown_in_the_network_or_in_the_inboxes(page, alice_client, finished_run):
    """Two pictures of one global state: the in-flight list, or each message in its addressee's inbox."""
    trace = f"/api/runs/{finished_run.id}/trace/"
    step = next(s for s in range(1, 200) if len(alice_client.get(trace, {"step": s}).json()["global"]["inflight"]) > 1)
    log_in(page, "alice")
    page.goto(f"/models/{finished_run.version.model_id}/runs/{finished_run.id}?step={step}")
    global_view = page.get_by_test_id("global-view")
    expect(global_view).to_have_attribute("data-step", str(step))
    heading = global_view.get_by_role("heading", name=re.compile(r"In flight \(\d+\)"))
    in_flight = int(re.search(r"\((\d+)\)", heading.inner_text()).group(1))
    assert in_flight > 1
    global_view.get_by_role("button", name="in the inboxes").click()
    expect(global_view.get_by_test_id("inboxes-note")).to_be_visible()  # once the inbox picture has come
    expect(heading).to_have_count(0)
    expect(global_view.get_by_test_id("inbox").first).to_be_visible()
    inboxes = global_view.get_by_test_id("inbox").all_inner_texts()
    counts = [int(re.search(r"inbox \((\d+)\)", t).group(1)) for t in inboxes]
    assert sum(counts) == in_flight
    global_view.get_by_role("button", name="in the network").click()
    expect(heading).to_have_text(f"In flight ({in_flight})")
