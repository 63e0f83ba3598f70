"""Importing a YAML model through the UI: the server's problems are listed with their paths; a good model opens."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BROKEN = """format: holarchy/v1
name: Broken
components:
  - {id: a, behavior: relay, params: {next: b}}
links:
  - {from: a, to: nowhere}
holarchies:
  - name: physical
    root: {id: dc, components: [a]}
"""

GOOD = """format: holarchy/v1
name: Ping pong
description: Two relays pass a token around.
components:
  - {id: a, behavior: relay, params: {next: b, tokens: 1}}
  - {id: b, behavior: relay, params: {next: a}}
links:
  - {from: a, to: b, bidirectional: true, loss: 0.1}
holarchies:
  - name: physical
    root:
      id: dc
      children:
        - {id: left, components: [a]}
        - {id: right, components: [b]}
"""


def open_import_form(page, workspace):
    log_in(page, "alice")
    page.get_by_test_id(f"workspace-{workspace.name}").get_by_role("button", name="Import YAML model").click()
    return page.get_by_test_id("import-form")


def test_an_invalid_model_shows_every_problem_with_its_path(page, alice, workspace):
    form = open_import_form(page, workspace)
    form.locator("textarea").fill(BROKEN)
    form.get_by_role("button", name="Import").click()
    alert = form.get_by_role("alert")
    expect(alert).to_contain_text("The model has problems")
    expect(alert.locator("code", has_text=re.compile(r"^links/0"))).to_be_visible()
    screenshot(page, "import-errors")


def test_a_valid_model_is_imported_and_opened(page, alice, workspace):
    form = open_import_form(page, workspace)
    form.locator("textarea").fill(GOOD)
    form.get_by_role("button", name="Import").click()
    expect(page.get_by_test_id("model-name")).to_have_text("Ping pong")
    diagram = page.get_by_test_id("white-box")
    expect(diagram.locator("[data-node='holon:left']")).to_be_visible()
    expect(diagram).to_contain_text("loss 10%")
    page.get_by_role("link", name="Gallery").click()
    expect(page.get_by_test_id("model-card").filter(has_text="Ping pong")).to_be_visible()
