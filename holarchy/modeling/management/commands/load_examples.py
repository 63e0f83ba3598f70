"""Load the example gallery (examples/*.yaml) into the read-only Examples workspace, idempotently."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ValidationError

from holarchy.modeling import documents, services


class Command(BaseCommand):
    help = (
        "Import every examples/*.yaml into the read-only Examples workspace of the gallery team, which every user "
        "sees (created when missing), and make a user to sign in with. Re-running updates the examples and saves "
        "a new version only for those whose content changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--team", default="examples", help="the gallery team's slug (default: examples)")
        parser.add_argument(
            "--user", default="demo",
            help="a user with a team of their own (created when missing); a new user's password is the username "
                 "(none in production)",
        )

    def handle(self, *args, team: str, user: str, **options):
        try:
            workspace = services.ensure_gallery(team_slug=team)
        except ValidationError as exc:
            raise CommandError(str(exc.detail["team"][0])) from None
        owner, _ = services.ensure_demo_user(username=user)
        failures = []
        for path in sorted((settings.BASE_DIR / "examples").glob("*.yaml")):
            try:
                outcome = services.sync_model_document(
                    workspace=workspace, document=path.read_text(), user=owner, message=f"from examples/{path.name}"
                )
            except documents.InvalidModel as exc:
                failures.append(path.name)
                self.stderr.write(f"invalid: {path.name}: {exc.issues}")
                continue
            self.stdout.write(f"{outcome}: {path.name}")
        if failures:
            raise CommandError(f"{len(failures)} example(s) are invalid: {', '.join(failures)}")
