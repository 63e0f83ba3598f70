"""Logging in and out through the UI."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_wrong_password_is_refused_with_a_message(page, alice):
    page.goto("/login")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("not-her-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("wrong username or password")
    screenshot(page, "login-refused")


def test_login_opens_the_gallery_and_logout_closes_it(page, alice, workspace):
    log_in(page, "alice")
    expect(page).to_have_url(re.compile(r"/teams/acme$"))
    expect(page.get_by_text("This team has no workspace yet").or_(page.get_by_text("No models yet"))).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()


def test_a_deep_link_survives_the_login(page, alice, workspace):
    page.goto("/teams/acme")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("alice-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Acme")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/teams/acme$"))
