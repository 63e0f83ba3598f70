"""An exploration the explorer would refuse before searching is a 400 naming the field, and no job is queued."""

import pytest

from simulations.models import Exploration


@pytest.mark.django_db
def test_symmetry_over_components_whose_params_differ_is_refused_with_the_path(alice_client, workspace, alice):
    from holarchy.modeling.models import ModelVersion, SystemModel
    from simulations.engine import modelcode
    from tests.explore.test_symmetry_soundness import coordinator

    model = modelcode.load_model(coordinator("msg.sender == params.favourite", params={"favourite": "p1"}))
    version = ModelVersion.objects.create(
        model=SystemModel.objects.create(workspace=workspace, name="favourite"), number=1,
        document=modelcode.dump_model(model), content_hash=modelcode.content_hash(model), created_by=alice)

    response = alice_client.post("/api/explorations/", {"version": version.id, "max_seconds": 60}, format="json")

    assert response.status_code == 400, response.content
    assert "components/0/params: the params of coord" in str(response.json())
    assert not Exploration.objects.exists()
