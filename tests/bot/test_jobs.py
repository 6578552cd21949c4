"""The durable job queue: what the acknowledging process writes stays cheap and durable."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from journeybot.bot.jobs import QUEUE_FILE, DurableJobs, Job
from journeybot.bot.once import NOTES_KEPT_DAYS
from journeybot.bot.worker import _tidy
from journeybot.core.models import utc_now
from journeybot.service.catalog import Catalog


def _database_pages(home: Path) -> int:
    """Pages in the database file proper (the log is beside it, ``-wal``)."""
    return (home / QUEUE_FILE).stat().st_size // 4096


def test_the_acking_side_leaves_checkpoints_to_the_worker(tmp_path: Path) -> None:
    """Checkpoints (copying the log into the database, with an fsync) happen inside the
    commit that passes 1,000 log pages; the acking process must never pay for one."""
    acks = DurableJobs(tmp_path, checkpoint=False)
    worker = DurableJobs(tmp_path, resume=True)
    try:
        pages_before = _database_pages(tmp_path)
        payload = {"text": "x" * 3000}  # about a page a job, so the log passes 1,000 pages
        for _ in range(1500):
            acks.submit(Job("mention", payload))
        assert _database_pages(tmp_path) == pages_before  # nothing copied into the database
        assert (tmp_path / f"{QUEUE_FILE}-wal").stat().st_size > 1000 * 4096

        taken = worker.take()
        assert taken is not None and taken[1].payload == payload
        for _ in range(3):  # the worker's commits run the checkpoint
            worker.done(taken[0])
        assert _database_pages(tmp_path) > pages_before + 1000
    finally:
        acks.close()
        worker.close()


def test_a_job_keeps_its_payload_through_the_queue(tmp_path: Path) -> None:
    jobs = DurableJobs(tmp_path, checkpoint=False)
    try:
        job = Job("file_share", {"body": {"event": {"files": [{"id": "F1"}]}}})
        jobs.submit(job)
        taken = jobs.take()
        assert taken is not None and taken[1] == job
    finally:
        jobs.close()


class Journal:
    """The notes part of ``Workspace`` over a real catalog, with its clock turned back."""

    def __init__(self, path: Path) -> None:
        self.catalog = Catalog(path)

    def note(self, key: str, value: str, days_ago: float) -> None:
        self.catalog.note(key, value)
        when = (utc_now() - timedelta(days=days_ago)).isoformat()
        with self.catalog._tx() as conn:
            conn.execute("UPDATE job_notes SET noted_at = ? WHERE key = ?", (when, key))

    def prune_notes(self, older_than_days: float, keep_jobs: set[str]) -> int:
        before = utc_now() - timedelta(days=older_than_days)
        return self.catalog.prune_notes(before, keep_jobs)


def test_notes_of_finished_jobs_go_after_a_week_those_of_unfinished_stay(
    tmp_path: Path,
) -> None:
    jobs = DurableJobs(tmp_path / "home", resume=True)
    journal = Journal(tmp_path / "catalog.sqlite3")
    try:
        finished, waiting, in_hand = Job("mention", {}), Job("mention", {}), Job("command", {})
        for job in (finished, in_hand, waiting):
            jobs.submit(job)
        first = jobs.take()
        assert first is not None and first[1].id == finished.id
        jobs.done(first[0])
        assert jobs.take() is not None  # in hand: taken, not done
        assert jobs.unfinished() == {waiting.id, in_hand.id}

        journal.note(f"post:{finished.id}:0", "1700000001.000100", days_ago=8)
        journal.note(f"upload:{finished.id}:0", "done", days_ago=8)
        journal.note(f"ephemeral:{finished.id}:0", "done", days_ago=1)  # recent: kept
        journal.note(f"post:{in_hand.id}:0", "pending@0", days_ago=30)  # may resume
        journal.note(f"post:{waiting.id}:0", "1700000002.000100", days_ago=30)
        _tidy(jobs, journal)  # type: ignore[arg-type]
        kept = {
            key
            for key in (
                f"post:{finished.id}:0",
                f"upload:{finished.id}:0",
                f"ephemeral:{finished.id}:0",
                f"post:{in_hand.id}:0",
                f"post:{waiting.id}:0",
            )
            if journal.catalog.noted(key) is not None
        }
        assert kept == {
            f"ephemeral:{finished.id}:0",
            f"post:{in_hand.id}:0",
            f"post:{waiting.id}:0",
        }
        assert 1 < NOTES_KEPT_DAYS < 8  # what the ages above were chosen around
    finally:
        jobs.close()


def test_a_made_queue_opens_while_another_process_is_writing_to_it(tmp_path: Path) -> None:
    """``journeybot serve`` makes the queue once before its worker and serving processes
    open it together. A fresh one, opened while another process holds its write lock
    (as one making it does), fails at once: the switch to write-ahead logging waits for
    no one, and a serving process that fails to start stops the server. A made one
    opens."""
    made, fresh = tmp_path / "made", tmp_path / "fresh"
    DurableJobs.create(made)
    fresh.mkdir()
    for home, opens in ((made, True), (fresh, False)):
        other = sqlite3.connect(home / QUEUE_FILE, isolation_level=None, timeout=0)
        other.execute("BEGIN IMMEDIATE")
        try:
            if opens:
                DurableJobs(home, checkpoint=False).close()
            else:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    DurableJobs(home, checkpoint=False)
        finally:
            other.execute("ROLLBACK")
            other.close()
