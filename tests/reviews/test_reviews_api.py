"""The reviews API end to end: open a review, threads on every kind of anchor, mentions, decisions, the feed.

alice owns acme and opens reviews; bob reviews; carol only views; dave edits; mallory is another team's.
"""

import pytest

from holarchy.reviews.models import Comment, Notification, ReviewEvent, Thread
from simulations.models import JobStatus, Run

pytestmark = pytest.mark.django_db


def _thread(client, review, anchor_kind, body="Look here", **anchor):
    return client.post("/api/threads/", {"review": review["id"], "anchor_kind": anchor_kind, "body": body, **anchor},
                       format="json")


def test_opening_a_review_asks_its_reviewers(clients, review, v2):
    assert review["status"] == "open" and review["version_number"] == 2 and review["reviewers"] == ["bob"]
    bobs = clients["bob"].get("/api/notifications/").json()["results"]
    assert [(n["kind"], n["actor"], n["review"]) for n in bobs] == [("review_requested", "alice", review["id"])]
    assert clients["alice"].get("/api/notifications/").json()["count"] == 0
    assert clients["bob"].get(f"/api/versions/{v2.pk}/").json()["review_status"] == "open"


def test_reviewers_must_be_members_who_review(clients, v2, carol, mallory):
    for name in ("carol", "mallory", "nobody"):
        answer = clients["alice"].post("/api/reviews/", {"version": v2.pk, "title": "t", "reviewers": [name]},
                                       format="json")
        assert answer.status_code == 400 and list(answer.json()) == ["reviewers"], answer.content
        assert f"{name} cannot review in this team" in answer.json()["reviewers"][0]


def test_roles(clients, review, v2):
    body = {"version": v2.pk, "title": "By a viewer"}
    refused = clients["carol"].post("/api/reviews/", body, format="json")
    assert refused.status_code == 403
    assert "only editors and owners and reviewers can comment on and decide reviews" in str(refused.json())
    assert clients["bob"].post("/api/reviews/", {**body, "title": "By a reviewer"}, format="json").status_code == 201
    assert clients["dave"].post("/api/reviews/", {**body, "title": "By an editor"}, format="json").status_code == 201
    assert _thread(clients["carol"], review, "review").status_code == 403
    assert clients["carol"].get(f"/api/reviews/{review['id']}/").status_code == 200
    # Another team's: it does not exist for them, whether read, written or pointed at.
    assert clients["mallory"].get(f"/api/reviews/{review['id']}/").status_code == 404
    assert clients["mallory"].post(f"/api/reviews/{review['id']}/close/").status_code == 404
    foreign = _thread(clients["mallory"], review, "review")
    assert foreign.status_code == 400 and foreign.json() == {"review": ["no such object"]}
    assert clients["mallory"].get("/api/reviews/").json()["count"] == 0
    assert not Thread.objects.exists()


@pytest.mark.parametrize(
    ("kind", "anchor", "label"),
    [
        ("review", {}, "the review"),
        ("holon", {"holarchy": "physical", "holon": "m1"}, "holon physical/m1"),
        ("component", {"component": "cache"}, "component cache"),
        ("link", {"link": "worker->cache"}, "link worker->cache"),
        ("diff", {"diff_section": "components", "diff_item": "cache"}, "diff components/cache"),
        ("diff", {"diff_section": "links", "diff_item": "worker->cache"}, "diff links/worker->cache"),
    ],
)
def test_threads_on_what_the_version_has(clients, review, kind, anchor, label):
    answer = _thread(clients["bob"], review, kind, **anchor)
    assert answer.status_code == 201, answer.content
    thread = answer.json()
    assert thread["anchor_label"] == label and thread["created_by"] == "bob"
    assert [(c["author"], c["body"]) for c in thread["comments"]] == [("bob", "Look here")]


def test_a_diff_entry_is_against_the_previous_version(clients, review, v1):
    thread = _thread(clients["bob"], review, "diff", diff_section="components", diff_item="cache").json()
    assert thread["against"] == v1.pk


