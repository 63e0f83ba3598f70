"""``manage.py load_examples`` imports the gallery into a demo team and can be re-run safely."""

from io import StringIO
from pathlib import Path

from django.contrib.auth import authenticate
from django.core.management import call_command

from holarchy.accounts.models import Membership, Role
from holarchy.modeling import services
from holarchy.modeling.models import ModelVersion, SystemModel

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


def _load(*args: str) -> str:
    out = StringIO()
    call_command("load_examples", *args, stdout=out)
    return out.getvalue()


def test_every_example_is_imported_with_a_demo_owner(db):
    output = _load()

    assert output.count("created: ") == len(EXAMPLES) > 0
    assert SystemModel.objects.filter(workspace__team__slug="demo").count() == len(EXAMPLES)
    assert ModelVersion.objects.filter(number=1).count() == len(EXAMPLES)
    demo = authenticate(username="demo", password="demo")
    assert Membership.objects.get(user=demo, team__slug="demo").role == Role.OWNER


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


def test_an_existing_user_keeps_their_password(django_user_model, db):
    django_user_model.objects.create_user(username="demo", password="s3cret-pass")

    _load()

    assert authenticate(username="demo", password="s3cret-pass") is not None
