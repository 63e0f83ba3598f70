"""HTML and script stored in every text field a page shows are rendered as text in real Chromium: nothing runs."""

import copy
import json

import pytest

from holarchy.modeling import services
from holarchy.modeling.models import Workspace
from simulations.models import JobStatus, Run
from tests.browser.conftest import log_in
from tests.modeling.conftest import SHOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def _hostile_model(alice, acme):
    workspace = Workspace.objects.create(team=acme, name=f"ws {PAYLOAD}")
    document = copy.deepcopy(SHOP)
    document["name"], document["description"] = f"shop {PAYLOAD}", f"about {PAYLOAD}"
    text = json.dumps(document).replace('"id": "dc"', json.dumps({"id": "dc", "name": f"dc {PAYLOAD}"})[1:-1])
    model = services.import_model_document(workspace=workspace, document=json.loads(text), user=alice)
    acme.name = f"team {PAYLOAD}"
    acme.save()
    run = Run.objects.create(version=model.versions.get(), status=JobStatus.FAILED, error=f"failed {PAYLOAD}")
    return model, run


def test_stored_markup_is_shown_as_text(page, live_server, alice, acme):
    model, run = _hostile_model(alice, acme)
    log_in(page, "alice")
    for path in (f"/teams/{acme.slug}", f"/models/{model.pk}", f"/models/{model.pk}/runs/{run.pk}"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("img[src=x]").count() == 0, path
    page.goto(f"/models/{model.pk}")
    page.get_by_text(f"shop {PAYLOAD}").first.wait_for()