def test_threads_on_a_run_step_and_a_study_cell(clients, review, run, study):
    step = _thread(clients["bob"], review, "run_step", run=str(run.pk), step=12)
    assert step.status_code == 201, step.content
    assert step.json()["anchor_label"] == f"run {str(run.pk)[:8]} step 12"
    cell = _thread(clients["bob"], review, "study_cell", study=str(study.pk), level="rack", holon="rack-b",
                   fault="crash")
    assert cell.status_code == 201, cell.content
    assert cell.json()["anchor_label"] == f"study {str(study.pk)[:8]} rack/rack-b (crash)"


@pytest.mark.parametrize(
    ("kind", "anchor", "field", "reason"),
    [
        ("holon", {"holarchy": "physical", "holon": "m9"}, "holon", "has no holon 'm9'"),
        ("holon", {"holarchy": "cosmic", "holon": "m1"}, "holarchy", "has no holarchy 'cosmic'"),
        ("holon", {"holarchy": "physical"}, "holon", "needs holon"),
        ("holon", {"holarchy": "physical", "holon": "m1", "component": "api"}, "component", "takes no component"),
        ("component", {"component": "queue"}, "component", "has no component 'queue'"),
        ("link", {"link": "db->api"}, "link", "has no link 'db->api'"),
        ("diff", {"diff_section": "components", "diff_item": "api"}, "diff_item", "did not change from version 1"),
        ("diff", {"diff_section": "gossip", "diff_item": "api"}, "diff_section", "unknown section 'gossip'"),
        ("run_step", {"step": 3}, "run", "needs run"),
        ("study_cell", {"level": "rack", "holon": "rack-a", "fault": "crash"}, "study", "needs study"),
    ],
)
def test_anchors_name_the_field_at_fault(clients, review, kind, anchor, field, reason):
    answer = _thread(clients["bob"], review, kind, **anchor)
    assert answer.status_code == 400 and list(answer.json()) == [field], answer.content
    assert reason in answer.json()[field][0]
    assert not Thread.objects.exists() and not Comment.objects.exists()


def test_run_and_study_anchors_are_checked(clients, review, run, study, v2, example_version):
    other_run = Run.objects.create(version=example_version, status=JobStatus.SUCCEEDED)
    cases = [
        ({"anchor_kind": "run_step", "run": str(other_run.pk), "step": 1}, "run", "of another model"),
        ({"anchor_kind": "run_step", "run": str(run.pk), "step": 41}, "step", "the run has steps 0 to 40"),
        ({"anchor_kind": "run_step", "run": str(run.pk), "step": -1}, "step", "greater than or equal to 0"),
        ({"anchor_kind": "study_cell", "study": str(study.pk), "level": "machine", "holon": "m1", "fault": "crash"},
         "level", "the study has no level 'machine'"),
        ({"anchor_kind": "study_cell", "study": str(study.pk), "level": "rack", "holon": "m1", "fault": "crash"},
         "holon", "the study failed no holon 'm1'"),
        ({"anchor_kind": "study_cell", "study": str(study.pk), "level": "rack", "holon": "rack-a",
          "fault": "partition"}, "fault", "is crash, not 'partition'"),
    ]
    for anchor, field, reason in cases:
        answer = clients["bob"].post("/api/threads/", {"review": review["id"], "body": "x", **anchor}, format="json")
        assert answer.status_code == 400 and list(answer.json()) == [field], (anchor, answer.content)
        assert reason in answer.json()[field][0]
    assert not Thread.objects.exists()


def test_mentions_notify_members_only(clients, review, dave):
    thread = _thread(clients["bob"], review, "component", component="db", body="@dave and @Alice: is bob@x.io ok?")
    assert thread.status_code == 201, thread.content
    assert thread.json()["comments"][0]["mentions"] == ["alice", "dave"]
    mentioned = Notification.objects.filter(kind="mention").values_list("user__username", flat=True)
    assert sorted(mentioned) == ["alice", "dave"]
    refused = clients["bob"].post("/api/comments/", {"thread": thread.json()["id"], "body": "cc @mallory @zed"},
                                  format="json")
    assert refused.status_code == 400
    assert refused.json() == {"body": ["@mallory, @zed are not a member of this team: mention members only"]}
    assert Comment.objects.count() == 1


