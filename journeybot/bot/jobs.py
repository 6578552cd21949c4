"""Work the bot has acknowledged: recorded before the ack, done once, after restarts too.

A listener turns each Slack request into a ``Job`` (plain JSON) and submits it before it
acknowledges. Under ``journeybot serve`` jobs go into a durable queue (persist-queue's
SQLite queue with acknowledgements, ``jobs.sqlite3`` under ``JOURNEYBOT_HOME``) that the
worker process takes from; a job is marked done only when its handler returns, so a job
cut off by a crash or ``kill -9`` is handed out again when the worker starts. Handlers
make that safe: their claims are made in the job's name (``claim``), so a resumed job
carries on where another job would stop, and what they posted is noted (``remember``).
``LocalJobs`` runs jobs on a thread pool in the same process (tests, embedding).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import Executor
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

QUEUE_FILE = "jobs.sqlite3"

#: The job running on this thread, so claims can be made in its name.
CURRENT_JOB: ContextVar[str | None] = ContextVar("journeybot_job", default=None)


@dataclass(frozen=True)
class Job:
    """``kind`` names the handler; ``payload`` is what Slack sent (JSON-ready)."""

    kind: str
    payload: dict[str, Any]
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def to_json(self) -> dict[str, Any]:
        """The job as the queue stores it. Not ``dataclasses.asdict``: that deep-copies
        the whole Slack payload, which is about to be serialised anyway, and was a fifth of
        the CPU an acknowledgement cost."""
        return {"kind": self.kind, "payload": self.payload, "id": self.id}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Job:
        return cls(kind=str(data["kind"]), payload=dict(data["payload"]), id=str(data["id"]))


class JobQueue(Protocol):
    def submit(self, job: Job) -> None: ...


Runner = Callable[[Job], None]


def run_logged(run: Runner, job: Job) -> None:
    """Run ``job`` in its own name; handlers report failures to users, this only catches
    the unforeseen so nothing dies silently."""
    token = CURRENT_JOB.set(job.id)
    try:
        run(job)
    except Exception:
        log.exception("background job %s (%s) failed", job.id, job.kind)
    finally:
        CURRENT_JOB.reset(token)


class LocalJobs:
    """Jobs run at once on ``pool``, in this process; nothing survives a restart."""

    def __init__(self, pool: Executor, run: Runner) -> None:
        self._pool = pool
        self._run = run

    def submit(self, job: Job) -> None:
        self._pool.submit(run_logged, self._run, job)

    def close(self) -> None:
        """Wait for the jobs already taken, so none of them outlives what it talks to."""
        self._pool.shutdown(wait=True)


class DurableJobs:
    """The durable queue: ``submit`` returns once the job is committed to SQLite.

    ``checkpoint=False`` is for the process that acknowledges Slack: SQLite copies its
    write-ahead log into the database (with an fsync) inside whichever commit makes the
    log pass 1,000 pages, and 1 put in about 200 paid for that here (20-25 ms, holding
    the queue's lock, so a burst of acks queued behind it). That process leaves
    checkpoints to the worker, whose commits (taking and finishing jobs) run them.
    """

    def __init__(self, home: Path, *, resume: bool = False, checkpoint: bool = True) -> None:
        from persistqueue import SQLiteAckQueue
        from persistqueue.serializers import json as json_serializer

        home.mkdir(parents=True, exist_ok=True)
        self._queue = SQLiteAckQueue(
            str(home),
            db_file_name=QUEUE_FILE,
            multithreading=True,
            auto_resume=resume,
            serializer=json_serializer,
        )
        # WAL with synchronous=NORMAL, as the catalog: a commit is in the WAL file (so
        # it survives the process being killed) without an fsync per job, which cost
        # ~9 ms a put here and put 200 acks in a row behind one another.
        connections: list[Any] = [self._queue._putter, self._queue._getter]
        for connection in {id(c): c for c in connections}.values():
            connection.execute("PRAGMA synchronous=NORMAL")
            if not checkpoint:
                connection.execute("PRAGMA wal_autocheckpoint=0")

    @classmethod
    def create(cls, home: Path) -> None:
        """Make the queue's database once, before several processes open it together.

        Processes making a fresh one at the same moment can meet "database is locked"
        (switching it to write-ahead logging waits for no one): four at once on a fresh
        file failed once in 120 tries here. ``journeybot serve`` opens it from its worker
        and each serving process as they start, and a serving process that fails to start
        stops the server; once the file exists, opening it again takes no such lock."""
        cls(home).close()

    def submit(self, job: Job) -> None:
        self._queue.put(job.to_json())

    def take(self) -> tuple[int, Job] | None:
        """The oldest waiting job (marked in progress), or ``None`` when there is none."""
        from persistqueue.exceptions import Empty

        try:
            item = self._queue.get(block=False, raw=True)
        except Empty:
            return None
        return int(item["pqid"]), Job.from_json(item["data"])

    def done(self, queue_id: int) -> None:
        self._queue.ack(id=queue_id)

    def waiting(self) -> int:
        """Jobs not yet taken."""
        return int(self._queue.qsize())

    def unfinished(self) -> set[str]:
        """Ids of the jobs waiting or in hand (any of them may still run or run again)."""
        from persistqueue.sqlackqueue import AckStatus

        finished = {int(AckStatus.acked), int(AckStatus.ack_failed)}
        rows = self._queue.queue()
        return {str(row["data"]["id"]) for row in rows if int(row["status"]) not in finished}

    def prune(self) -> None:
        """Forget finished jobs beyond the latest thousand."""
        self._queue.clear_acked_data(keep_latest=1000, clear_ack_failed=True)

    def close(self) -> None:
        self._queue.close()
