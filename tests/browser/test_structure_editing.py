"""Structure editing: components, links and holarchies created and deleted, a component re-placed, refusals shown."""

import re

import pytest
from playwright.sync_api import expect

from holarchy.modeling.models import Component, Holarchy, Holon, Link

from .conftest import choose, import_example, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def model_id(alice_client, workspace) -> int:
    return import_example(alice_client, workspace, "two-holarchies.yaml")


def component_form(page, model_id: int, key: str, behavior: str):
    """Opens the new-component form on the parts tab with an id and a behavior chosen."""
    log_in(page, "alice")
    page.goto(f"/models/{model_id}?tab=parts")
    page.get_by_role("button", name="+ New component").click()
    form = page.get_by_role("form", name="New component")
    form.get_by_label("Id", exact=True).fill(key)
    form.get_by_label("Behavior").select_option(behavior)
    return form


def test_a_new_component_and_link_appear_in_the_white_box(page, alice, model_id):
    form = component_form(page, model_id, "cache", "server")
    form.get_by_label("State").select_option("durable")
    choose(form.get_by_label("Place in physical"), "m2")
    choose(form.get_by_label("Place in logical"), "storage")
    form.get_by_label("Parameters (JSON)").fill("{}")
    form.get_by_role("button", name="Add component").click()
    row = page.get_by_test_id("components-table").locator("tr[data-component='cache']")
    expect(row).to_contain_text("server")
    expect(row).to_contain_text("durable")
    cache = Component.objects.get(model_id=model_id, key="cache")
    assert {p.holon.key for p in cache.placements.select_related("holon")} == {"m2", "storage"}

    page.get_by_role("button", name="+ New link").click()
    form = page.get_by_role("form", name="New link")
    choose(form.get_by_label("From"), "client-b")
    choose(form.get_by_label("To"), "cache")
    form.get_by_label("both ways").check()
    form.get_by_label("Loss (0–1)").fill("0.1")
    form.get_by_label("Duplication (0–1)").fill("0.05")
    form.get_by_label("may reorder").check()
    form.get_by_label("Delay").select_option("uniform")
    form.get_by_label("Low").fill("1")
    form.get_by_label("High").fill("3")
    form.get_by_label("Bound").fill("5")
    screenshot(page, "structure-new-link")
    form.get_by_role("button", name="Add link").click()
    link_row = page.get_by_test_id("links-table").locator("tr[data-link='client-b→cache']")
    expect(link_row).to_contain_text("10%")
    expect(link_row).to_contain_text("5%")
    expect(link_row).to_contain_text("yes")
    expect(link_row).to_contain_text("uniform 1–3 ≤5")
    link = Link.objects.get(model_id=model_id, target__key="cache")
    assert (link.bidirectional, link.loss, link.duplication, link.reorder) == (True, 0.1, 0.05, True)
    assert link.delay == {"dist": "uniform", "low": 1, "high": 3, "bound": 5}
    screenshot(page, "structure-parts")

    # The white box of rack-1 shows the new component's machine; m2 opened shows cache itself.
    page.get_by_role("tab", name="Structure").click()
    page.locator(".tree-node[data-holon='m2']").click()
    diagram = page.get_by_test_id("white-box")
    expect(diagram.locator("[data-node='component:cache']")).to_be_visible()
    expect(diagram.locator("[data-node='component:monitor']")).to_be_visible()
    # The region's white box shows the new lossy link crossing from edge to rack-1.
    page.get_by_role("navigation", name="Zoom path").get_by_role("button", name="eu").click()
    expect(page.get_by_test_id("white-box").locator("[data-node='holon:rack-1']")).to_be_visible()
    expect(page.get_by_test_id("white-box")).to_contain_text("loss 10%")
    screenshot(page, "structure-white-box")

    # Re-place cache from the tree: select m1, place it there; m2 keeps only monitor.
    page.locator(".tree-node[data-holon='m1']").click()
    page.get_by_role("button", name="Place component").click()
    form = page.get_by_role("form", name="place holon")
    form.get_by_label("Component to move into m1").select_option(label="cache")
    form.get_by_role("button", name="Place").click()
    expect(page.get_by_test_id("white-box").locator("[data-node='component:cache']")).to_be_visible()
    expect(page.get_by_test_id("white-box").locator("[data-node='component:server-a']")).to_be_visible()
    assert cache.placements.get(holarchy__name="physical").holon.key == "m1"


