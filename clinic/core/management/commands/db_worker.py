"""The task worker, with the clinic's housekeeping beside it (clinic.core.worker).

This replaces django_tasks_db's `db_worker` (clinic.core is listed before it in
INSTALLED_APPS): the same options, plus a thread that sweeps the outbox, hands due reminders
over and prunes old rows every CLINIC_WORKER_SWEEP_SECONDS. With --batch (tests, one-off
runs) the housekeeping runs once, before the queue is emptied."""

from __future__ import annotations

import threading
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as QueueWorkerCommand

from clinic.core import worker


class Command(QueueWorkerCommand):
    help = "Run the task worker and the outbox, reminder and pruning housekeeping."

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("batch"):
            worker.housekeeping()
            super().handle(*args, **options)
            return
        stop = threading.Event()
        sweeper = threading.Thread(
            target=worker.run_forever, args=(stop,), name="housekeeping", daemon=True
        )
        sweeper.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
