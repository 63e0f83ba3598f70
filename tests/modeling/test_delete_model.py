"""A model or workspace goes with its versions, unless a run still refers to one of them."""

from holarchy.modeling.models import Component, SystemModel, Workspace
from simulations.models import Run


def test_deleting_a_model_removes_its_draft_and_versions(alice_client, shop):
    assert alice_client.delete(f"/api/models/{shop.pk}/").status_code == 204

    assert not SystemModel.objects.exists()
    assert not Component.objects.exists()


def test_a_model_with_runs_is_kept(alice_client, shop, workspace):
    Run.objects.create(version=shop.versions.get())

    assert alice_client.delete(f"/api/models/{shop.pk}/").status_code == 400
    assert alice_client.delete(f"/api/workspaces/{workspace.pk}/").status_code == 400
    assert SystemModel.objects.filter(pk=shop.pk).exists() and Workspace.objects.filter(pk=workspace.pk).exists()


def test_only_owners_and_editors_delete(bob_client, mallory_client, shop):
    assert bob_client.delete(f"/api/models/{shop.pk}/").status_code == 403
    assert mallory_client.delete(f"/api/models/{shop.pk}/").status_code == 404
    assert SystemModel.objects.filter(pk=shop.pk).exists()