def test_the_engine_refusal_lists_the_paths(page, alice, model_id):
    form = component_form(page, model_id, "caller", "client")
    # The template asks for the required `server`; give it a number instead of a component's id (a component
    # that does not exist yet would be accepted: a reference may come before what it names).
    expect(form.get_by_label("Parameters (JSON)")).to_have_value(re.compile('"server"'))
    form.get_by_label("Parameters (JSON)").fill('{"server": 5}')
    form.get_by_role("button", name="Add component").click()
    error = form.get_by_role("alert")
    expect(error).to_contain_text("The server rejected this")
    expect(error.locator("code").first).to_contain_text("params/server")
    assert not Component.objects.filter(key="caller").exists()
    # Malformed JSON never leaves the browser.
    form.get_by_label("Parameters (JSON)").fill("{server: nobody}")
    expect(form).to_contain_text("params are not valid JSON")
    expect(form.get_by_role("button", name="Add component")).to_be_disabled()
    screenshot(page, "structure-refused")


def test_replacing_and_deleting_components_links_and_holarchies(page, alice, model_id):
    log_in(page, "alice")
    page.goto(f"/models/{model_id}?tab=parts")
    # Re-place monitor from m2 to m1 in the physical holarchy.
    monitor_row = page.get_by_test_id("components-table").locator("tr[data-component='monitor']")
    choose(monitor_row.get_by_label("monitor in physical"), "m1")
    m1 = Holon.objects.get(holarchy__model_id=model_id, holarchy__name="physical", key="m1")
    expect(monitor_row.get_by_label("monitor in physical")).to_have_value("m1")
    monitor = Component.objects.get(model_id=model_id, key="monitor")
    assert monitor.placements.get(holarchy__name="physical").holon_id == m1.id

    # A third holarchy: one root holding every component.
    page.get_by_role("button", name="+ New holarchy").click()
    form = page.get_by_role("form", name="New holarchy")
    form.get_by_label("Name", exact=True).fill("teams")
    form.get_by_label("Levels, root first").fill("org, team")
    form.get_by_label("Root id").fill("company")
    form.get_by_role("button", name="Add holarchy").click()
    table = page.get_by_test_id("holarchies-table")
    expect(table.locator("tr[data-holarchy='teams']")).to_contain_text("org › team")
    expect(page.get_by_test_id("components-table").locator("th", has_text="In teams")).to_be_visible()
    screenshot(page, "structure-holarchies")
    table.get_by_role("button", name="Delete holarchy teams").click()
    table.get_by_role("button", name="Delete teams and its holons").click()
    expect(table.locator("tr[data-holarchy='teams']")).to_have_count(0)
    assert not Holarchy.objects.filter(model_id=model_id, name="teams").exists()

    # Delete the client-a → monitor link, then monitor itself.
    links = page.get_by_test_id("links-table")
    links.get_by_role("button", name="Delete link client-a→monitor").click()
    links.get_by_role("button", name="Delete client-a→monitor").click()
    expect(links.locator("tr[data-link='client-a→monitor']")).to_have_count(0)
    components = page.get_by_test_id("components-table")
    components.get_by_role("button", name="Delete component monitor").click()
    components.get_by_role("button", name="Delete monitor and its links").click()
    expect(components.locator("tr[data-component='monitor']")).to_have_count(0)
    assert not Component.objects.filter(model_id=model_id, key="monitor").exists()
