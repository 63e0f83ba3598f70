"""The app shell: login page for strangers; header with team switcher, health dots and the gallery once logged in."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_logged_out_visitor_gets_the_login_page(page):
    page.goto("/")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login"))
    assert screenshot(page, "login").stat().st_size > 0


def test_the_shell_shows_user_team_switcher_and_health(page, alice, workspace):
    log_in(page, "alice")
    expect(page.get_by_test_id("username")).to_have_text("alice")
    expect(page.get_by_label("Team")).to_have_value("acme")
    expect(page.get_by_role("heading", name="Acme")).to_be_visible()
    expect(page.get_by_test_id(f"workspace-{workspace.name}")).to_be_visible()
    health = page.get_by_test_id("health")
    for part in ("database", "broker", "workers"):
        expect(health).to_contain_text(part)
    # The database answers in any test run; broker and workers depend on what runs beside the tests.
    expect(health.locator("[data-status]").first).to_have_attribute("data-status", "up")
    path = screenshot(page, "app-shell")
    assert path.stat().st_size > 10_000
