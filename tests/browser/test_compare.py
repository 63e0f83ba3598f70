"""Two versions of the replicated service, simulated by a real worker and compared in the UI: v1 fails over inside
the cluster, v2 across clusters, so cluster failures are now survived and the lost cluster's runs meet the SLOs."""

import re

import pytest
from playwright.sync_api import expect

from simulations.models import JobStatus, LevelStudy, Run
from tests.workers import wait_for

from .conftest import ROOT, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CROSS = {"client-1": ["r1", "r3", "r2", "r4"], "client-2": ["r3", "r2", "r4", "r1"]}


def _two_versions(client, workspace) -> tuple[int, list[int]]:
    """v1: the example with failover inside the cluster; v2: the example as shipped (failover across clusters)."""
    text = (ROOT / "examples" / "replicated-service.yaml").read_text()
    text = text.replace("[r1, r3, r2, r4]", "[r1, r2, r3, r4]").replace("[r3, r2, r4, r1]", "[r3, r4, r1, r2]")
    model = client.post("/api/models/import/", {"workspace": workspace.id, "document": text}, format="json").json()
    for component in client.get("/api/components/", {"model": model["id"]}).json()["results"]:
        if component["key"] in CROSS:
            params = {**component["params"], "replicas": CROSS[component["key"]]}
            response = client.patch(f"/api/components/{component['id']}/", {"params": params}, format="json")
            assert response.status_code == 200, response.content
    v2 = client.post(f"/api/models/{model['id']}/versions/", {"message": "fail over across clusters"}, format="json")
    assert v2.status_code == 201, v2.content
    versions = [v["id"] for v in sorted(client.get("/api/versions/", {"model": model["id"]}).json()["results"],
                                        key=lambda v: v["number"])]
    return model["id"], versions


def _all_succeeded():
    jobs = [*LevelStudy.objects.all(), *Run.objects.filter(sweep=None, study=None)]
    assert not [j for j in jobs if j.status in (JobStatus.FAILED, JobStatus.TIMED_OUT)], [j.error for j in jobs]
    return all(j.status == JobStatus.SUCCEEDED for j in jobs)


@pytest.mark.worker
def test_the_comparison_of_two_versions_shows_cluster_failures_now_survived(page, alice, alice_client, workspace,
                                                                          celery_worker):
    model_id, versions = _two_versions(alice_client, workspace)
    studies, runs = [], []
    for version in versions:
        studies.append(alice_client.post("/api/studies/", {"version": version, "holarchy": "physical",
                                                           "levels": ["cluster", "node"]}, format="json").json()["id"])
        runs.append(alice_client.post("/api/runs/", {"version": version, "seed": 1, "scenario": "cluster-c1-down"},
                                      format="json").json()["id"])
    wait_for(_all_succeeded, timeout=180)

    log_in(page, "alice")
    page.goto(f"/models/{model_id}/studies/{studies[1]}")
    picker = page.get_by_test_id("compare-picker")
    picker.get_by_label("Compare with").select_option(value=studies[0])
    picker.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(rf"/compare/studies/{studies[1]}/{studies[0]}$"))

    headline = page.get_by_test_id("compare-headline")
    expect(headline).to_contain_text("v2 fail over across clusters: cluster failures are now survived")
    level = page.get_by_test_id("verdict-changes").locator("tr[data-kind=level][data-where=cluster]")
    expect(level).to_have_class(re.compile("change-better"))
    expect(level).to_contain_text("not survived")
    survival = page.get_by_test_id("metric-changes").locator("tr[data-where='level cluster'][data-metric=survival]")
    expect(survival).to_contain_text("+100 pp")
    expect(page.get_by_test_id("version-diff")).to_contain_text("client-1")
    screenshot(page, "compare-studies")
    page.get_by_test_id("compare-side-a").get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/studies/{studies[0]}$"))
    expect(page.get_by_test_id("lowest-level")).to_contain_text("cluster")

    page.goto(f"/models/{model_id}/runs/{runs[0]}")
    picker = page.get_by_test_id("compare-picker")
    picker.get_by_label("Compare with").select_option(value=runs[1])
    picker.get_by_role("button", name="Compare").click()
    expect(page.get_by_test_id("compare-headline")).to_contain_text("SLO availability is now met at physical/world")
    availability = page.get_by_test_id("verdict-changes").locator("tr[data-kind=slo][data-name=availability]")
    expect(availability).to_have_class(re.compile("change-better"))
    # The other cluster takes c1's load too: its p99 latency rose.
    c2 = page.get_by_test_id("metric-changes").locator("tr[data-where='physical/c2'][data-metric='p99 latency']")
    expect(c2).to_have_class(re.compile("change-worse"))
    screenshot(page, "compare-runs")
