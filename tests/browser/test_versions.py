"""Freezing the draft as a version after an edit, and the diff between two versions."""

import pytest
from playwright.sync_api import expect

from .conftest import import_example, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_save_a_version_and_compare_it_with_the_first(page, alice, alice_client, workspace):
    model_id = import_example(alice_client, workspace, "two-holarchies.yaml")
    log_in(page, "alice")
    page.goto(f"/models/{model_id}")
    page.locator(".tree-node[data-holon='rack-2']").click()
    page.get_by_role("button", name="Add child").click()
    form = page.get_by_role("form", name="add holon")
    form.get_by_label("Id").fill("m9")
    form.get_by_role("button", name="Add").click()
    expect(page.locator(".tree-node[data-holon='m9']")).to_be_visible()

    page.get_by_role("button", name="Save version").click()
    page.get_by_label("What changed in this version?").fill("a spare machine in rack-2")
    page.get_by_role("button", name="Freeze draft as a version").click()
    expect(page.get_by_text("Saved version v2.")).to_be_visible()

    page.get_by_role("tab", name="Versions").click()
    versions = page.get_by_test_id("versions-table")
    expect(versions).to_contain_text("a spare machine in rack-2")
    diff = page.get_by_test_id("version-diff")
    expect(diff).to_contain_text("v1 → v2")
    expect(diff).to_contain_text("+ physical/m9")
    screenshot(page, "versions-diff")
