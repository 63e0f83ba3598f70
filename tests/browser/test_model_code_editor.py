"""The YAML editor: two mistakes typed into the draft are both marked on their lines; fixed, the draft is replaced."""

import pytest
from playwright.sync_api import expect

from holarchy.modeling.models import Component, Link

from .conftest import import_example, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect.set_options(timeout=15_000)  # a loaded 2-core machine: every edit is a request and a refresh


def draft_lines(client, model_id: int) -> list[str]:
    response = client.get(f"/api/models/{model_id}/export/?format=yaml", HTTP_ACCEPT="application/yaml")
    assert response.status_code == 200
    return response.content.decode().split("\n")


def line_of(lines: list[str], text: str, after: str | None = None) -> int:
    """The 1-based number of the first line holding `text` (below the first line holding `after`, if given)."""
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def retype_line_end(page, line: int, remove: int, insert: str) -> None:
    """Goes to the end of `line` by keyboard, deletes `remove` characters and types `insert`, as a person would."""
    page.get_by_test_id("yaml-editor").locator(".cm-content").click()
    page.keyboard.press("Control+Home")
    for _ in range(line - 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("End")
    for _ in range(remove):
        page.keyboard.press("Backspace")
    page.keyboard.type(insert)


def mark_on_line(page, line_text: str):
    """The error mark inside the editor line holding `line_text`."""
    return page.get_by_test_id("yaml-editor").locator(".cm-line", has_text=line_text).locator(".cm-lintRange-error")


def test_two_errors_are_marked_on_their_lines_then_fixed_and_applied(page, alice, alice_client, workspace):
    model_id = import_example(alice_client, workspace, "split-brain.yaml")
    log_in(page, "alice")
    page.goto(f"/models/{model_id}?tab=code")
    editor = page.get_by_test_id("yaml-editor")
    expect(editor.locator(".cm-content")).to_contain_text("format: holarchy/v1")
    expect(editor.locator(".cm-content")).to_have_attribute("aria-label", "Model YAML")

    # Two mistakes on two lines: a state that does not exist, and a loss above 1.
    lines = draft_lines(alice_client, model_id)
    state_line = line_of(lines, "state: durable")
    loss_line = line_of(lines, "loss: 0.0", after="links:")
    retype_line_end(page, state_line, len("durable"), "maybe")
    retype_line_end(page, loss_line, len("0.0"), "2")
    page.get_by_role("button", name="Apply to draft").click()

    issues = page.get_by_test_id("yaml-issues")
    expect(issues).to_contain_text("2 problems")
    expect(issues.locator(f"li[data-line='{state_line}']")).to_contain_text("components/3/state")
    expect(issues.locator(f"li[data-line='{loss_line}']")).to_contain_text("links/0/loss")
    # Each is marked in the text itself, where it stands: the list's buttons scroll the editor there.
    issues.locator(f"li[data-line='{state_line}']").get_by_role("button").click()
    expect(mark_on_line(page, "state: maybe")).to_have_text("maybe")
    issues.locator(f"li[data-line='{loss_line}']").get_by_role("button").click()
    expect(mark_on_line(page, "loss: 2")).to_have_text("2")
    screenshot(page, "yaml-editor-two-errors")
    # Nothing was stored.
    assert Component.objects.get(model_id=model_id, key="store").state == "durable"

    # Fix both, and change something real: the storage now fences.
    retype_line_end(page, state_line, len("maybe"), "durable")
    retype_line_end(page, loss_line, len("2"), "0.0")
    retype_line_end(page, line_of(lines, "fencing: false"), len("false"), "true")
    page.get_by_role("button", name="Apply to draft").click()
    expect(page.get_by_text("applied to the draft")).to_be_visible()
    expect(page.get_by_test_id("yaml-issues")).to_have_count(0)
    assert Component.objects.get(model_id=model_id, key="store").params == {"fencing": True}
    assert Link.objects.get(model_id=model_id, source__key="n1", target__key="n2").loss == 0
    # The structure views show the applied draft.
    page.get_by_role("tab", name="Components & links").click()
    expect(page.get_by_test_id("components-table").locator("tr[data-component='store']")).to_contain_text(
        "fencing=true"
    )
    expect(page.get_by_test_id("unsaved")).to_contain_text("Unsaved changes")


def test_a_syntax_error_is_marked_while_typing(page, alice, alice_client, workspace):
    model_id = import_example(alice_client, workspace, "split-brain.yaml")
    log_in(page, "alice")
    page.goto(f"/models/{model_id}?tab=code")
    expect(page.get_by_test_id("yaml-editor").locator(".cm-content")).to_contain_text("format: holarchy/v1")
    retype_line_end(page, 2, 0, ": [")
    issues = page.get_by_test_id("yaml-issues")
    expect(issues).to_contain_text("problem")
    expect(issues.locator("li").first).to_have_attribute("data-line", "2")
