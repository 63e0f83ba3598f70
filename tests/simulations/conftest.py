"""Fixtures for the simulation jobs' tests: a model saved from a document built in code."""

import pytest

from holarchy.modeling.models import ModelVersion, SystemModel
from simulations.engine import modelcode


@pytest.fixture
def save_version(workspace, alice):
    """Version 1 of a model document, saved in the acme team."""

    def save(doc: dict) -> ModelVersion:
        model = modelcode.load_model(doc)
        system = SystemModel.objects.create(workspace=workspace, name=doc["name"])
        return ModelVersion.objects.create(model=system, number=1, document=modelcode.dump_model(model),
                                           content_hash=modelcode.content_hash(model), created_by=alice)

    return save


@pytest.fixture
def opens(monkeypatch):
    """The stored files opened meanwhile, in order (to count the chunks a request reads)."""
    from django.core.files.storage import FileSystemStorage

    names: list[str] = []
    real = FileSystemStorage.open

    def counting(self, name, mode="rb"):
        names.append(name)
        return real(self, name, mode)

    monkeypatch.setattr(FileSystemStorage, "open", counting)
    return names
