"""The worker process: takes jobs from the durable queue and does them.

``journeybot serve`` starts one (``WorkerProcess``) and restarts it if it dies. All
heavy work (ingesting, answering, drafting, exporting) runs here on
``settings.workers`` threads, so the process acknowledging Slack never waits for it.
There is one worker per ``JOURNEYBOT_HOME``, held by a file lock: the embedded Chroma
store must have one writing process at a time, and only the sole worker may hand out
again the jobs a killed worker left unfinished. A worker whose parent is gone (the bot
was killed) takes no new jobs, finishes those it has, and exits.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from journeybot.bot.jobs import DurableJobs, Job, Runner, run_logged
from journeybot.bot.once import NOTES_KEPT_DAYS
from journeybot.core.settings import Settings

if TYPE_CHECKING:
    from journeybot.bot.ports import StudyService

log = logging.getLogger(__name__)

LOCK_FILE = "worker.lock"
#: How often an idle worker looks for new jobs (seconds).
POLL_SECONDS = 0.02
#: The worker yields the CPU to the processes acknowledging Slack (Unix niceness; 19
#: rather than 10 cut a burst's p99 from 105-125 ms to 75-95 ms after the first burst).
NICENESS = 19
RESTART_DELAY_SECONDS = 1.0
#: How often the worker prunes finished jobs and their notes.
TIDY_SECONDS = 600.0


def run_worker(settings: Settings, *, parent: int | None = None) -> None:
    """Do jobs until the parent process (if given) is gone."""
    from filelock import FileLock

    settings.home.mkdir(parents=True, exist_ok=True)
    with FileLock(str(settings.home / LOCK_FILE)):
        jobs = DurableJobs(settings.home, resume=True)
        try:
            run, journal = _runner(settings)
            _work(jobs, run, settings.workers, parent, lambda: _tidy(jobs, journal))
        finally:
            jobs.close()


def _tidy(jobs: DurableJobs, journal: StudyService) -> None:
    """Finished jobs beyond the latest thousand leave the queue; the notes of finished
    jobs (what they posted, ``bot/once.py``) go after ``NOTES_KEPT_DAYS``."""
    jobs.prune()
    gone = journal.prune_notes(NOTES_KEPT_DAYS, jobs.unfinished())
    if gone:
        log.info("pruned %s notes of jobs finished over %s days ago", gone, NOTES_KEPT_DAYS)


def _runner(settings: Settings) -> tuple[Runner, StudyService]:
    from journeybot.bot.app import bot_token, build_deps, slack_client
    from journeybot.bot.work import job_runner
    from journeybot.service.workspace import Workspace

    token = bot_token(settings)
    client = slack_client(settings, token)
    deps = build_deps(settings, client, token, Workspace.open(settings))
    return job_runner(deps, client), deps.workspace


def _work(
    jobs: DurableJobs, run: Runner, workers: int, parent: int | None, tidy: Callable[[], None]
) -> None:
    slots = threading.BoundedSemaphore(max(workers, 1))
    pruned = -float("inf")  # tidy at start, then every TIDY_SECONDS
    with ThreadPoolExecutor(max(workers, 1), thread_name_prefix="journeybot-job") as pool:
        while parent is None or os.getppid() == parent:
            if not slots.acquire(timeout=0.5):
                continue
            taken = jobs.take()
            if taken is None:
                slots.release()
                time.sleep(POLL_SECONDS)
                continue
            pool.submit(_do, jobs, run, taken, slots)
            if time.monotonic() - pruned > TIDY_SECONDS:
                tidy()
                pruned = time.monotonic()
        log.warning("the bot process is gone; finishing jobs in hand, then stopping")


def _do(
    jobs: DurableJobs, run: Runner, taken: tuple[int, Job], slots: threading.BoundedSemaphore
) -> None:
    queue_id, job = taken
    try:
        run_logged(run, job)
        jobs.done(queue_id)  # only now: a job cut off before this is handed out again
    finally:
        slots.release()


class WorkerProcess:
    """The bot's side: start the worker, restart it if it dies, stop it at the end."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._process: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def start(self) -> WorkerProcess:
        self._process = self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="journeybot-worker-watch")
        self._watcher.daemon = True
        self._watcher.start()
        return self

    @property
    def pid(self) -> int | None:
        """The running worker's process id (benchmarks read its CPU counters)."""
        return self._process.pid if self._process is not None else None

    def stop(self) -> None:
        self._stopping.set()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()

    def _spawn(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "journeybot.bot.worker"], stdin=subprocess.PIPE
        )
        assert process.stdin is not None
        process.stdin.write(settings_json(self._settings).encode())
        process.stdin.close()
        return process

    def _watch(self) -> None:
        while not self._stopping.is_set():
            assert self._process is not None
            code = self._process.wait()
            if self._stopping.is_set():
                return
            log.error("the worker process stopped (exit code %s); starting another", code)
            time.sleep(RESTART_DELAY_SECONDS)
            self._process = self._spawn()


def settings_json(settings: Settings) -> str:
    """Settings for the worker, secrets included (sent over a pipe, never logged)."""
    data: dict[str, Any] = settings.model_dump(mode="json")
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            data[name] = value.get_secret_value()
    return json.dumps(data)


def main() -> None:
    settings = Settings.model_validate(json.loads(sys.stdin.read()))
    if hasattr(os, "nice"):
        os.nice(NICENESS)  # acks before ingestion when the cores are busy
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s worker %(name)s: %(message)s"
    )
    logging.getLogger("persistqueue").setLevel(logging.WARNING)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C reaches the whole group
        run_worker(settings, parent=os.getppid())


if __name__ == "__main__":
    main()
