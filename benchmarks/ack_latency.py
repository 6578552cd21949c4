"""Ack latency of the Slack app under bursts of events, while ingestion is running.

Slack retries any request not acknowledged within 3 s, so the bot must ack fast whatever
its workers are doing. This runs the bot as ``journeybot serve`` does over HTTP (Bolt's
WSGI adapter under granian in ``Settings.http_processes`` processes, started by the same
``serve_http``, recording jobs in the durable queue, and the worker process doing them
with the real Workspace: Chroma under a temporary home, the offline MiniLM embedder)
against the fake Slack Web API on loopback. It shares 56
transcripts (eight variants of each PDPilot interview), and while they are ingested a
separate process sends bursts of 200 signed ``app_mention`` events at once, each a real
question for the workers. Reported: p50/p99 over the bursts that ran entirely during
ingestion, and over all bursts; and per burst, read from the kernel's counters by the
load generator (``_schedstat.py``), the serving threads' CPU per ack, the time they
waited for a core, and the worker's CPU, which wall clock on a shared machine cannot
tell apart. Target: p99 < 100 ms. ``--server waitress`` serves from one process (waitress
in a thread of this one, as the bot tests do) and ``--in-process`` also runs the jobs on
its threads, for comparison.

Run from the repository root: ``python benchmarks/ack_latency.py``; the result goes to
``benchmarks/results/ack_latency.json`` and is printed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from slack_sdk import WebClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for the fake Slack Web API in tests/fakes

from _schedstat import Watched, children  # noqa: E402
from ack_load import SECRET, STUDY_CHANNEL, load_generator, signature_headers  # noqa: E402

from journeybot.bot import build_app  # noqa: E402
from journeybot.bot.jobs import DurableJobs  # noqa: E402
from journeybot.bot.serving import serve_http  # noqa: E402
from journeybot.bot.web import WebServer  # noqa: E402
from journeybot.bot.worker import WorkerProcess  # noqa: E402
from journeybot.core.settings import Settings  # noqa: E402
from journeybot.service.workspace import Workspace  # noqa: E402
from tests.fakes.slack_api import BOT_TOKEN, FakeFile, FakeSlack  # noqa: E402

PDPILOT = ROOT / "tests" / "corpus" / "pdpilot" / "transcripts"
RESULTS = ROOT / "benchmarks" / "results" / "ack_latency.json"
TARGET_P99_MS = 100.0


def start_ingestion(fake: FakeSlack, server: WebServer, copies: int) -> int:
    """Share the PDPilot interviews (``copies`` distinct variants of each), one per message,
    so every worker has ingestion to do while the bursts arrive."""
    import urllib.request

    fake.set_members(STUDY_CHANNEL, ["UBENCH"])
    files = sorted(PDPILOT.glob("P*.txt"))
    shared = 0
    for copy in range(copies):
        for path in files:
            text = path.read_text(encoding="utf-8")  # each variant's participant words differ
            data = re.sub(r"\n(Partic\w*): ", rf"\n\1: [session {copy + 1}] ", text).encode()
            name = f"{path.stem}-session{copy + 1}.txt"
            stub = fake.add_file(FakeFile(f"FB{shared}", name, data))
            event = {
                "type": "message",
                "subtype": "file_share",
                "channel": STUDY_CHANNEL,
                "channel_type": "channel",
                "user": "UBENCH",
                "files": [stub],
                "ts": f"1700000{shared:03d}.000100",
            }
            body = json.dumps(
                {
                    "type": "event_callback",
                    "team_id": "TFAKE",
                    "event_id": f"EvING{shared}",
                    "event": event,
                }
            )
            request = urllib.request.Request(
                server.url, data=body.encode(), headers=signature_headers(body)
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 200
            shared += 1
    return shared


def summary(latencies_ms: list[float]) -> dict[str, float | int]:
    if not latencies_ms:
        return {"events": 0}
    return {
        "events": len(latencies_ms),
        "p50_ms": round(statistics.median(latencies_ms), 2),
        "p99_ms": round(percentile(latencies_ms, 0.99), 2),
        "max_ms": round(max(latencies_ms), 2),
        "mean_ms": round(statistics.fmean(latencies_ms), 2),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


@dataclass(frozen=True)
class Options:
    rounds: int
    concurrency: int
    workers: int
    copies: int
    gap: float
    in_process: bool
    server: str = "granian"


class Served:
    """``journeybot serve``'s HTTP front (``serve_http``) in a process of its own."""

    def __init__(self, settings: Settings) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        settings = settings.model_copy(update={"port": self.port})
        context = multiprocessing.get_context("spawn")
        self.process = context.Process(target=serve_http, args=(settings, SECRET))
        self.process.start()
        self._wait_healthy()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    def _wait_healthy(self) -> None:
        import urllib.request

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)  # polling for the serving processes to come up
        raise SystemExit("journeybot's HTTP front did not come up")

    def close(self) -> None:
        self.process.terminate()  # SIGTERM: granian stops its processes and returns
        self.process.join(timeout=30)


