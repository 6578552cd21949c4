"""CPU accounting for the ack benchmark that wall clock on a shared machine cannot give.

Linux keeps, per thread, nanoseconds spent on a CPU and nanoseconds spent runnable but
waiting for one (``/proc/PID/task/TID/schedstat``). Read by the load generator (another
process) just before and just after a burst, they say what one acknowledgement costs
in CPU, how long the serving threads waited for a core that others held, and what the
worker process used meanwhile, without perturbing the server being measured.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Watched:
    """What to read: the serving threads by id, the server process, the worker process."""

    serving_tids: tuple[int, ...]
    server_pid: int
    worker_pid: int | None
    #: Whole processes that serve (granian's), every thread of them counted as serving.
    serving_pids: tuple[int, ...] = ()


def children(pid: int) -> tuple[int, ...]:
    """The child processes of ``pid`` (Linux keeps them per thread)."""
    found: list[int] = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/children") as handle:
            found += [int(child) for child in handle.read().split()]
    return tuple(found)


def _thread(pid: int, tid: int) -> tuple[int, int]:
    try:
        run, wait, _ = Path(f"/proc/{pid}/task/{tid}/schedstat").read_text().split()
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return 0, 0
    return int(run), int(wait)


def _process(pid: int | None) -> tuple[int, int]:
    if pid is None or not Path(f"/proc/{pid}/task").exists():
        return 0, 0
    totals = [_thread(pid, int(tid)) for tid in os.listdir(f"/proc/{pid}/task")]
    return sum(t[0] for t in totals), sum(t[1] for t in totals)


def snapshot(watched: Watched) -> dict[str, int]:
    """Counters now (nanoseconds); subtract two with ``spent``."""
    serving = [_thread(watched.server_pid, tid) for tid in watched.serving_tids]
    serving += [_process(pid) for pid in watched.serving_pids]
    server_run, _ = _process(watched.server_pid)
    worker_run, worker_wait = _process(watched.worker_pid)
    serving_run = sum(run for run, _ in serving)
    in_server = sum(_thread(watched.server_pid, tid)[0] for tid in watched.serving_tids)
    return {
        "serving_run": serving_run,
        "serving_wait": sum(wait for _, wait in serving),
        "server_other_run": server_run - in_server,
        "worker_run": worker_run,
        "worker_wait": worker_wait,
    }


def spent(before: dict[str, int], after: dict[str, int], acks: int) -> dict[str, float]:
    """Milliseconds per burst, and the serving CPU per acknowledgement."""
    delta = {key: (after[key] - before[key]) / 1e6 for key in before}
    return {
        "serving_cpu_ms_per_ack": round(delta["serving_run"] / max(acks, 1), 3),
        "serving_cpu_ms": round(delta["serving_run"], 1),
        "serving_runqueue_wait_ms": round(delta["serving_wait"], 1),
        "server_other_threads_cpu_ms": round(delta["server_other_run"], 1),
        "worker_process_cpu_ms": round(delta["worker_run"], 1),
    }
