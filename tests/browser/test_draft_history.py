"""Undo, redo and restoring a version in the browser; the unsaved-changes badge; a teammate's edit seen by polling."""

import pytest
from playwright.sync_api import expect

from holarchy.accounts.models import Membership, Role
from holarchy.modeling.models import Component, Link

from .conftest import import_example, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect.set_options(timeout=15_000)  # a loaded 2-core machine: every edit is a request and a refresh


@pytest.fixture
def model_id(alice_client, workspace) -> int:
    return import_example(alice_client, workspace, "split-brain.yaml")


def election_low(model_id: int) -> int:
    return Component.objects.get(model_id=model_id, key="n1").params["election_low"]


def set_election_low(page, value: str) -> None:
    """Edits n1 through its parameter form (not the JSON) and saves."""
    page.get_by_test_id("components-table").get_by_role("button", name="Edit component n1").click()
    form = page.get_by_role("form", name="Edit component n1")
    form.get_by_label("election_low", exact=True).fill(value)
    form.get_by_role("button", name="Save component").click()
    expect(form).to_have_count(0)


def test_undo_redo_and_restore_a_version(page, alice, model_id):
    log_in(page, "alice")
    page.goto(f"/models/{model_id}?tab=parts")
    bar = page.get_by_test_id("draft-bar")
    expect(page.get_by_test_id("unsaved")).to_contain_text("saved as the latest version")
    set_election_low(page, "7")
    assert election_low(model_id) == 7
    expect(page.get_by_test_id("unsaved")).to_contain_text("Unsaved changes")
    row = page.get_by_test_id("components-table").locator("tr[data-component='n1']")
    expect(row).to_contain_text("election_low=7")

    bar.get_by_role("button", name="Undo").click()
    expect(row).to_contain_text("election_low=3")
    assert election_low(model_id) == 3
    expect(page.get_by_test_id("unsaved")).to_contain_text("saved as the latest version")
    bar.get_by_role("button", name="Redo").click()
    expect(row).to_contain_text("election_low=7")
    assert election_low(model_id) == 7
    # The keyboard does the same outside text fields.
    page.get_by_role("heading", name="Components").click()
    page.keyboard.press("Control+z")
    expect(row).to_contain_text("election_low=3")
    page.keyboard.press("Control+Shift+z")
    expect(row).to_contain_text("election_low=7")

    # Save the change as v2, then put v1 back into the draft and undo that too.
    page.get_by_role("button", name="Save version").click()
    page.get_by_label("What changed in this version?").fill("slower first election")
    page.get_by_role("button", name="Freeze draft as a version").click()
    expect(page.get_by_text("Saved version v2.")).to_be_visible()
    page.get_by_role("tab", name="Versions").click()
    versions = page.get_by_test_id("versions-table")
    versions.get_by_role("button", name="Restore v1").click()
    versions.get_by_role("button", name="Replace the draft by v1").click()
    expect(page.get_by_role("status").filter(has_text="Restored into the draft")).to_be_visible()
    assert election_low(model_id) == 3
    expect(page.get_by_test_id("unsaved")).to_contain_text("Unsaved changes")  # v2 is the latest, the draft is v1
    bar.get_by_role("button", name="Undo").click()
    expect(page.get_by_test_id("unsaved")).to_contain_text("saved as the latest version")
    assert election_low(model_id) == 7
    screenshot(page, "draft-history")


def test_fifty_edits_can_all_be_undone(page, alice, model_id):
    log_in(page, "alice")
    page.goto(f"/models/{model_id}?tab=parts")
    cell = page.get_by_test_id("links-table").locator("tr[data-link='n1→n2'] td").nth(3)
    for i in range(1, 51):
        cell.get_by_role("button").click()
        cell.get_by_role("spinbutton").fill(f"{i / 100:.2f}")
        cell.get_by_role("spinbutton").press("Enter")
        expect(cell).to_contain_text(f"{i}%")
    undo = page.get_by_test_id("draft-bar").get_by_role("button", name="Undo")
    expect(undo).to_contain_text("(50)")
    for remaining in range(49, -1, -1):
        undo.click()
        expect(cell).to_contain_text(f"{remaining}%")
    expect(undo).to_be_disabled()
    assert Link.objects.get(model_id=model_id, source__key="n1", target__key="n2").loss == 0


def test_a_teammate_edit_is_noticed_within_seconds(browser, live_server, alice, acme, django_user_model, model_id):
    carol = django_user_model.objects.create_user(username="carol", password="carol-password")
    Membership.objects.create(user=carol, team=acme, role=Role.EDITOR)
    contexts = [
        browser.new_context(viewport={"width": 1440, "height": 900}, base_url=live_server.url) for _ in range(2)
    ]
    try:
        mine, theirs = (context.new_page() for context in contexts)
        log_in(mine, "alice")
        log_in(theirs, "carol")
        for p in (mine, theirs):
            p.goto(f"/models/{model_id}?tab=parts")
            expect(p.get_by_test_id("components-table")).to_be_visible()
        # My own edit is not a teammate's.
        set_election_low(mine, "5")
        mine.wait_for_timeout(4000)
        expect(mine.get_by_test_id("teammate-warning")).to_have_count(0)

        set_election_low(theirs, "9")
        warning = mine.get_by_test_id("teammate-warning")
        expect(warning).to_be_visible(timeout=10_000)
        screenshot(mine, "teammate-warning")
        warning.get_by_role("button", name="Load their changes").click()
        expect(warning).to_have_count(0)
        expect(mine.get_by_test_id("components-table").locator("tr[data-component='n1']")).to_contain_text(
            "election_low=9"
        )
        # Their draft is not mine to undo into.
        expect(mine.get_by_test_id("draft-bar").get_by_role("button", name="Undo")).to_be_disabled()
    finally:
        for context in contexts:
            context.close()
