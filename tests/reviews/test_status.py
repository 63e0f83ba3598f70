"""A review's status from its decisions: every combination of two requested reviewers' verdicts."""

import itertools

import pytest

from holarchy.reviews.status import derive

VERDICTS = (None, "approve", "request_changes")


@pytest.mark.parametrize(("first", "second"), itertools.product(VERDICTS, VERDICTS))
def test_two_requested_reviewers(first, second):
    verdicts = [(who, v) for who, v in ((1, first), (2, second)) if v is not None]
    expected = ("changes_requested" if "request_changes" in (first, second)
                else "approved" if (first, second) == ("approve", "approve") else "open")
    assert derive(closed=False, verdicts=verdicts, requested=[1, 2]) == expected
    assert derive(closed=True, verdicts=verdicts, requested=[1, 2]) == "closed"


def test_without_requested_reviewers_one_approval_approves():
    assert derive(closed=False, verdicts=[], requested=[]) == "open"
    assert derive(closed=False, verdicts=[(7, "approve")], requested=[]) == "approved"
    assert derive(closed=False, verdicts=[(7, "approve")], requested=[1]) == "open"  # not the one asked
