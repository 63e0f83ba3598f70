"""Browser fixtures: one headless Debian Chromium per session, a fresh page per test.

The tests drive the built single-page app (``npm --prefix frontend run build``
must have run) served by pytest-django's ``live_server``. Playwright's sync
API runs an event loop in this thread, so Django's "no ORM calls from async
code" guard is switched off for these tests: the ORM calls in the tests run
synchronously in the main thread, never inside that loop.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("HOLARCHY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not (settings.FRONTEND_DIST / "index.html").is_file():
        pytest.fail("the frontend is not built: run `npm --prefix frontend run build` first")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


def open_context(browser, live_server):
    """A fresh browser context (own cookies), its page, and the list the page's JavaScript errors go to."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


@pytest.fixture
def page(browser, live_server):
    """A page in a fresh browser context (own cookies); JavaScript errors fail the test."""
    context, page, errors = open_context(browser, live_server)
    yield page
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


def screenshot(page, name: str) -> Path:
    """Saves a full-page screenshot under test-artifacts/ (not committed) and returns its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    scrolled = page.evaluate("() => [window.scrollX, window.scrollY]")
    page.screenshot(path=str(path), full_page=True)
    # Chromium comes back from a full-page shot with the page scrolled elsewhere than the scroll position
    # its script reports, until the next input moves it: a click right after would land off its target.
    page.evaluate("([x, y]) => window.scrollTo(x, y)", scrolled)
    return path


def element_screenshot(locator, name: str) -> Path:
    """Saves a screenshot of one element (a panel) under test-artifacts/ and returns its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    locator.screenshot(path=str(path))
    return path


def log_in(page, username: str, password: str | None = None) -> None:
    """Logs in through the login form, as a person would, and waits for the app shell."""
    page.goto("/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password or f"{username}-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_test_id("username").wait_for()


def sign_up(page, username: str, team_name: str = "") -> None:
    """Signs up through the sign-up form, as a person would (the password is ``<username>-long-password``)."""
    page.get_by_role("button", name="New here? Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail").fill(f"{username}@example.com")
    page.get_by_label("Password").fill(f"{username}-long-password")
    if team_name:
        page.get_by_label("Team name (optional)").fill(team_name)
    page.get_by_role("button", name="Sign up").click()


def import_example(client, workspace, example: str) -> int:
    """Imports examples/<example> through the API as the client's user; returns the model id."""
    document = (ROOT / "examples" / example).read_text()
    response = client.post("/api/models/import/", {"workspace": workspace.id, "document": document}, format="json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def finished_run_of(client, workspace, user, example: str, scenario: str, seed: int = 1):
    """A run of an imported example, simulated here exactly as a worker would (the task body, in-process)."""
    from holarchy.modeling.models import ModelVersion
    from simulations.models import Run
    from simulations.tasks import simulate_run

    version = ModelVersion.objects.get(model_id=import_example(client, workspace, example), number=1)
    run = Run.objects.create(version=version, seed=seed, scenario=scenario, created_by=user)
    assert simulate_run.apply(args=[str(run.id)]).get() == "succeeded"
    run.refresh_from_db()
    return run


def choose(field, text: str) -> None:
    """Chooses the first option whose label contains ``text``, as a user would: from a ``<select>`` (holons
    listed indented by depth), or in a searchable picker (a combobox) by typing ``text`` and clicking the
    best match in the list it opens (an exact match is listed first)."""
    if field.evaluate("e => e.tagName") == "SELECT":
        value = field.locator("option", has_text=text).first.get_attribute("value")
        field.select_option(value=value)
        return
    field.fill(text)
    expect(field).to_have_attribute("aria-expanded", "true")
    listbox = field.page.locator(f"[id='{field.get_attribute('aria-controls')}']")
    listbox.get_by_role("option").filter(has_text=text).first.click()
    expect(listbox).to_have_count(0)
