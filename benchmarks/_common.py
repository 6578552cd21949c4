"""Helpers shared by the retrieval benchmarks: corpus, results file, timing summaries."""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import sys
from pathlib import Path
from typing import Any

from journeybot.core.models import Segment
from journeybot.ingestion import read_transcript, redact_transcript, segment_transcript

ROOT = Path(__file__).resolve().parent.parent
PDPILOT = ROOT / "tests" / "corpus" / "pdpilot" / "transcripts"
RESULTS = ROOT / "benchmarks" / "results"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def pdpilot_files() -> list[Path]:
    return sorted(PDPILOT.glob("P*.txt"))


def ingest_segments(path: Path, study: str) -> list[Segment]:
    """Read, redact and segment one file the way the ingest use case does."""
    transcript = redact_transcript(read_transcript(path.read_bytes(), path.name))
    return segment_transcript(transcript, study=study, source_id=transcript.content_hash)


def pdpilot_sentences() -> list[list[str]]:
    """Participant sentences of each PDPilot interview, in order, one list per interview."""
    interviews = []
    for path in pdpilot_files():
        sentences = [
            sentence
            for segment in ingest_segments(path, "sentences")
            for sentence in _SENTENCE_END.split(segment.text)
            if len(sentence) > 15
        ]
        interviews.append(sentences)
    return interviews


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def latency_summary(seconds: list[float]) -> dict[str, float | int]:
    ms = [s * 1000 for s in seconds]
    return {
        "samples": len(ms),
        "p50_ms": round(percentile(ms, 0.50), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
    }


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def rss_now_mb() -> float:
    """Current resident memory (Linux); the peak where /proc is not available."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return peak_rss_mb()


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "python": sys.version.split()[0],
    }


def write_results(name: str, results: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2) + "\n"
    (RESULTS / f"{name}.json").write_text(text)
    print(text, end="")
