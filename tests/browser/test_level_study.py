"""A level study from the model page: started in the UI, run by a real worker, read as a levels x holons matrix."""

import re

import pytest
from playwright.sync_api import expect

from simulations.models import LevelStudy

from .conftest import import_example, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.worker
def test_a_study_started_in_the_ui_shows_its_matrix_and_blast_radius(page, alice, alice_client, workspace,
                                                                      celery_worker):
    model_id = import_example(alice_client, workspace, "replicated-service.yaml")
    log_in(page, "alice")
    page.goto(f"/models/{model_id}?tab=studies")
    form = page.get_by_role("form", name="Start a level study")
    expect(form.get_by_label("Holarchy")).to_have_value("physical")
    expect(form.get_by_test_id("study-levels").locator("tbody tr")).to_have_count(4)  # world > region > cluster > node
    form.get_by_label("fault of node").select_option("transient")
    form.get_by_label("down for of node").fill("40")
    form.get_by_role("button", name="Run study").click()

    expect(page).to_have_url(re.compile(r"/studies/[0-9a-f-]{36}$"))
    study = LevelStudy.objects.get()
    assert study.faults["node"] == {"crash": {"kind": "transient", "at": 60, "duration": 40}}
    matrix = page.get_by_test_id("study-matrix")
    expect(matrix).to_be_visible(timeout=90_000)
    expect(page.get_by_test_id("survival-node")).to_have_text("100%")
    expect(page.get_by_test_id("survival-cluster")).to_have_text("100%")
    expect(page.get_by_test_id("survival-region")).to_have_text("0%")
    expect(page.get_by_test_id("lowest-level")).to_contain_text("region")
    expect(matrix.locator(".study-cell.slo_broken")).to_have_count(1)  # eu
    expect(matrix.locator(".study-cell.property_violated")).to_have_count(1)  # world: the clients go down with it

    page.get_by_test_id("cell-cluster-c1").click()
    physical = page.get_by_test_id("blast-tree-physical")
    expect(physical.locator("li[data-holon=c1]")).to_have_class(re.compile("broken"))
    expect(physical.locator("li[data-holon=c2]")).not_to_have_class(re.compile("broken"))
    expect(page.get_by_test_id("blast-tree-logical").locator("li[data-holon=kv]")).to_have_class(re.compile("broken"))
    screenshot(page, "level-study")

    page.get_by_test_id("selected-failure").get_by_role("link", name="open run, seed 0").click()
    expect(page).to_have_url(re.compile(r"/runs/[0-9a-f-]{36}"))
    expect(page.get_by_test_id("run-status").first).to_have_text("succeeded")
