"""A team architecture review in two browser contexts, as the issue tells it: an owner signs up, creates a
workspace and invites a reviewer; the reviewer signs in, opens the review, comments on a holon and on a run's
step (the thread's link opens the viewer at that step), and requests changes citing the run; the owner answers;
the reviewer approves; the model list and the activity feed show it all. The run runs on a real worker."""

import re

import pytest
from playwright.sync_api import expect
from rest_framework.test import APIClient

from holarchy.accounts.models import Membership, Role
from holarchy.modeling.models import Workspace
from holarchy.reviews.models import Comment, Decision, Thread
from simulations.models import Run

from .conftest import import_example, open_context, screenshot, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _comment(page, what: str, text: str) -> None:
    """Opens the "Comment on ..." dialog, types ``text`` (``@oli`` completed from the team's members), sends it."""
    page.get_by_role("button", name=f"Comment on {what}").click()
    box = page.get_by_role("dialog", name=f"Comment on {what}").get_by_role("combobox", name=f"Comment on {what}")
    box.press_sequentially(text)


def test_a_review_from_invitation_to_approval(browser, live_server, settings, celery_worker):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    owner_context, owner, owner_errors = open_context(browser, live_server)
    reviewer_context, reviewer, reviewer_errors = open_context(browser, live_server)
    try:
        # The owner signs up, creates a workspace, imports a model and invites a reviewer.
        owner.goto("/")
        sign_up(owner, "olivia", "Olivia Labs")
        expect(owner.get_by_test_id("your-role")).to_have_text("your role: owner")
        owner.get_by_role("button", name="New workspace").click()
        owner.get_by_label("Workspace name").fill("Payments")
        owner.get_by_role("button", name="Create").click()
        expect(owner.get_by_test_id("workspace-Payments")).to_be_visible()
        workspace = Workspace.objects.get(name="Payments", team__slug="olivia-labs")
        olivia = Membership.objects.get(team=workspace.team).user
        api = APIClient()
        api.force_authenticate(olivia)
        model_id = import_example(api, workspace, "two-holarchies.yaml")
        owner.get_by_role("link", name="Members").click()
        owner.get_by_label("E-mail address or username").fill("rita@example.com")
        owner.get_by_label("Invited role").select_option("reviewer")
        owner.get_by_role("button", name="Invite").click()
        link = owner.get_by_test_id("invitation-link").inner_text()

        # The owner starts a run of version 1 on the worker.
        owner.goto(f"/models/{model_id}?tab=runs")
        run_form = owner.get_by_role("form", name="Start a run")
        run_form.get_by_label("Scenario").select_option("rack-2-outage")
        run_form.get_by_role("button", name="Run simulation").click()
        expect(owner.get_by_test_id("run-status")).to_have_text("succeeded", timeout=60_000)
        run = Run.objects.get(version__model_id=model_id)

        # The reviewer signs up through the link and joins as reviewer.
        reviewer.goto(link)
        sign_up(reviewer, "rita")
        reviewer.get_by_role("button", name="Accept the invitation").click()
        expect(reviewer.get_by_role("heading", name="You joined Olivia Labs as reviewer")).to_be_visible()
        assert Membership.objects.get(team=workspace.team, user__username="rita").role == Role.REVIEWER

        # The owner opens a review of v1 and asks rita.
        owner.goto(f"/models/{model_id}?tab=reviews")
        owner.get_by_role("button", name="Open a review").click()
        form = owner.get_by_role("form", name="Open a review")
        form.get_by_label("Title").fill("Is rack-2 a single point of failure?")
        form.get_by_label("Description").fill("Please look at the physical holarchy and the outage run.")
        form.get_by_role("checkbox", name="rita").check()
        form.get_by_role("button", name="Open the review").click()
        expect(owner.get_by_test_id("reviews-list")).to_contain_text("Is rack-2 a single point of failure?")
        expect(owner.get_by_test_id("reviews-list").get_by_test_id("review-status")).to_have_text("in review")

        # The reviewer is notified and opens the review from the bell.
        reviewer.goto("/")
        expect(reviewer.get_by_test_id("unread-count")).to_have_text("1", timeout=20_000)
        reviewer.get_by_test_id("notifications-button").click()
        reviewer.get_by_test_id("notification").filter(has_text="asked you to review").click()
        expect(reviewer.get_by_role("heading", name="Is rack-2 a single point of failure?")).to_be_visible()
        expect(reviewer.get_by_test_id("review-status")).to_have_text("in review")

        # A comment on the holon rack-2 in the structure view, mentioning the owner (completed by keyboard).
        reviewer.goto(f"/models/{model_id}")
        reviewer.locator(".tree-node[data-holon='rack-2']").click()
        _comment(reviewer, "holon rack-2", "@oli")
        suggestion = reviewer.get_by_role("option", name="@olivia")
        expect(suggestion).to_be_visible()
        reviewer.keyboard.press("Enter")
        reviewer.keyboard.type("rack-2 holds server-b alone: what takes over when it goes?")
        dialog = reviewer.get_by_role("dialog", name="Comment on holon rack-2")
        expect(dialog.get_by_role("combobox", name="Comment on holon rack-2")).to_have_value(
            "@olivia rack-2 holds server-b alone: what takes over when it goes?")
        dialog.get_by_role("button", name="Comment").click()
        expect(dialog.get_by_role("status")).to_contain_text("Commented.")

        # A comment on step 5 of the run, in the run viewer.
        reviewer.goto(f"/models/{model_id}/runs/{run.id}?step=5")
        expect(reviewer.get_by_test_id("step-number")).to_contain_text("Step 5 /")
        _comment(reviewer, "step 5", "Here the requests to server-b start failing.")
        dialog = reviewer.get_by_role("dialog", name="Comment on step 5")
        dialog.get_by_role("button", name="Comment").click()
        dialog.get_by_role("link", name="Open the thread").click()
        step_thread = reviewer.get_by_role("article", name=re.compile(r"Thread on run \w+ step 5"))
        expect(step_thread).to_contain_text("Here the requests to server-b start failing.")
        holon_thread = reviewer.get_by_role("article", name="Thread on holon physical/rack-2")
        expect(holon_thread.locator(".mention")).to_have_text("@olivia")

        # The thread's link opens the viewer at that step.
        step_thread.get_by_test_id("anchor-link").click()
        expect(reviewer).to_have_url(re.compile(rf"/runs/{run.id}\?step=5$"))
        expect(reviewer.get_by_test_id("step-number")).to_contain_text("Step 5 /")
        reviewer.go_back()

        # Changes requested, citing the run.
        decision = reviewer.get_by_role("region", name="Your decision")
        decision.get_by_label("Decision comment").fill("rack-2 needs a second machine")
        decision.get_by_role("checkbox", name=re.compile(str(run.id)[:8])).check()
        decision.get_by_role("button", name="Request changes").click()
        expect(reviewer.get_by_test_id("review-status")).to_have_text("changes requested")
        expect(reviewer.get_by_test_id("decisions")).to_contain_text(
            "rita requested changes: rack-2 needs a second machine")
        screenshot(reviewer, "review-changes-requested")

        # The owner sees the mention and the decision, and answers on the holon's thread.
        owner.goto(f"/models/{model_id}?tab=reviews")
        expect(owner.get_by_test_id("unread-count")).to_have_text("2", timeout=20_000)
        expect(owner.get_by_test_id("reviews-list").get_by_test_id("review-status")).to_have_text("changes requested")
        owner.get_by_role("link", name="Is rack-2 a single point of failure?").click()
        answer_thread = owner.get_by_role("article", name="Thread on holon physical/rack-2")
        answer_thread.get_by_role("combobox", name="Reply on holon physical/rack-2").fill(
            "@rita m4 joins rack-2 in v2; the run's failover is the monitor's job until then.")
        answer_thread.get_by_role("button", name="Reply").click()
        expect(answer_thread.get_by_test_id("comment")).to_have_count(2)
        answer_thread.get_by_role("button", name="Resolve").click()
        expect(answer_thread).to_contain_text("resolved by olivia")
        expect(owner.get_by_role("region", name="Your decision")).to_have_count(0)  # her own review

        # The reviewer approves; the model list shows it.
        reviewer.reload()
        holon_thread = reviewer.get_by_role("article", name="Thread on holon physical/rack-2")
        expect(holon_thread).to_contain_text("m4 joins rack-2")
        reviewer.get_by_role("region", name="Your decision").get_by_role("button", name="Approve").click()
        expect(reviewer.get_by_test_id("review-status")).to_have_text("approved")
        owner.goto("/teams/olivia-labs")
        expect(owner.get_by_test_id("model-card").get_by_test_id("review-status")).to_have_text("approved")

        # The activity feed: who ran what on which version, who commented where, who decided what.
        owner.goto(f"/models/{model_id}/activity")
        feed = owner.get_by_test_id("activity")
        for line in [
            "olivia imported model One system, two holarchies",
            f"olivia started run {str(run.id)[:8]} on v1",
            "olivia opened the review Is rack-2 a single point of failure? (v1)",
            "rita commented on holon physical/rack-2",
            f"rita commented on run {str(run.id)[:8]} step 5",
            "rita requested changes on Is rack-2",
            "olivia replied on holon physical/rack-2",
            "olivia resolved the thread on holon physical/rack-2",
            "rita approved Is rack-2",
        ]:
            expect(feed).to_contain_text(line)
        feed.get_by_role("link", name=f"run {str(run.id)[:8]} step 5").click()
        expect(owner).to_have_url(re.compile(rf"/runs/{run.id}\?step=5$"))
        owner.go_back()
        owner.get_by_role("link", name="Activity of the workspace").click()
        expect(owner.get_by_test_id("activity")).to_contain_text("rita approved")
        screenshot(owner, "review-activity")

        assert Thread.objects.filter(review__model_id=model_id).count() == 2
        assert Comment.objects.filter(thread__review__model_id=model_id).count() == 3
        assert list(Decision.objects.values_list("reviewer__username", "verdict")) == [("rita", "approve")]
    finally:
        owner_context.close()
        reviewer_context.close()
    assert not owner_errors and not reviewer_errors, (owner_errors, reviewer_errors)
