"""`journeybot serve` over HTTP: Bolt's WSGI adapter under granian, in several processes.

An acknowledgement costs about half a millisecond of Python (signature, Bolt, recording
the job) plus the HTTP handling around it. A burst of 200 events then needs about 200 ms
of one interpreter, however many threads serve it, so one process cannot answer the
last of them within 100 ms. granian parses HTTP in Rust and runs the app in
``Settings.http_processes`` processes that share the listening socket; each builds its
own Bolt app from the same settings (``slack_app``). The work itself runs in the worker
process (``bot/worker.py``), which the serving processes only hand jobs to through the
durable queue, so nothing they hold in memory matters to a restart.

``bot/web.py``'s ``WebServer`` (waitress, one process, in a thread) stays for running
the bot inside a test or benchmark process, where the app is built with injected fakes.
"""

from __future__ import annotations

import ctypes
import logging
import signal
import sys
from functools import partial
from typing import TYPE_CHECKING

from journeybot.core.settings import Settings

if TYPE_CHECKING:
    from journeybot.bot.web import SlackWsgi

log = logging.getLogger(__name__)

#: Threads per serving process running the app: one, as the app holds the interpreter
#: lock throughout; more only queued acks behind each other (measured p99 99 ms with one,
#: 125 ms with two and 115 ms with four, 2 processes, 200 events in flight).
APP_THREADS = 1
BACKLOG = 2048
_PR_SET_PDEATHSIG = 1


def serve_http(settings: Settings, signing_secret: str) -> None:
    """Serve Slack's requests on ``settings.port`` until interrupted (SIGINT or SIGTERM)."""
    import multiprocessing

    from granian.constants import Interfaces
    from granian.log import LogLevels
    from granian.server import Server

    # Serving processes start afresh rather than as forks of this one, whose threads
    # (the worker's watcher, Slack's client) a fork would copy mid-flight.
    multiprocessing.set_start_method("spawn", force=True)
    server = Server(
        "journeybot",
        address="0.0.0.0",
        port=settings.port,
        interface=Interfaces.WSGI,
        workers=settings.http_processes,
        blocking_threads=APP_THREADS,
        backlog=BACKLOG,
        log_level=LogLevels.warning,
    )
    log.info(
        "listening for Slack requests on port %s (%s processes)",
        settings.port,
        settings.http_processes,
    )
    server.serve(target_loader=partial(slack_app, settings, signing_secret), wrap_loader=False)


def slack_app(settings: Settings, signing_secret: str) -> SlackWsgi:
    """The WSGI app of one serving process (runs in that process, after it started)."""
    from journeybot.bot.app import build_app
    from journeybot.bot.jobs import DurableJobs
    from journeybot.bot.web import SlackWsgi

    _die_with_parent()
    jobs = DurableJobs(settings.home, checkpoint=False)
    return SlackWsgi(build_app(settings, jobs=jobs, gated=True), signing_secret)


def _die_with_parent() -> None:
    """A serving process outlives a parent killed with SIGKILL, still holding the port
    and taking requests no worker will ever do; Linux can end it with its parent."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the port stays held until killed
        log.warning("could not tie this serving process to its parent's life")
