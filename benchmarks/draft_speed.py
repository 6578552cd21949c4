"""Time to draft personas and a journey map for twelve one-hour interviews (extractive).

A one-hour interview runs to about 8-9k words; the repository's real interviews (the
seven PDPilot transcripts in tests/corpus/pdpilot, 3.3k-6k words each) are shorter, so
each benchmark interview is built by stitching whole turns of real transcripts end to
end: interview i starts with transcript i mod 7 and continues with the following ones
until it reaches ``WORDS_PER_INTERVIEW`` words, cut at a turn boundary. Every interview
is a distinct file with its own participant (P1..P12), read and segmented with the
ingestion API and embedded with the offline MiniLM model before timing starts
(embedding happens at ingest in the product). Timed: ``draft_personas`` plus
``draft_map`` for everyone, with a fresh drafter each run (nothing cached between
runs: every per-text memo of the sentence readers, ``synthesis.memo``, is cleared
too); the per-persona maps are timed too, for information. Target: under 10 s.

Run from the repository root: ``python benchmarks/draft_speed.py``; the result goes to
``benchmarks/results/draft_speed.json`` and is printed.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from journeybot.core.models import DEFAULT_STAGES, Segment, Source
from journeybot.ingestion import read_transcript, segment_transcript
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.synthesis import memo
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = ROOT / "tests" / "corpus" / "pdpilot" / "transcripts"
RESULTS = ROOT / "benchmarks" / "results" / "draft_speed.json"
INTERVIEWS = 12
WORDS_PER_INTERVIEW = 8500
RUNS = 3
TARGET_SECONDS = 10.0
STUDY = "speed"


def _turns(path: Path) -> list[str]:
    """Speaker turns of one transcript (blank-line separated), title line dropped."""
    text = path.read_text("utf-8").replace("Particpant:", "Participant:")
    return [block.strip() for block in text.split("\n\n") if ":" in block[:40]]


def build_interviews() -> list[tuple[str, str]]:
    sources = [_turns(path) for path in sorted(TRANSCRIPTS.glob("*.txt"))]
    interviews: list[tuple[str, str]] = []
    for number in range(INTERVIEWS):
        turns: list[str] = []
        words = 0
        offset = 0
        while words < WORDS_PER_INTERVIEW:
            for turn in sources[(number + offset) % len(sources)]:
                turns.append(turn)
                words += len(turn.split())
                if words >= WORDS_PER_INTERVIEW:
                    break
            offset += 1
        interviews.append((f"P{number + 1}.txt", "\n\n".join(turns) + "\n"))
    return interviews


def ingest(embedder: MiniLMEmbedder) -> tuple[StudyEvidence, dict[str, Any]]:
    started = time.perf_counter()
    segments: list[Segment] = []
    sources: list[Source] = []
    words = 0
    for name, text in build_interviews():
        words += len(text.split())
        transcript = read_transcript(text.encode("utf-8"), name)
        source_id = transcript.content_hash
        segments.extend(segment_transcript(transcript, study=STUDY, source_id=source_id))
        sources.append(Source(id=source_id, study=STUDY, file_name=name, format="txt"))
    vectors = embedder.embed([seg.text for seg in segments])
    evidence = StudyEvidence(STUDY, segments, vectors, embedder, sources)
    facts = {
        "interviews": len(sources),
        "words": words,
        "participant_segments": len(segments),
        "participants": len({seg.participant for seg in segments}),
        "ingest_and_embed_seconds_not_timed_below": round(time.perf_counter() - started, 2),
    }
    return evidence, facts


def draft_once(evidence: StudyEvidence) -> dict[str, float]:
    # Per-text memos of the sentence readers live for the process; a run must not reuse
    # the run before's.
    memo.forget_all()
    drafter = ExtractiveDrafter()
    started, cpu_started = time.perf_counter(), time.process_time()
    personas = drafter.draft_personas(evidence)
    after_personas = time.perf_counter()
    drafter.draft_map(evidence, list(DEFAULT_STAGES))
    after_map, cpu_after_map = time.perf_counter(), time.process_time()
    for persona in personas.personas:
        scoped = evidence.for_participants(persona.participants)
        drafter.draft_map(scoped, list(DEFAULT_STAGES), persona)
    after_persona_maps = time.perf_counter()
    return {
        "personas": after_personas - started,
        "map": after_map - after_personas,
        "personas_plus_map": after_map - started,
        # CPU seconds of this process (all its threads): on a machine shared with other
        # work, wall time mostly measures the others; this does not.
        "personas_plus_map_cpu": cpu_after_map - cpu_started,
        "persona_maps": after_persona_maps - after_map,
        "personas_found": float(len(personas.personas)),
    }


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> dict[str, Any]:
    embedder = MiniLMEmbedder()
    evidence, facts = ingest(embedder)
    rss_after_ingest = _peak_rss_mb()
    runs = [draft_once(evidence) for _ in range(RUNS)]
    total = [run["personas_plus_map"] for run in runs]
    result: dict[str, Any] = {
        "benchmark": "draft_speed",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": "extractive",
        "corpus": (
            f"{INTERVIEWS} interviews of >= {WORDS_PER_INTERVIEW} words, each stitched from "
            "whole turns of the 7 PDPilot transcripts (interview i starts with transcript "
            "i mod 7 and continues with the next ones), one participant per file"
        ),
        **facts,
        "cpu_count": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "runs": [{k: round(v, 2) for k, v in run.items()} for run in runs],
        "personas_plus_map_seconds": {
            "first": round(total[0], 2),
            "median": round(statistics.median(total), 2),
            "max": round(max(total), 2),
        },
        "personas_plus_map_cpu_seconds_median": round(
            statistics.median(run["personas_plus_map_cpu"] for run in runs), 2
        ),
        "target_seconds": TARGET_SECONDS,
        "meets_target": max(total) < TARGET_SECONDS,
        "peak_rss_mb_after_ingest_and_embedding": rss_after_ingest,
        "peak_rss_mb_after_drafting": _peak_rss_mb(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main(), indent=2) + "\n")
