"""Ingestion speed and memory: read, redact and segment real and large transcripts.

Targets: the seven PDPilot interviews (176 KB) in well under a second, and a 20 MB
text transcript (close to the default 25 MB upload cap) within 30 s and 1 GB peak
process memory, so one large upload cannot stall the bot. Run:
``python benchmarks/ingestion.py``; results go to ``benchmarks/results/ingestion.json``.
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

from journeybot.ingestion import read_transcript, redact_transcript, segment_transcript

ROOT = Path(__file__).resolve().parent.parent
PDPILOT = ROOT / "tests" / "corpus" / "pdpilot" / "transcripts"
RESULTS = ROOT / "benchmarks" / "results" / "ingestion.json"
LARGE_BYTES = 20_000_000


def ingest(data: bytes, name: str) -> int:
    transcript = redact_transcript(read_transcript(data, name, interviewers=["Dan"]))
    segments = segment_transcript(transcript, study="bench", source_id=transcript.content_hash)
    return len(segments)


def pdpilot_run() -> dict[str, float | int]:
    files = sorted(PDPILOT.glob("P*.txt"))
    payloads = [(path.read_bytes(), path.name) for path in files]
    started = time.perf_counter()
    segments = sum(ingest(data, name) for data, name in payloads)
    seconds = time.perf_counter() - started
    total = sum(len(data) for data, _ in payloads)
    return {
        "files": len(files),
        "bytes": total,
        "segments": segments,
        "seconds": round(seconds, 3),
        "mb_per_second": round(total / 1e6 / seconds, 2),
    }


def large_run() -> dict[str, float | int]:
    sample = b"\n\n".join(path.read_bytes() for path in sorted(PDPILOT.glob("P*.txt")))
    data = (sample * (LARGE_BYTES // len(sample) + 1))[:LARGE_BYTES]
    started = time.perf_counter()
    segments = ingest(data, "P1.txt")
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "bytes": len(data),
        "segments": segments,
        "seconds": round(seconds, 2),
        "process_peak_rss_mb": round(peak_kb / 1e3, 1),
        "mb_per_second": round(len(data) / 1e6 / seconds, 2),
    }


def main() -> None:
    results = {"pdpilot": pdpilot_run(), "large_text": large_run()}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
