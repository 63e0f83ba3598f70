"""Sweeps from the model page: a fault sweep started in the UI, executed by a real worker, then charted."""

import re

import pytest
from playwright.sync_api import expect

from holarchy.modeling.models import ModelVersion
from simulations.models import JobStatus, Run, Sweep

from .conftest import import_example, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def model_id(alice_client, workspace) -> int:
    return import_example(alice_client, workspace, "request-response.yaml")


def sweep_form(page, model_id: int):
    page.goto(f"/models/{model_id}?tab=sweeps")
    form = page.get_by_role("form", name="Start a sweep")
    # The parameter list comes from the version's document: each component's numeric params, each link's faults.
    expect(form.get_by_label("Swept parameter").locator("option", has_text="client · interval")).to_have_count(1)
    return form


def test_a_running_sweep_shows_its_runs_done_out_of_all(page, alice, model_id):
    version = ModelVersion.objects.get(model_id=model_id, number=1)
    sweep = Sweep.objects.create(
        version=version, created_by=alice, parameter="components/client/params/interval", values=[2, 5],
        seeds=2, status=JobStatus.RUNNING,
    )
    statuses = [JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.RUNNING, JobStatus.QUEUED]
    for i, status in enumerate(statuses):
        Run.objects.create(
            version=version, created_by=alice, seed=i % 2, sweep=sweep, status=status,
            overrides={sweep.parameter: sweep.values[i // 2]},
        )
    log_in(page, "alice")
    page.goto(f"/models/{model_id}/sweeps/{sweep.id}")
    progress = page.get_by_test_id("sweep-progress")
    expect(progress).to_contain_text("2 / 4 runs")
    expect(progress.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "50")
    expect(page.get_by_role("heading", name=re.compile("Load sweep"))).to_contain_text("running")
    # A worker finishing one more run moves the bar without a reload.
    Run.objects.filter(sweep=sweep, status=JobStatus.RUNNING).update(status=JobStatus.SUCCEEDED)
    expect(progress).to_contain_text("3 / 4 runs")
    expect(progress.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "75")


def test_a_value_that_breaks_the_model_is_refused_with_the_field(page, alice, model_id):
    log_in(page, "alice")
    form = sweep_form(page, model_id)
    form.get_by_label("Swept parameter").select_option("links/0/loss")
    form.get_by_role("button", name="List").click()
    form.get_by_label("Values (comma separated)").fill("0.1, 1.5")
    form.get_by_role("button", name="Run sweep").click()
    error = form.get_by_role("alert")
    expect(error).to_contain_text("values")
    expect(error).to_contain_text("1.5")
    assert not Sweep.objects.exists()


@pytest.mark.worker
def test_a_fault_sweep_runs_on_a_worker_and_charts_each_slo(page, alice, model_id, celery_worker):
    log_in(page, "alice")
    form = sweep_form(page, model_id)
    form.get_by_label("Swept parameter").select_option("links/0/loss")
    form.get_by_label("From").fill("0")
    form.get_by_label("To").fill("0.3")
    form.get_by_label("Steps").fill("4")
    form.get_by_label("Seeds per value").fill("2")
    expect(form.get_by_test_id("sweep-values")).to_contain_text("{0, 0.1, 0.2, 0.3}")
    expect(form.get_by_test_id("sweep-run-count")).to_contain_text("8 runs")
    form.get_by_role("button", name="Run sweep").click()

    expect(page).to_have_url(re.compile(r"/sweeps/[0-9a-f-]{36}$"))
    sweep = Sweep.objects.get()
    assert sweep.parameter == "links/0/loss" and sweep.values == [0, 0.1, 0.2, 0.3] and sweep.seeds == 2
    # The runs fan out to the worker; the page polls runs_done/runs_total until the summary lands.
    expect(page.get_by_test_id("run-status")).to_have_text("succeeded", timeout=120_000)
    sweep.refresh_from_db()
    assert sweep.status == JobStatus.SUCCEEDED

    charts = page.get_by_test_id("slo-sweep-chart")
    expect(charts).to_have_count(2)
    latency = page.locator("[data-slo='server-latency']")
    expect(latency.get_by_test_id("slo-objective")).to_contain_text("objective 95%")
    expect(latency.locator("circle[data-met]")).to_have_count(4)
    bars = page.get_by_test_id("violations-chart")
    expect(bars).to_be_visible()
    table = page.get_by_test_id("sweep-points")
    expect(table.locator("tbody tr")).to_have_count(4)
    lossless = table.locator("tr[data-value='0']")
    expect(lossless.get_by_role("link", name=re.compile("seed"))).to_have_count(2)
    points = sweep.summary["points"]
    assert points[0]["violations"] == 0 < points[-1]["violations"]
    expect(table.locator("tr[data-value='0.3'] td").nth(2)).to_have_text(str(points[-1]["violations"]))
    # Runs with a violation stand out among the links to the individual runs.
    expect(table.locator("tr[data-value='0.3'] a.badge.warn").first).to_be_visible()
    screenshot(page, "sweep-results")

    # Each point links to its individual runs.
    lossless.get_by_role("link", name="seed 1").click()
    expect(page).to_have_url(re.compile(r"/runs/[0-9a-f-]{36}"))
    [run] = [r for r in sweep.runs.filter(seed=1) if r.overrides == {"links/0/loss": 0}]
    assert page.url.endswith(str(run.id))
    expect(page.get_by_test_id("run-sweep")).to_contain_text("links/0/loss = 0")
    page.get_by_test_id("run-sweep").get_by_role("link", name="sweep").click()
    expect(page).to_have_url(re.compile(f"/sweeps/{sweep.id}$"))

    page.goto(f"/models/{model_id}?tab=sweeps")
    expect(page.get_by_test_id("sweeps-table")).to_contain_text("8/8")
    screenshot(page, "sweeps-tab")


@pytest.mark.worker
def test_a_breaking_point_search_runs_round_by_round_and_shades_the_interval_on_the_chart(
        page, alice, alice_client, workspace, celery_worker):
    model_id = import_example(alice_client, workspace, "saturated-queue.yaml")
    log_in(page, "alice")
    page.goto(f"/models/{model_id}?tab=sweeps")
    form = page.get_by_role("form", name="Start a sweep")
    form.get_by_label("Swept parameter").select_option("components/client/params/rate")
    form.get_by_role("button", name="Breaking point").click()
    form.get_by_label("Low", exact=True).fill("0.5")
    form.get_by_label("High", exact=True).fill("2")
    form.get_by_label("Resolution").fill("0.05")
    form.get_by_label("Points per round").fill("3")
    form.get_by_label("Seeds per point").fill("1")
    form.get_by_label("server-latency").check()
    # [0.5, 2] in 3 points leaves 0.75; rounds of 3 divide it by 4: 0.1875, 0.047: three rounds at most.
    expect(form.get_by_test_id("sweep-run-count")).to_contain_text("up to 3 rounds of 3 runs in parallel, 9 at most")
    form.get_by_role("button", name="Search breaking point").click()

    expect(page).to_have_url(re.compile(r"/sweeps/[0-9a-f-]{36}$"))
    expect(page.get_by_test_id("run-status")).to_have_text("succeeded", timeout=120_000)
    sweep = Sweep.objects.get()
    assert sweep.mode == "breaking_point" and sweep.search["slos"] == ["server-latency"]
    bp = sweep.summary["breaking_point"]
    assert bp["held"] <= 10 / 9 < bp["broke"]

    expect(page.get_by_role("heading", name=re.compile("Breaking point of"))).to_be_visible()
    shown = lambda v: f"{v:.10g}"  # noqa: E731 (the page's formatSweptValue)
    expect(page.get_by_test_id("breaking-interval-text")).to_contain_text(
        f"The SLOs hold up to {shown(bp['held'])} and break at {shown(bp['broke'])}.")
    rounds = page.get_by_test_id("search-rounds")
    expect(rounds.locator("li[data-round]")).to_have_count(len(sweep.summary["rounds"]))
    chart = page.locator("[data-slo='server-latency']")
    expect(chart.get_by_test_id("breaking-interval")).to_be_visible()
    held = sum(p["held"] for p in sweep.summary["points"])
    expect(chart.locator("circle[data-held='true']")).to_have_count(held)
    expect(chart.locator("circle[data-held='false']")).to_have_count(len(sweep.summary["points"]) - held)
    screenshot(page, "breaking-point")

    # Each point opens its run.
    highest_held = chart.get_by_role("link", name=f"open the run at rate = {shown(bp['held'])}")
    highest_held.click()
    expect(page).to_have_url(re.compile(r"/runs/[0-9a-f-]{36}"))
    run = Run.objects.get(id=page.url.rsplit("/", 1)[1])
    assert run.sweep_id == sweep.id and run.overrides == {"components/client/params/rate": bp["held"]}
