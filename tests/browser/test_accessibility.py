"""Accessibility of the model, run and exploration pages: axe-core in Chromium, and a visible focus at every Tab stop.

axe-core (a devDependency of the frontend) is injected from node_modules and
run over the whole document with the WCAG 2.1 A/AA and best-practice rules;
a serious or critical violation fails the test with the elements and why.
axe cannot see focus rings, so the Tab order is walked and each stop must
show an outline or a ring of its own.
"""

import json

import pytest
from playwright.sync_api import expect

from holarchy.modeling.models import ModelVersion
from simulations.models import Exploration
from simulations.tasks import explore_version

from .conftest import ROOT, finished_run_of, import_example, log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Rules this check is about: each must have run on the page (not be inapplicable), so a page that lost them is noticed.
MUST_RUN = ("color-contrast", "button-name", "landmark-one-main", "region", "aria-allowed-attr")
TAB_STOPS = 40

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
  const brief = (v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 6).map((n) => ({ target: n.target.join(' '), why: n.failureSummary })),
  });
  return {
    violations: result.violations.map(brief),
    ran: [...result.passes, ...result.violations, ...result.incomplete].map((r) => r.id),
  };
}"""

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const ring = s.boxShadow !== 'none';
  const name = (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().slice(0, 60);
  return { name, tag: el.tagName, visible: outline || ring };
}"""


def check_page(page, must_run: tuple[str, ...] = ()) -> None:
    # Evaluated through the DevTools protocol: the app's Content-Security-Policy refuses injected script tags.
    page.evaluate(AXE.read_text() + "\n;0")
    report = page.evaluate(RUN_AXE, TAGS)
    serious = [v for v in report["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "axe found serious violations:\n" + json.dumps(serious, indent=2)
    missing = [rule for rule in (*MUST_RUN, *must_run) if rule not in report["ran"]]
    assert not missing, f"axe did not apply {missing}: the page has none of what they check"
    page.locator("body").focus()
    stops = []
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STYLE)
        if stop:
            stops.append(stop)
    assert len(stops) >= 10, f"only {len(stops)} Tab stops: {stops}"
    invisible = [s for s in stops if not s["visible"]]
    assert not invisible, f"Tab stops without a visible focus: {invisible}"


def test_the_model_page(page, alice, alice_client, workspace):
    model_id = import_example(alice_client, workspace, "two-holarchies.yaml")
    log_in(page, "alice")
    page.goto(f"/models/{model_id}")
    expect(page.get_by_test_id("white-box").locator("[data-node='holon:rack-1']")).to_be_visible()
    # Its holarchy picker and checkbox are form fields: each must have a label.
    check_page(page, must_run=("label",))


def test_the_run_page(page, alice, alice_client, workspace):
    run = finished_run_of(alice_client, workspace, alice, "two-holarchies.yaml", "rack-2-outage")
    log_in(page, "alice")
    page.goto(f"/models/{run.version.model_id}/runs/{run.id}")
    expect(page.get_by_test_id("run-status")).to_have_text("succeeded")
    expect(page.get_by_test_id("run-viewer")).to_be_visible()
    check_page(page)


def test_the_exploration_page(page, alice, alice_client, workspace):
    model_id = import_example(alice_client, workspace, "two-interleaved-processes.yaml")
    version = ModelVersion.objects.get(model_id=model_id, number=1)
    exploration = Exploration.objects.create(version=version, created_by=alice, max_states=50_000, max_seconds=60)
    assert explore_version.apply(args=[str(exploration.id)]).get() == "succeeded"
    log_in(page, "alice")
    page.goto(f"/models/{version.model_id}/explorations/{exploration.id}")
    expect(page.get_by_test_id("verdicts")).to_contain_text("holds")
    check_page(page)
