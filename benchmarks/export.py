"""Export speed and size for a study of twelve interviews.

The bundle is built from real participant turns of the PDPilot transcripts, spread over
twelve participants: 7 stages x 5 rows x 4 claims on the map, three personas, and about
200 distinct cited quotes. Targets: the Word file in under 3 s (first export in a fresh
process, imports included) and under 2 MB. Run: ``python benchmarks/export.py``; results
go to ``benchmarks/results/export.json``.
"""

from __future__ import annotations

import itertools
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from journeybot.core.models import (
    DEFAULT_STAGES,
    Citation,
    Claim,
    Coverage,
    Feeling,
    JourneyMap,
    Persona,
    StageInsight,
    claim_id,
    distinct_participants,
)
from journeybot.exporters import ExportBundle, render_json, render_markdown, write_docx
from journeybot.exporters.bundle import MAP_ROWS as MAP_ROW_LABELS
from journeybot.exporters.bundle import build_evidence_index

ROOT = Path(__file__).resolve().parent.parent
PDPILOT = ROOT / "tests" / "corpus" / "pdpilot" / "transcripts"
RESULTS = ROOT / "benchmarks" / "results" / "export.json"
PARTICIPANTS = [f"P{n:02d}" for n in range(1, 13)]
CLAIMS_PER_CELL = 4
TARGET_SECONDS = 3.0
TARGET_BYTES = 2_000_000
MAP_ROWS = [attr for attr, _label in MAP_ROW_LABELS]


def participant_turns() -> list[str]:
    """Participant answers of a sensible quote length, in transcript order."""
    turns: list[str] = []
    for path in sorted(PDPILOT.glob("P*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^Partic[ip]+ant:\s*(.+)$", line)
            if match and 60 <= len(match.group(1)) <= 400:
                turns.append(match.group(1).strip())
    return turns


def quote_stream(turns: list[str]) -> Iterator[Citation]:
    """About 200 distinct quotes spread over twelve participants, repeated as needed."""
    return itertools.cycle(
        Citation(
            quote=text,
            participant=PARTICIPANTS[n % 12],
            source=f"interview-{n % 12 + 1:02d}.txt",
            location=f"00:{n % 60:02d}:{(n * 7) % 60:02d}",
            segment_id=f"src{n % 12:02d}:{n * 100}-{n * 100 + len(text)}",
        )
        for n, text in enumerate(turns[:200])
    )


def claim_maker(quotes: Iterator[Citation]) -> Callable[[str, str], Claim]:
    """Claims citing one to three quotes each; feelings get a polarity."""
    counter = itertools.count()

    def claim(scope: str, kind: str) -> Claim:
        n = next(counter)
        citations = [next(quotes) for _ in range(1 + n % 3)]
        label = kind.replace("_", " ").capitalize()
        made = Claim(
            id=claim_id("bench", scope, kind, str(n)),
            text=f"{label} {n}: {citations[0].quote[:70]}",
            citations=citations,
            participants=distinct_participants(citations),
        )
        if kind != "feelings":
            return made
        return Feeling(**made.model_dump(exclude={"thin"}), polarity=(n % 5 - 2) / 2.5)

    return claim


def build_bundle() -> ExportBundle:
    turns = participant_turns()
    quotes = quote_stream(turns)
    claim = claim_maker(quotes)
    stages = [
        StageInsight.model_validate(
            {
                **stage.model_dump(),
                "emotion": (number % 9 - 4) / 5,
                "emotion_participants": 6,
                "segments": 40,
                **{row: [claim(stage.id, row) for _ in range(CLAIMS_PER_CELL)] for row in MAP_ROWS},
            }
        )
        for number, stage in enumerate(DEFAULT_STAGES)
    ]
    journey = JourneyMap(study="bench", draft_id="bench-draft", coverage=_coverage(), stages=stages)
    return ExportBundle(
        study="bench",
        draft_id="bench-draft",
        journey=journey,
        personas=[_persona(p, turns, claim, quotes) for p in range(3)],
        stages=list(DEFAULT_STAGES),
        generated_at=datetime.now(UTC),
    )


def _persona(
    p: int, turns: list[str], claim: Callable[[str, str], Claim], quotes: Iterator[Citation]
) -> Persona:
    scope = f"persona-{p}"
    return Persona(
        id=scope,
        name=f"Persona {p + 1}",
        summary=turns[p][:200],
        participants=PARTICIPANTS[p * 4 : p * 4 + 4],
        goals=[claim(scope, "goals") for _ in range(3)],
        pain_points=[claim(scope, "pain_points") for _ in range(3)],
        behaviours=[claim(scope, "behaviours") for _ in range(3)],
        quotes=[next(quotes) for _ in range(3)],
        dissent=[claim(scope, "dissent")],
    )


def _coverage() -> Coverage:
    return Coverage(
        study="bench",
        sources=[f"interview-{n:02d}.txt" for n in range(1, 13)],
        participants=PARTICIPANTS,
        segments_read=1800,
        segments_cited=200,
    )


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def fresh_import_seconds() -> float:
    """Importing the exporters in a new interpreter, as the CLI does on every run."""
    code = "import journeybot.exporters"
    return timed(lambda: subprocess.run([sys.executable, "-c", code], check=True))


def main() -> dict[str, object]:
    bundle = build_bundle()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bench.docx"
        first = timed(lambda: write_docx(bundle, out))
        warm = [timed(lambda: write_docx(bundle, out)) for _ in range(3)]
        size = out.stat().st_size
    imports = fresh_import_seconds()
    claims = len(bundle.journey.claims()) + sum(len(p.claims()) for p in bundle.personas)
    cold = imports + first
    result: dict[str, object] = {
        "participants": len(PARTICIPANTS),
        "stages": len(bundle.journey.stages),
        "claims": claims,
        "citations": len(build_evidence_index(bundle).citations),
        "import_seconds_fresh_process": round(imports, 3),
        "docx_first_seconds": round(first, 3),
        "docx_cold_seconds": round(cold, 3),
        "docx_warm_seconds_median": round(statistics.median(warm), 3),
        "docx_bytes": size,
        "markdown_seconds": round(timed(lambda: render_markdown(bundle)), 3),
        "json_seconds": round(timed(lambda: render_json(bundle)), 3),
        "target_seconds": TARGET_SECONDS,
        "target_bytes": TARGET_BYTES,
        "meets_targets": cold < TARGET_SECONDS and size < TARGET_BYTES,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