def test_replies_resolve_and_reopen(clients, review):
    first = _thread(clients["bob"], review, "holon", holarchy="logical", holon="back").json()
    other = _thread(clients["bob"], review, "review").json()
    reply = clients["alice"].post("/api/comments/", {"thread": first["id"], "body": "Fixed in v3",
                                                     "reply_to": first["comments"][0]["id"]}, format="json")
    assert reply.status_code == 201 and reply.json()["reply_to"] == first["comments"][0]["id"]
    assert [n.kind for n in Notification.objects.filter(user__username="bob")] == ["reply", "review_requested"]
    wrong = clients["alice"].post("/api/comments/", {"thread": other["id"], "body": "x",
                                                     "reply_to": first["comments"][0]["id"]}, format="json")
    assert wrong.status_code == 400 and list(wrong.json()) == ["reply_to"]
    assert clients["carol"].post(f"/api/threads/{first['id']}/resolve/").status_code == 403
    resolved = clients["bob"].post(f"/api/threads/{first['id']}/resolve/").json()
    assert resolved["resolved_by"] == "bob" and resolved["resolved_at"]
    detail = clients["carol"].get(f"/api/reviews/{review['id']}/").json()
    assert (detail["threads_count"], detail["open_threads_count"]) == (2, 1)
    assert clients["bob"].get("/api/threads/", {"review": review["id"], "resolved": "true"}).json()["count"] == 1
    reopened = clients["alice"].post(f"/api/threads/{first['id']}/reopen/").json()
    assert reopened["resolved_at"] is None and reopened["resolved_by"] is None


def test_decisions_drive_the_status(clients, review, run, study, shop, v2, example_version):
    decide = lambda who, **body: clients[who].post("/api/decisions/", {"review": review["id"], **body},  # noqa: E731
                                                   format="json")
    own = decide("alice", verdict="approve")
    assert own.status_code == 400 and own.json() == {"verdict": ["you opened this review: another member decides it"]}
    assert decide("carol", verdict="approve").status_code == 403
    changes = decide("bob", verdict="request_changes", comment="the cache loses writes", runs=[str(run.pk)],
                     studies=[str(study.pk)])
    assert changes.status_code == 201, changes.content
    assert changes.json()["runs"] == [str(run.pk)] and changes.json()["studies"] == [str(study.pk)]
    assert clients["alice"].get(f"/api/reviews/{review['id']}/").json()["status"] == "changes_requested"
    assert clients["carol"].get(f"/api/models/{shop.pk}/").json()["review_status"] == "changes_requested"
    listed = clients["carol"].get("/api/versions/", {"model": shop.pk}).json()["results"]
    assert [(v["number"], v["review_status"]) for v in listed] == [(2, "changes_requested"), (1, None)]
    foreign = Run.objects.create(version=example_version, status=JobStatus.SUCCEEDED)
    cited = decide("bob", verdict="approve", runs=[str(foreign.pk)])
    assert cited.status_code == 400 and "of another model" in cited.json()["runs"][0]
    approved = decide("bob", verdict="approve", runs=[str(run.pk)])
    assert approved.status_code == 201
    assert clients["alice"].get(f"/api/reviews/{review['id']}/").json()["status"] == "approved"
    assert clients["alice"].get("/api/decisions/", {"review": review["id"]}).json()["count"] == 1  # replaced
    assert [n.kind for n in Notification.objects.filter(user__username="alice")] == ["decision", "decision"]
    closed = clients["dave"].post(f"/api/reviews/{review['id']}/close/").json()
    assert closed["status"] == "closed" and clients["alice"].get(f"/api/models/{shop.pk}/").json()[
        "review_status"] is None
    late = decide("bob", verdict="request_changes")
    assert late.status_code == 400 and "reopen it" in late.json()["verdict"][0]
    assert clients["bob"].post(f"/api/reviews/{review['id']}/reopen/").json()["status"] == "approved"


