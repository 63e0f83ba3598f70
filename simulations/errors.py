"""Why a job stops early or cannot be taken; services raise these, never HTTP errors.

holarchy/exceptions.py maps the request-side ones to HTTP answers in one place;
simulations/lifecycle.py maps the worker-side ones to a final status.
"""


class JobError(Exception):
    """A reason a person can act on; `str()` is shown to the user as is."""


class BrokerUnavailable(JobError):
    """The job is saved and queued but the task queue is unreachable; the reaper enqueues it later."""


class LimitExceeded(JobError):
    """A per-team limit (concurrent jobs, runs per sweep) refuses the submission."""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.field = field


class NotCancellable(JobError):
    """The job has already finished."""


class NotComparable(JobError):
    """Two jobs whose summaries cannot be compared (another kind, another model, another holarchy); `field` names
    the input at fault."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


class NoSummaryYet(JobError):
    """The job has not produced a summary (still queued or running, or it failed before one)."""


class GraphNotStored(JobError):
    """An exploration's graph cannot answer: too large to be stored state by state, or not replayable."""


class UnknownState(JobError):
    """No explored state has this id; `field` names the query parameter that gave it (none: the path)."""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.field = field


class Cancelled(JobError):
    """Raised from the progress report of a job whose row says cancel requested."""


class MemoryLimitExceeded(JobError):
    """The worker process running the job passed the memory bound."""


class Released(JobError):
    """The row no longer belongs to this delivery (the reaper gave it to another): stop without an outcome."""
