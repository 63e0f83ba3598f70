"""A leader election over two clusters of two nodes, built from a blank model by clicking and typing only;
saved, run on a real worker, and the split brain found."""

import pytest
from playwright.sync_api import expect

from simulations.models import Run
from tests.workers import wait_for

from .conftest import choose, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect.set_options(timeout=15_000)  # a loaded 2-core machine: every edit is a request and a refresh

NODES = {"n1": ("cluster-a", "m1"), "n2": ("cluster-a", "m2"), "n3": ("cluster-b", "m3"), "n4": ("cluster-b", "m4")}
SINGLE_LEADER = "len([c for c in components if c.role == 'leader' and c.up]) <= 1"


def add_holon(page, parent: str, key: str) -> None:
    page.locator(f".tree-node[data-holon='{parent}']").click()
    page.get_by_role("button", name="Add child").click()
    form = page.get_by_role("form", name="add holon")
    form.get_by_label("Id").fill(key)
    form.get_by_role("button", name="Add").click()
    expect(page.locator(f".tree-node[data-holon='{key}']")).to_be_visible()


def add_node(page, key: str, machine: str) -> None:
    page.get_by_role("button", name="+ New component").click()
    form = page.get_by_role("form", name="New component")
    form.get_by_label("Id", exact=True).fill(key)
    form.get_by_label("Behavior").select_option("leader_election.node")
    # The peers are the other nodes, chosen in the picker: those not made yet as typed (pending references
    # are fine on a draft), the others from the list of components.
    peers = form.get_by_label("peers", exact=True)
    for peer in (n for n in NODES if n != key):
        choose(peers, peer)
    chosen = form.get_by_role("listitem")
    expect(chosen).to_have_text([f"{n}×" for n in NODES if n != key])
    first = key == "n1"  # n1 times out first, so it leads before the partition
    form.get_by_label("election_low", exact=True).fill("3" if first else "15")
    form.get_by_label("election_high", exact=True).fill("4" if first else "25")
    choose(form.get_by_label("Place in physical"), machine)
    form.get_by_role("button", name="Add component").click()
    expect(page.get_by_test_id("components-table").locator(f"tr[data-component='{key}']")).to_be_visible()


def add_link(page, source: str, target: str) -> None:
    page.get_by_role("button", name="+ New link").click()
    form = page.get_by_role("form", name="New link")
    choose(form.get_by_label("From"), source)
    choose(form.get_by_label("To"), target)
    form.get_by_label("both ways").check()
    form.get_by_role("button", name="Add link").click()
    expect(page.get_by_test_id("links-table").locator(f"tr[data-link='{source}→{target}']")).to_be_visible()


def test_build_run_and_find_the_split_brain(page, alice, workspace, celery_worker):
    log_in(page, "alice")
    section = page.get_by_test_id(f"workspace-{workspace.name}")
    section.get_by_role("button", name="+ New blank model").click()
    section.get_by_label("Name of the new model").fill("Two-cluster election")
    section.get_by_role("button", name="Create blank model").click()
    expect(page.get_by_test_id("model-name")).to_have_text("Two-cluster election")

    # The physical holarchy: a datacenter, two clusters, a machine per node.
    page.get_by_role("button", name="+ New holarchy").click()
    form = page.get_by_role("form", name="New holarchy")
    form.get_by_label("Name", exact=True).fill("physical")
    form.get_by_label("Levels, root first").fill("datacenter, cluster, machine")
    form.get_by_label("Root id").fill("dc")
    form.get_by_role("button", name="Add holarchy").click()
    expect(page.get_by_test_id("holarchies-table").locator("tr[data-holarchy='physical']")).to_contain_text(
        "datacenter › cluster › machine"
    )
    page.get_by_role("tab", name="Structure").click()
    for cluster in ("cluster-a", "cluster-b"):
        add_holon(page, "dc", cluster)
    for cluster, machine in NODES.values():
        add_holon(page, cluster, machine)

    page.get_by_role("tab", name="Components & links").click()
    for node, (_, machine) in NODES.items():
        add_node(page, node, machine)
    nodes = list(NODES)
    for i, source in enumerate(nodes):
        for target in nodes[i + 1 :]:
            add_link(page, source, target)

    page.get_by_role("tab", name="Properties, SLOs & scenarios").click()
    page.get_by_role("button", name="+ New safety property").click()
    form = page.get_by_role("form", name="Safety property")
    form.get_by_label("Name").fill("single-leader")
    expression = form.get_by_label("Always (an expression over the global state)")
    expression.fill("len([c for c in components")
    expect(form.get_by_role("status")).to_contain_text("not closed")  # checked as it is typed
    expression.fill(SINGLE_LEADER)
    expect(form.get_by_role("status")).to_have_count(0)
    form.get_by_role("button", name="Save safety property").click()
    expect(page.locator("[data-item='single-leader']")).to_contain_text(SINGLE_LEADER)

    page.get_by_role("button", name="+ New SLO").click()
    form = page.get_by_role("form", name="SLO")
    form.get_by_label("Name").fill("cluster-a-availability")
    choose(form.get_by_label("Holon"), "cluster-a")
    form.get_by_label("Objective (0–1)").fill("0.99")
    form.get_by_label("Window (time)").fill("100")
    form.get_by_role("button", name="Save SLO").click()
    expect(page.locator("[data-item='cluster-a-availability']")).to_contain_text("cluster-a")

    # The partition cuts n1's machine off from everything else: the other three still make a majority.
    page.get_by_role("button", name="+ New scenario").click()
    form = page.get_by_role("form", name="Scenario")
    form.get_by_label("Name").fill("isolate-n1")
    form.get_by_label("Until (time)").fill("250")
    form.get_by_role("button", name="+ Add fault").click()
    fault = form.get_by_role("group", name="Fault 1")
    choose(fault.get_by_label("Side 1 (holons)", exact=True), "m1")
    for holon in ("m2", "cluster-b"):
        choose(fault.get_by_label("Side 2 (holons)", exact=True), holon)
    fault.get_by_label("From").fill("30")
    fault.get_by_label("Until").fill("150")
    form.get_by_role("button", name="Save scenario").click()
    expect(page.locator("[data-item='isolate-n1']")).to_contain_text('sides: [["m1"],["m2","cluster-b"]]')
    screenshot(page, "built-leader-election")

    page.get_by_role("button", name="Save version").click()
    page.get_by_label("What changed in this version?").fill("built in the browser")
    page.get_by_role("button", name="Freeze draft as a version").click()
    expect(page.get_by_text("Saved version v1.")).to_be_visible()

    page.get_by_role("tab", name="Runs").click()
    run_form = page.get_by_role("form", name="Start a run")
    run_form.get_by_label("Scenario").select_option("isolate-n1")
    run_form.get_by_role("button", name="Run simulation").click()
    expect(page.get_by_test_id("run-status")).to_have_text("succeeded", timeout=60_000)
    run = Run.objects.get(version__model__name="Two-cluster election")
    assert wait_for(lambda: Run.objects.get(pk=run.pk).status == "succeeded", timeout=5)
    assert "single-leader" in [v["name"] for v in run.summary["violations"]]
    expect(page.get_by_test_id("violations")).to_contain_text("single-leader")
    screenshot(page, "built-leader-election-split-brain")