def test_an_editor_requested_later_must_approve_too(clients, review, dave):
    clients["bob"].post("/api/decisions/", {"review": review["id"], "verdict": "approve"}, format="json")
    assert clients["alice"].get(f"/api/reviews/{review['id']}/").json()["status"] == "approved"
    edited = clients["alice"].patch(f"/api/reviews/{review['id']}/", {"reviewers": ["bob", "dave"]}, format="json")
    assert edited.status_code == 200 and edited.json()["status"] == "open"
    assert Notification.objects.filter(user=dave, kind="review_requested").count() == 1


def test_notifications_are_the_callers_own(clients, review):
    _thread(clients["alice"], review, "review", body="@bob and @carol, please")
    bobs = clients["bob"].get("/api/notifications/", {"unread": "true"}).json()
    assert bobs["count"] == 2
    mention = next(n for n in bobs["results"] if n["kind"] == "mention")
    assert mention["excerpt"] == "@bob and @carol, please"
    assert clients["carol"].get(f"/api/notifications/{mention['id']}/").status_code == 404
    assert clients["carol"].post(f"/api/notifications/{mention['id']}/read/").status_code == 404
    assert clients["bob"].post(f"/api/notifications/{mention['id']}/read/").json()["read_at"]
    assert clients["bob"].get("/api/notifications/", {"unread": "true"}).json()["count"] == 1
    assert clients["bob"].post("/api/notifications/read-all/").json() == {"marked": 1}
    assert clients["carol"].get("/api/notifications/", {"unread": "true"}).json()["count"] == 1


def test_the_activity_feed(clients, review, shop, run):
    assert clients["alice"].patch(f"/api/models/{shop.pk}/", {"description": "new"}, format="json").status_code == 200
    _thread(clients["bob"], review, "run_step", run=str(run.pk), step=7, body="here it drops the write")
    clients["bob"].post("/api/decisions/", {"review": review["id"], "verdict": "request_changes"}, format="json")
    feed = clients["carol"].get("/api/activity/", {"model": shop.pk}).json()
    entries = [(e["source"], e["actor"], e["action"], e["kind"]) for e in feed["results"]]
    assert entries == [
        ("review", "bob", "requested_changes", "review"),
        ("review", "bob", "commented", "review"),
        ("audit", "alice", "changed", "model"),
        ("review", "alice", "opened", "review"),
    ]
    commented = feed["results"][1]
    assert commented["text"] == "here it drops the write" and commented["detail"]["step"] == 7
    assert commented["detail"]["run"] == str(run.pk) and commented["version_number"] == 2
    assert feed["results"][2]["detail"] == ["description"] and feed["results"][2]["object_label"] == "Shop"
    page = clients["carol"].get("/api/activity/", {"workspace": shop.workspace_id, "limit": 2, "offset": 2}).json()
    assert page["count"] == 4 and [e["action"] for e in page["results"]] == ["changed", "opened"]
    assert clients["mallory"].get("/api/activity/").json()["count"] == 0
    assert clients["mallory"].get("/api/activity/", {"model": shop.pk}).json() == {"model": ["no such object"]}
    assert ReviewEvent.objects.count() == 3


def test_a_diff_entry_against_a_named_version(clients, review, v1, v2, example_version):
    named = _thread(clients["bob"], review, "diff", diff_section="links", diff_item="worker->cache", against=v1.pk)
    assert named.status_code == 201 and named.json()["against"] == v1.pk
    for against in (v2.pk, example_version.pk):  # itself; another model's
        refused = _thread(clients["bob"], review, "diff", diff_section="links", diff_item="worker->cache",
                          against=against)
        assert refused.status_code == 400 and refused.json() == {"against": [
            "give another version of the review's model"]}, refused.content
