"""The worker's housekeeping, run every CLINIC_WORKER_SWEEP_SECONDS beside the task queue
(see the db_worker command in this app): the outbox sweep, the jobs named in
CLINIC_WORKER_JOBS (due reminders), and pruning of what must not be kept.

The database task queue does not take back a task whose worker died (it stays "running"), so
nothing here depends on a task surviving: the outbox and the reminders are their own durable
records, and a task row is only a prompt. Finished task rows are deleted after
CLINIC_TASK_RESULTS_KEEP_HOURS, and rows left "running" by a dead worker are closed as failed.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import close_old_connections
from django.tasks import TaskResultStatus
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from clinic.core import clock, outbox, ratelimit

log = logging.getLogger("clinic.worker")

ABANDONED_AFTER = dt.timedelta(hours=1)


def tidy_task_rows() -> dict[str, int]:
    now = clock.now()
    abandoned = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - ABANDONED_AFTER
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="worker stopped",
        traceback="",
    )
    keep = dt.timedelta(hours=settings.CLINIC_TASK_RESULTS_KEEP_HOURS)
    pruned, _ = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=now - keep,
    ).delete()
    return {"abandoned tasks": abandoned, "pruned tasks": pruned}


def housekeeping() -> dict[str, int]:
    """One round. Each part runs even if another fails (and the failure is logged)."""
    counts: dict[str, int] = {}
    parts = [
        *(import_string(path) for path in settings.CLINIC_WORKER_JOBS),
        outbox.sweep,
        tidy_task_rows,
        lambda: {"pruned messages": outbox.prune(keep_days=settings.CLINIC_OUTBOX_KEEP_DAYS)},
        lambda: {"pruned counters": ratelimit.prune()},
    ]
    for part in parts:
        try:
            for key, value in (part() or {}).items():
                counts[key] = counts.get(key, 0) + value
        except Exception:
            log.exception("housekeeping step failed")
    return counts


def run_forever(stop: threading.Event) -> None:
    while not stop.is_set():
        close_old_connections()  # this thread's own connection, as a request would
        counts = housekeeping()
        if any(counts.values()):
            log.info("housekeeping: %s", counts)
        stop.wait(settings.CLINIC_WORKER_SWEEP_SECONDS)
