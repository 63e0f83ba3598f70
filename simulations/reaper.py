"""The reaper: the database is the queue's truth, and this makes the broker agree with it.

Run by celery beat every JOB_REAPER_SECONDS. Safe to run twice at once or to
repeat: every change is a conditional UPDATE, and a duplicate message is
harmless because only one delivery can claim a row.

- A row left running by a worker that is gone (no heartbeat for
  JOB_STALE_SECONDS: killed, out of memory, its machine lost) is queued again,
  or given its final status: cancelled if asked, timed out past the hard
  limit, failed once it has used JOB_MAX_ATTEMPTS.
- A queued row whose message may be lost (never published because the broker
  was down, or published long ago while its broker queue is now empty, e.g.
  after a Redis restart without persistence) is published again.
- A sweep or level study whose runs have all finished is settled, in case the
  run that finished last died between its outcome and its parent's.
- Trace chunks no trace will ever name (their run finished without a trace
  row: a delivery cut off while another stored the outcome) are deleted.
"""

import logging
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Q
from kombu.exceptions import ChannelError, OperationalError

from holarchy.celery import app

from . import lifecycle, services, traces
from .errors import BrokerUnavailable
from .models import ACTIVE, FINISHED, Exploration, Job, JobStatus, LevelStudy, Run, Sweep, TraceChunk

log = logging.getLogger(__name__)


def broker_queue_size(queue: str) -> int:
    """Messages waiting in a broker queue (0 for a queue the broker does not know)."""
    with app.connection_for_write() as conn:
        try:
            return conn.default_channel.queue_declare(queue=queue, passive=True).message_count
        except ChannelError:
            return 0


def release(job: Job) -> str:
    """What to do with a running row whose worker is gone; returns what was done."""
    model = type(job)
    held = model.objects.filter(id=job.id, status=JobStatus.RUNNING, worker=job.worker)
    ran = (job.heartbeat_at - job.started_at).total_seconds() if job.heartbeat_at and job.started_at else 0.0
    if job.cancel_requested:
        lifecycle.conclude(model, str(job.id), JobStatus.CANCELLED, held=held, error="cancelled on request")
        return "cancelled"
    if ran >= settings.JOB_SOFT_TIME_LIMIT_SECONDS:
        lifecycle.conclude(model, str(job.id), JobStatus.TIMED_OUT, held=held, error=lifecycle.time_limit_reason())
        return "timed_out"
    if job.attempts >= settings.JOB_MAX_ATTEMPTS:
        lifecycle.conclude(model, str(job.id), JobStatus.FAILED, held=held,
                           error=lifecycle.attempts_exhausted(job.attempts))
        return "failed"
    held.update(status=JobStatus.QUEUED, worker="", heartbeat_at=None, enqueued_at=None)
    return "requeued"


def lost_messages(model: type[Job]) -> list[Job]:
    """Queued rows to publish again: never published, or published long ago to a broker queue now empty."""
    waiting = model.objects.filter(status=JobStatus.QUEUED).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=lifecycle.stale_before())
    )
    by_queue: dict[str, list[Job]] = defaultdict(list)
    for job in waiting:
        by_queue[services.queue_of(job)].append(job)
    lost = []
    for queue, jobs in by_queue.items():
        empty = broker_queue_size(queue) == 0
        lost += [job for job in jobs if empty or job.enqueued_at is None]
    return lost


def reap() -> dict[str, int]:
    done: Counter[str] = Counter()
    stale = lifecycle.stale_before()
    for model in (Run, Exploration):
        gone = model.objects.filter(status=JobStatus.RUNNING).filter(
            Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True)
        )
        for job in gone:
            done[release(job)] += 1
    try:
        for model in (Run, Exploration):
            lost = lost_messages(model)
            services.enqueue(lost)
            done["enqueued"] += len(lost)
    except (BrokerUnavailable, OperationalError, OSError):
        done["broker_down"] += 1
    for parent_model, key in ((Sweep, "sweeps_settled"), (LevelStudy, "studies_settled")):
        for parent_id in parent_model.objects.filter(status__in=ACTIVE).values_list("id", flat=True):
            done[key] += lifecycle.settle(parent_model, parent_id)
    orphaned = TraceChunk.objects.filter(run__status__in=FINISHED, run__trace__isnull=True)
    for run_id in set(orphaned.values_list("run_id", flat=True)):
        traces.discard(str(run_id))
        done["traces_discarded"] += 1
    if any(done.values()):
        log.info("reaper: %s", dict(done))
    return dict(done)
