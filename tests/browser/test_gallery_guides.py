"""Every example, opened from the gallery as a new user would: its guide is shown, its first "try this" is
followed with one click (the read-only example is copied into the user's workspace first, then the job runs
on a real worker) and the page shows the outcome the guide promises.

The test reads the promise from the example file, so a new example is covered by its YAML alone.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from holarchy.modeling import services
from holarchy.modeling.models import SystemModel
from simulations.engine.modelcode import load_text
from tests.workers import WorkerProcess

from .conftest import ROOT, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
#: A job on the worker: explorations of a few thousand states and searches of a dozen runs take seconds.
JOB_TIMEOUT = 60_000


@pytest.fixture(scope="module")
def shared_media(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("gallery-media")


@pytest.fixture(scope="module")
def module_worker(django_db_setup, django_db_blocker, shared_media):
    """One real worker for the whole module (starting one per example would cost more than the examples)."""
    with django_db_blocker.unblock():
        process = WorkerProcess(MEDIA_ROOT=str(shared_media))
    yield process
    process.stop()


@pytest.fixture
def worker(module_worker, media_root, settings, shared_media):
    """The module's worker, with this test reading the stored files (traces) where that worker writes them."""
    settings.MEDIA_ROOT = shared_media
    return module_worker


def _percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def check_run(page, expect_: dict) -> None:
    expect(page.get_by_test_id("run-status").first).to_have_text("succeeded", timeout=JOB_TIMEOUT)
    violations = page.get_by_test_id("violations")
    for name in expect_.get("violated", ()):
        expect(violations.locator("tr", has_text=name).first).to_be_visible()
    for name in expect_.get("holds", ()):
        expect(violations.locator("strong", has_text=re.compile(f"^{re.escape(name)}$"))).to_have_count(0)
    slos = page.get_by_test_id("slo-verdicts")
    for key, verdict in (("slos_met", "met"), ("slos_missed", "missed")):
        for name in expect_.get(key, ()):
            row = slos.locator("tr", has=page.locator("strong", has_text=re.compile(f"^{re.escape(name)}$")))
            expect(row.locator(".badge")).to_have_text(verdict)


def check_exploration(page, expect_: dict) -> None:
    verdicts = page.get_by_test_id("verdicts")
    expect(verdicts).to_be_visible(timeout=JOB_TIMEOUT)
    for key, verdict in (("violated", "violated"), ("holds", "holds")):
        for name in expect_.get(key, ()):
            row = verdicts.locator("tr", has=page.locator("strong", has_text=re.compile(f"^{re.escape(name)}$")))
            expect(row.locator(".badge")).to_have_text(verdict)
    for name, length in expect_.get("shortest", {}).items():
        row = verdicts.locator("tr", has=page.locator("strong", has_text=re.compile(f"^{re.escape(name)}$")))
        expect(row.get_by_role("button")).to_have_text(f"{length} steps")
    if "states" in expect_:
        expect(page.get_by_test_id("counter-states").locator(".value")).to_have_text(str(expect_["states"]))


def check_sweep(page, expect_: dict) -> None:
    panel = page.get_by_test_id("breaking-point")
    expect(panel).to_have_attribute("data-outcome", expect_["outcome"], timeout=JOB_TIMEOUT)
    if "breaks_between" in expect_:
        text = panel.get_by_test_id("breaking-interval-text").inner_text()
        held, broke = (float(x) for x in re.search(r"∈ \(([-\d.e]+), ([-\d.e]+)\]", text).groups())
        low, high = expect_["breaks_between"]
        assert low <= held < broke <= high, text


def check_study(page, expect_: dict) -> None:
    expect(page.get_by_test_id("study-matrix")).to_be_visible(timeout=JOB_TIMEOUT)
    for level, survival in expect_.get("survival", {}).items():
        expect(page.get_by_test_id(f"survival-{level}")).to_have_text(_percent(survival))
    for holon, broken in expect_.get("broken", {}).items():
        page.locator(f"[data-testid^='cell-'][data-testid$='-{holon}']").first.click()
        expect(page.get_by_test_id("selected-failure")).to_contain_text(f"breaks {', '.join(sorted(broken))}")


CHECKS = {"run": check_run, "explore": check_exploration, "sweep": check_sweep, "study": check_study}
PAGES = {"run": "runs", "explore": "explorations", "sweep": "sweeps", "study": "studies"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_from_the_gallery_keeps_the_promise_of_its_first_try(page, alice, workspace, worker,
                                                                      path: Path):
    gallery = services.ensure_gallery(team_slug="examples")
    services.sync_model_document(workspace=gallery, document=path.read_text())
    model = load_text(path.read_text())
    first = model.guide["try"][0]
    kind, action = next(iter(first["do"].items()))

    log_in(page, "alice")
    page.goto("/teams/examples")
    card = page.get_by_test_id("model-card").filter(has_text=model.name)
    expect(card.get_by_test_id("card-guide")).to_contain_text(first["title"])
    card.get_by_role("link", name="Open the guide").click()
    guide = page.get_by_test_id("guide")
    expect(guide.get_by_test_id("guide-about")).to_have_text(" ".join(model.guide["about"].split()))
    item = guide.get_by_test_id("try-item").first
    expect(item).to_contain_text(first["see"].split(".")[0].strip())
    item.get_by_role("button", name=f"Copy and try: {first['title']}").click()

    expect(page).to_have_url(re.compile(rf"/models/\d+/{PAGES[kind]}/[0-9a-f-]{{36}}"))
    copy = SystemModel.objects.get(workspace=workspace)
    assert copy.name == model.name and f"/models/{copy.id}/" in page.url
    if kind == "run" and (action.get("view") or model.guide.get("view")) == "office":
        expect(page).to_have_url(re.compile(r"view=office"))
    CHECKS[kind](page, first["expect"])
    if kind == "run" and "step" in action:
        expect(page).to_have_url(re.compile(rf"step={action['step']}"))
    if kind == "run" and (action.get("view") or model.guide.get("view")) == "office":
        expect(page.get_by_test_id("office-view")).to_be_visible()
    screenshot(page, f"gallery-{path.stem}")
