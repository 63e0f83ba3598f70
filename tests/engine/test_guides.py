"""Every example's guide keeps its promises: each "try this", followed as its button in the UI would, shows the
outcome its `expect` states. Adding an example is a YAML file; its guide is checked here without more code."""

from __future__ import annotations

import pytest

from simulations.engine.guide import follow, observe, promised, tries
from simulations.engine.modelcode import load_text

from .conftest import EXAMPLES

PATHS = sorted(EXAMPLES.glob("*.yaml"))
ITEMS = [pytest.param(path, index, id=f"{path.stem}:{index}")
         for path in PATHS for index, _ in enumerate(tries(load_text(path.read_text())))]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_example_has_a_guide_whose_items_each_promise_an_outcome(path):
    model = load_text(path.read_text())
    assert model.guide is not None, f"{path.name} has no guide"
    assert model.guide["about"].strip() and tries(model)
    for item in tries(model):
        assert item.get("expect"), f"{path.name}: '{item['title']}' promises nothing the tests can check"


@pytest.mark.parametrize(("path", "index"), ITEMS)
def test_each_try_this_shows_what_it_promises(path, index):
    model = load_text(path.read_text())
    item = tries(model)[index]
    assert observe(item, follow(model, item)) == promised(item)
