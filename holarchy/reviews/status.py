"""A review's status follows from its reviewers' decisions, so no one sets it by hand (except closing)."""

from collections.abc import Iterable

from .models import ReviewStatus, Verdict


def derive(*, closed: bool, verdicts: Iterable[tuple[int, str]], requested: Iterable[int]) -> str:
    """Closed if closed; changes requested while any reviewer asks for changes; approved once every
    requested reviewer (or, with none requested, someone) approved; open otherwise.

    ``verdicts`` are (reviewer id, verdict), one per reviewer; ``requested`` the requested reviewers' ids.
    """
    if closed:
        return ReviewStatus.CLOSED
    by_reviewer = dict(verdicts)
    if Verdict.REQUEST_CHANGES in by_reviewer.values():
        return ReviewStatus.CHANGES_REQUESTED
    approved = {reviewer for reviewer, verdict in by_reviewer.items() if verdict == Verdict.APPROVE}
    wanted = set(requested)
    if approved and wanted <= approved:
        return ReviewStatus.APPROVED
    return ReviewStatus.OPEN