@dataclass
class BenchBot:
    server: WebServer | Served
    worker: WorkerProcess | None
    jobs: DurableJobs | None

    def watched(self) -> Watched:
        """The serving threads (waitress's) or processes (granian's), and the worker."""
        worker_pid = self.worker.pid if self.worker is not None else None
        if isinstance(self.server, Served):
            pid = int(self.server.process.pid or 0)
            return Watched((), pid, worker_pid, serving_pids=children(pid))
        serving = tuple(
            int(thread.native_id)
            for thread in threading.enumerate()
            if thread.native_id is not None
            and (thread.name.startswith("waitress") or thread.name == "journeybot-http")
        )
        return Watched(serving, os.getpid(), worker_pid)

    def close(self) -> None:
        self.server.close()
        if self.worker is not None:
            self.worker.stop()
        if self.jobs is not None:
            self.jobs.close()


def serve_bot(fake: FakeSlack, options: Options) -> BenchBot:
    """The bot as `journeybot serve` runs it over HTTP (or all in one process)."""
    settings = Settings(
        home=Path(tempfile.mkdtemp(prefix="journeybot-bench-")),
        llm=None,
        chroma_host=None,
        slack_bot_token=SecretStr(BOT_TOKEN),
        slack_signing_secret=SecretStr(SECRET),
        slack_api_url=fake.api_url,
        slack_file_hosts=["127.0.0.1"],
        workers=options.workers,
    )
    if options.server == "granian":
        served = Served(settings)
        return BenchBot(served, WorkerProcess(settings).start(), None)
    client = WebClient(token=BOT_TOKEN, base_url=fake.api_url)
    worker, jobs = None, None
    if options.in_process:
        app = build_app(settings, client=client, workspace=Workspace.open(settings))
    else:
        jobs = DurableJobs(settings.home, checkpoint=False)
        worker = WorkerProcess(settings).start()
        app = build_app(settings, client=client, jobs=jobs, gated=True)
    server = WebServer(app, signing_secret=SECRET, host="127.0.0.1", port=0).start()
    return BenchBot(server, worker, jobs)


