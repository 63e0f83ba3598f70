"""Load the example gallery (examples/*.yaml) into a demo team, idempotently."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from holarchy.modeling import documents, services


class Command(BaseCommand):
    help = (
        "Import every examples/*.yaml into the Examples workspace of a team (created with its owner when missing). "
        "Re-running updates the drafts and saves a new version only for examples whose content changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--team", default="demo", help="team slug (default: demo)")
        parser.add_argument(
            "--user", default="demo", help="owner username; a new user's password is the username (none in production)"
        )

    def handle(self, *args, team: str, user: str, **options):
        workspace, owner = services.ensure_demo_workspace(team_slug=team, username=user)
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
