"""A model imported through the API: its holarchy tree, white box, zoom, both holarchies, black box."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import choose, import_example, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def model_id(alice_client, workspace) -> int:
    return import_example(alice_client, workspace, "two-holarchies.yaml")


def tree_node(page, key: str):
    return page.locator(f".tree-node[data-holon='{key}']")


def test_the_model_page_shows_the_tree_and_the_white_box(page, alice, model_id):
    log_in(page, "alice")
    page.get_by_role("link", name="One system, two holarchies").first.click()
    expect(page.get_by_test_id("model-name")).to_have_text("One system, two holarchies")
    for key in ("eu", "rack-1", "rack-2", "edge", "m1", "m4"):
        expect(tree_node(page, key)).to_be_visible()
    expect(page.get_by_role("tree")).to_contain_text("server-a")
    diagram = page.get_by_test_id("white-box")
    expect(diagram).to_be_visible()
    for child in ("rack-1", "rack-2", "edge"):
        expect(diagram.locator(f"[data-node='holon:{child}']")).to_be_visible()
    # Clients in the edge rack talk to servers in both racks.
    expect(diagram).to_contain_text("links")
    screenshot(page, "model-white-box")


def test_zooming_in_and_out(page, alice, model_id):
    log_in(page, "alice")
    page.goto(f"/models/{model_id}")
    page.get_by_test_id("white-box").locator("[data-node='holon:rack-1']").click()
    breadcrumbs = page.get_by_role("navigation", name="Zoom path")
    expect(breadcrumbs).to_contain_text("eu")
    expect(breadcrumbs.locator("[aria-current='location']")).to_contain_text("rack-1")
    expect(tree_node(page, "rack-1")).to_have_class(re.compile("selected"))
    diagram = page.get_by_test_id("white-box")
    expect(diagram.locator("[data-node='holon:m1']")).to_be_visible()
    expect(diagram.locator("[data-node='holon:m2']")).to_be_visible()
    # The neighbour across the boundary: the edge rack, where the clients are.
    expect(diagram.locator("[data-node='holon:edge']")).to_be_visible()
    screenshot(page, "model-zoomed-rack-1")
    # Zoom all the way in: a machine holds components.
    diagram.locator("[data-node='holon:m1']").click()
    expect(page.get_by_test_id("white-box").locator("[data-node='component:server-a']")).to_be_visible()
    # Zoom out with the breadcrumbs.
    breadcrumbs.get_by_role("button", name="eu").click()
    expect(page.get_by_test_id("white-box").locator("[data-node='holon:rack-2']")).to_be_visible()


def focused_node(page) -> str | None:
    return page.evaluate("document.activeElement && document.activeElement.getAttribute('data-node')")


VIEWPORT = "document.querySelector('[data-testid=white-box] .react-flow__viewport')"
SCALE = f"Number(/scale\\(([\\d.]+)\\)/.exec({VIEWPORT}.style.transform)[1])"


def viewport_scale(page) -> float:
    return page.evaluate(f"() => {SCALE}")


def test_zooming_with_the_keyboard_only(page, alice, model_id):
    log_in(page, "alice")
    page.goto(f"/models/{model_id}")
    diagram = page.get_by_test_id("white-box")
    expect(diagram.locator("[data-node='holon:rack-1']")).to_be_visible()
    # Tab from the diagram itself reaches its holons, each a button named by what it holds.
    diagram.focus()
    page.keyboard.press("Tab")
    assert focused_node(page) in {"holon:rack-1", "holon:rack-2", "holon:edge"}
    diagram.get_by_role("button", name="Zoom into rack-1 2 machines · 2 components").focus()
    page.keyboard.press("Enter")
    breadcrumbs = page.get_by_role("navigation", name="Zoom path")
    expect(breadcrumbs.locator("[aria-current='location']")).to_contain_text("rack-1")
    # The focus stays in the diagram, on the first holon inside: Enter goes one level deeper.
    expect(page.locator("[data-node='holon:m1']:focus, [data-node='holon:m2']:focus")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(breadcrumbs.locator("[aria-current='location']")).to_contain_text(re.compile("m1|m2"))
    expect(page.get_by_test_id("white-box").locator("[data-node^='component:']")).not_to_have_count(0)
    # Escape zooms out and lands on the holon it came from; Backspace zooms out again.
    page.keyboard.press("Escape")
    expect(breadcrumbs.locator("[aria-current='location']")).to_contain_text("rack-1")
    expect(page.locator("[data-node='holon:m1']:focus, [data-node='holon:m2']:focus")).to_have_count(1)
    page.keyboard.press("Backspace")
    expect(breadcrumbs.locator("[aria-current='location']")).to_contain_text("eu")
    expect(page.locator("[data-node='holon:rack-1']:focus")).to_have_count(1)
    # + zooms the picture, 0 fits it again; both by key, from the diagram.
    page.get_by_test_id("white-box").focus()
    fitted = viewport_scale(page)
    page.keyboard.press("+")
    page.wait_for_function(f"() => ({SCALE}) > {fitted} + 0.05")
    page.keyboard.press("0")
    page.wait_for_function(f"() => Math.abs(({SCALE}) - {fitted}) < 0.01")
    # The zoom buttons are named for those who cannot see their icons.
    for name in ("Zoom In", "Zoom Out", "Fit View"):
        expect(diagram.get_by_role("button", name=name, exact=True)).to_be_visible()


def test_the_black_box_shows_only_the_external_interface(page, alice, model_id):
    log_in(page, "alice")
    page.goto(f"/models/{model_id}")
    tree_node(page, "rack-2").click()
    page.get_by_role("button", name="Black box").click()
    black_box = page.get_by_test_id("black-box")
    expect(black_box).to_contain_text("rack-2")
    table = page.get_by_test_id("interface-table")
    expect(table).to_contain_text("edge")
    expect(page).to_have_url(re.compile(r"zoom=black"))
    expect(page.get_by_text("rack-2-availability")).to_be_visible()
    screenshot(page, "model-black-box")


def test_switching_to_the_logical_holarchy(page, alice, model_id):
    log_in(page, "alice")
    page.goto(f"/models/{model_id}")
    expect(tree_node(page, "eu")).to_be_visible()
    picker = page.get_by_label("Holarchy", exact=True)
    choose(picker, "logical")
    expect(tree_node(page, "shop")).to_be_visible()
    expect(tree_node(page, "eu")).to_have_count(0)
    for key in ("frontend", "storage", "shard-b"):
        expect(tree_node(page, key)).to_be_visible()
    diagram = page.get_by_test_id("white-box")
    expect(diagram.locator("[data-node='holon:storage']")).to_be_visible()
    # The same components, organised differently.
    tree_node(page, "shard-b").click()
    expect(page.get_by_test_id("white-box").locator("[data-node='component:server-b']")).to_be_visible()
    screenshot(page, "model-logical")


def test_adding_renaming_and_deleting_a_holon(page, alice, model_id):
    log_in(page, "alice")
    page.goto(f"/models/{model_id}")
    tree_node(page, "rack-2").click()
    page.get_by_role("button", name="Add child").click()
    form = page.get_by_role("form", name="add holon")
    form.get_by_label("Id").fill("m5")
    form.get_by_label("Display name").fill("Machine five")
    form.get_by_role("button", name="Add").click()
    expect(tree_node(page, "m5")).to_contain_text("Machine five")
    page.get_by_role("button", name="Rename").click()
    form = page.get_by_role("form", name="rename holon")
    form.get_by_label("Display name").fill("Spare machine")
    form.get_by_role("button", name="Save").click()
    expect(tree_node(page, "m5")).to_contain_text("Spare machine")
    page.get_by_role("button", name="Move").click()
    form = page.get_by_role("form", name="move holon")
    choose(form.get_by_label(re.compile("New parent")), "rack-1")
    form.get_by_role("button", name="Move").click()
    expect(page.get_by_role("navigation", name="Zoom path")).to_contain_text("rack-1")
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("form", name="delete holon").get_by_role("button", name="Delete").click()
    expect(tree_node(page, "m5")).to_have_count(0)


def test_a_reviewer_sees_no_edit_buttons(page, bob, model_id):
    log_in(page, "bob")
    page.goto(f"/models/{model_id}")
    expect(page.get_by_test_id("white-box")).to_be_visible()
    expect(page.get_by_role("button", name="Add child")).to_have_count(0)
    # Saving a version stays in sight, disabled, with the reason the role cannot
    expect(page.get_by_role("button", name="Save version")).to_be_disabled()
    expect(page.get_by_role("button", name="Save version")).to_have_accessible_description(
        "only editors and owners can change models and start jobs; your role in this team is reviewer"
    )