def run(options: Options) -> dict[str, Any]:
    fake = FakeSlack().start()
    bot = serve_bot(fake, options)
    server = bot.server
    try:
        files = start_ingestion(fake, server, options.copies)
        ingest_began = fake.wait_for("download", timeout=60)[0].at
        parent, child = multiprocessing.Pipe()
        process = multiprocessing.get_context("spawn").Process(
            target=load_generator,
            args=(server.port, options.rounds, options.concurrency, options.gap, child),
            kwargs={"watched": bot.watched()},
        )
        process.start()
        bursts: list[dict[str, Any]] = parent.recv()
        process.join()
        finals = fake.wait_for(
            "chat.update", lambda c: bool(c.args.get("blocks")), count=files, timeout=1800
        )
        answered = fake.wait_for(  # drain the queued questions before shutting down
            "chat.postMessage",
            lambda c: str(c.args.get("thread_ts") or "").startswith("18"),
            count=options.rounds * options.concurrency,
            timeout=1800,
        )
    finally:
        bot.close()
        fake.close()
    window = (ingest_began, max(call.at for call in finals))
    result = report(bursts, window, max(call.at for call in answered), files, options.workers)
    result["ingestion"]["files_ingested_ok"] = sum(
        ":white_check_mark:" in str(call.args["blocks"]) for call in finals
    )
    result["ingestion"]["segments"] = sum(
        int(n) for call in finals for n in re.findall(r"(\d+) segments", str(call.args["blocks"]))
    )
    result["embedder"] = "MiniLM (ONNX, offline), onnxruntime default threads"
    result["server"] = (
        f"Bolt WSGI adapter under granian in {Settings().http_processes} processes + durable "
        "queue + worker process (as `journeybot serve`)"
        if options.server == "granian"
        else "Bolt WSGI adapter under waitress, jobs on threads of the same process"
        if options.in_process
        else "Bolt WSGI adapter under waitress in this process + durable queue + worker process"
    )
    return result


def report(
    bursts: list[dict[str, Any]],
    ingestion: tuple[float, float],
    drained: float,
    files: int,
    workers: int,
) -> dict[str, Any]:
    ingest_began, ingest_ended = ingestion
    during = [b for b in bursts if ingest_began <= b["start"] and b["end"] <= ingest_ended]
    every = [ms for b in bursts for ms in _millis(b)]
    inside = [ms for b in during for ms in _millis(b)]
    p99_inside = percentile(inside, 0.99) if inside else float("inf")
    return {
        "benchmark": "ack_latency",
        "in_flight_at_once": len(bursts[0]["samples"]),
        "bursts": len(bursts),
        "bursts_during_ingestion": len(during),
        "non_200": sum(status != 200 for b in bursts for _, status in b["samples"]),
        "during_ingestion": summary(inside),
        "all_bursts": summary(every),
        "per_burst_p99_ms": [round(percentile(_millis(b), 0.99), 2) for b in bursts],
        "cpu_during_ingestion": _median_cpu(during),
        "per_burst_cpu": [b["cpu"] for b in bursts],
        "target_p99_ms": TARGET_P99_MS,
        "meets_target": p99_inside < TARGET_P99_MS,
        "ingestion": {"files": files, "seconds": round(ingest_ended - ingest_began, 2)},
        "questions_answered_seconds_after_ingest_start": round(drained - ingest_began, 2),
        "workers": workers,
        "cpus": os.cpu_count(),
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
    }


def _median_cpu(bursts: list[dict[str, Any]]) -> dict[str, float]:
    """Per-burst CPU figures (``_schedstat``), the median over the bursts given."""
    if not bursts:
        return {}
    return {key: statistics.median(b["cpu"][key] for b in bursts) for key in bursts[0]["cpu"]}


def _millis(burst: dict[str, Any]) -> list[float]:
    return [seconds * 1000 for seconds, _ in burst["samples"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--workers", type=int, default=Settings().workers)
    parser.add_argument("--copies", type=int, default=8, help="variants of each interview")
    parser.add_argument("--gap", type=float, default=0.3, help="seconds between bursts")
    parser.add_argument(
        "--server",
        choices=("granian", "waitress"),
        default="granian",
        help="granian as `journeybot serve` runs it, or waitress inside this process",
    )
    parser.add_argument("--in-process", action="store_true", help="waitress with no worker process")
    args = parser.parse_args()
    result = run(
        Options(
            rounds=args.rounds,
            concurrency=args.concurrency,
            workers=args.workers,
            copies=args.copies,
            gap=args.gap,
            in_process=args.in_process,
            server="waitress" if args.in_process else args.server,
        )
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
