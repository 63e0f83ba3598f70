"""Two people in two browser contexts: an owner signs up, creates a workspace and invites a reviewer by e-mail;
the reviewer signs up through the invitation's link, accepts, opens the team's model and sees their role and
an action they cannot take, disabled, with the reason; the owner's audit log shows what was done."""

import copy
import re

import pytest
from playwright.sync_api import expect

from holarchy.accounts.models import Membership, Role
from holarchy.modeling import services
from holarchy.modeling.models import Workspace
from tests.modeling.conftest import SHOP

from .conftest import open_context, screenshot, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "only editors and owners can change models and start jobs; your role in this team is reviewer"


def test_an_owner_invites_a_reviewer_who_sees_their_role_and_why_an_action_is_disabled(browser, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    owner_context, owner, owner_errors = open_context(browser, live_server)
    reviewer_context, reviewer, reviewer_errors = open_context(browser, live_server)
    try:
        owner.goto("/")
        sign_up(owner, "olivia", "Olivia Labs")
        expect(owner).to_have_url(re.compile(r"/teams/olivia-labs$"))
        expect(owner.get_by_test_id("your-role")).to_have_text("your role: owner")
        owner.get_by_role("button", name="New workspace").click()
        owner.get_by_label("Workspace name").fill("Payments")
        owner.get_by_role("button", name="Create").click()
        expect(owner.get_by_test_id("workspace-Payments")).to_be_visible()
        workspace = Workspace.objects.get(name="Payments", team__slug="olivia-labs")
        olivia = Membership.objects.get(team=workspace.team).user
        model = services.import_model_document(workspace=workspace, document=copy.deepcopy(SHOP), user=olivia)

        owner.get_by_role("link", name="Members").click()
        owner.get_by_label("E-mail address or username").fill("rita@example.com")
        owner.get_by_label("Invited role").select_option("reviewer")
        owner.get_by_role("button", name="Invite").click()
        link = owner.get_by_test_id("invitation-link").inner_text()
        assert re.fullmatch(rf"{re.escape(live_server.url)}/invitations/[\w-]+", link), link
        screenshot(owner, "members-invited")

        reviewer.goto(link)
        expect(reviewer.get_by_role("button", name="Log in")).to_be_visible()
        sign_up(reviewer, "rita")
        reviewer.get_by_role("button", name="Accept the invitation").click()
        expect(reviewer.get_by_role("heading", name="You joined Olivia Labs as reviewer")).to_be_visible()
        assert Membership.objects.get(team=workspace.team, user__username="rita").role == Role.REVIEWER
        reviewer.get_by_role("link", name="Open Olivia Labs").click()
        expect(reviewer.get_by_test_id("your-role")).to_have_text("your role: reviewer")
        reviewer.get_by_test_id("workspace-Payments").get_by_role("link", name=model.name).first.click()
        expect(reviewer.get_by_test_id("model-name")).to_have_text(model.name)
        expect(reviewer.get_by_test_id("your-role")).to_have_text("your role: reviewer")
        save = reviewer.get_by_role("button", name="Save version")
        expect(save).to_be_disabled()
        expect(save).to_have_accessible_description(REASON)
        expect(reviewer.get_by_test_id("disabled-reason")).to_have_text(REASON)
        screenshot(reviewer, "reviewer-sees-why")

        reviewer.goto("/teams/olivia-labs/members")
        expect(reviewer.get_by_role("button", name="Invite")).to_be_disabled()
        expect(reviewer.get_by_role("link", name="Back to the models")).to_be_visible()

        owner.reload()
        expect(owner.get_by_label("Role of rita")).to_have_value("reviewer")
        log = owner.get_by_test_id("audit-log")
        expect(log).to_contain_text("created workspace")
        expect(log).to_contain_text("created invitation")
        expect(log).to_contain_text("accept invitation")
        screenshot(owner, "members-audit-log")
    finally:
        owner_context.close()
        reviewer_context.close()
    assert not owner_errors and not reviewer_errors, (owner_errors, reviewer_errors)
