"""``manage.py load_examples`` fills the read-only example gallery every user sees, and can be re-run safely."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from holarchy.accounts.models import Membership, Role, Team
from holarchy.modeling import documents, selectors, services
from holarchy.modeling.models import ModelVersion, SystemModel

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


def _load(*args: str) -> str:
    out = StringIO()
    call_command("load_examples", *args, stdout=out)
    return out.getvalue()


def test_every_example_is_imported_into_the_gallery_and_the_demo_user_has_a_team_of_their_own(db):
    output = _load()

    assert output.count("created: ") == len(EXAMPLES) > 0
    gallery = Team.objects.get(slug="examples")
    assert gallery.gallery and list(gallery.workspaces.values_list("name", flat=True)) == ["Examples"]
    assert SystemModel.objects.filter(workspace__team=gallery).count() == len(EXAMPLES)
    assert ModelVersion.objects.filter(number=1).count() == len(EXAMPLES)
    demo = authenticate(username="demo", password="demo")
    roles = dict(Membership.objects.filter(user=demo).values_list("team__slug", "role"))
    assert roles == {"examples": Role.VIEWER, "demos-team": Role.OWNER}
    assert not Membership.objects.filter(team=gallery).exclude(role=Role.VIEWER).exists()  # nobody owns it


def test_users_made_before_and_after_the_gallery_both_see_it(django_user_model, db):
    earlier = django_user_model.objects.create_user(username="earlier", password="x-password-1")
    _load()
    later = django_user_model.objects.create_user(username="later", password="x-password-2")

    for user in (earlier, later):
        assert Membership.objects.get(user=user, team__slug="examples").role == Role.VIEWER


def test_re_running_changes_nothing(db):
    _load()

    output = _load()

    assert output.count("unchanged: ") == len(EXAMPLES)
    assert ModelVersion.objects.count() == len(EXAMPLES)


def test_a_changed_draft_is_reset_and_versioned_only_when_the_content_differs(db):
    _load("--team", "gallery", "--user", "curator")
    model = SystemModel.objects.order_by("name").first()
    services.update_model(model=model, description="edited by hand")
    services.save_version(model=model)

    output = _load("--team", "gallery", "--user", "curator")

    assert output.count("updated: ") == 1
    model.refresh_from_db()
    assert model.description != "edited by hand"
    assert list(model.versions.values_list("number", flat=True)) == [1, 2, 3]
    assert model.versions.get(number=3).content_hash == model.versions.get(number=1).content_hash


def test_a_team_that_is_not_a_gallery_is_not_filled(acme):
    with pytest.raises(CommandError, match="'acme' exists and is not an example gallery"):
        _load("--team", "acme")
    assert not SystemModel.objects.exists()


def test_an_existing_user_keeps_their_password(django_user_model, db):
    django_user_model.objects.create_user(username="demo", password="s3cret-pass")

    _load()

    assert authenticate(username="demo", password="s3cret-pass") is not None


def test_every_example_imports_without_warnings(db):
    _load()

    for model in SystemModel.objects.filter(workspace__team__slug="examples"):
        report = documents.draft_report(selectors.draft_document(model))
        assert report == {"valid": True, "errors": [], "warnings": []}, model.name
        assert model.sections["guide"]["try"], model.name
