"""Draft quality against answer keys: twenty-five planted studies (twenty-three tuned on,
reported each and pooled, two held out; see planted_studies.py) and the PDPilot
researchers' coded segments.

The seven PDPilot interviews (tests/corpus/pdpilot, BSD-3) come with the researchers'
thematic coding exported from MAXQDA: participant, code path ("PDPilot improvements >
Visualization sizing issue") and the coded passage. This ingests the transcripts with
the ingestion API (in memory, no Chroma), drafts personas and an everyone map with the
extractive engine, and measures:

- pain-point precision proxy: the share of the drafts' pain-point quotes (map and
  personas) that overlap a passage the researchers coded, against the share of all
  participant segments and of all quotable sentences that do (the chance levels);
- theme recall proxy: how many of the researchers' top-level themes (first part of the
  code path) the drafts' quotes touch, and how many the pain points touch.

A quote overlaps a coded passage of the same participant when they share a run of
``SHINGLE`` words (case and punctuation ignored). Nothing here was tuned on this corpus:
the engine was tuned on the planted studies ``planted_studies.TUNED_STUDIES`` lists.

It also reads the feeling of 2,832 real survey answers whose question says which way
they lean (``quality_survey.py``).

Run from the repository root: ``python benchmarks/quality.py``; the result goes to
``benchmarks/results/quality.json`` and is printed. ``--study FOLDER`` (repeatable)
measures another planted study laid out as ours are and only prints its figures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planted_studies import HELD_OUT, HELD_OUT_LETTINGS, TUNED_STUDIES, PlantedStudy
from quality_planted import combined, evaluate
from quality_survey import survey_polarity

from journeybot.core.models import (
    DEFAULT_STAGES,
    Citation,
    Claim,
    JourneyMap,
    PersonaSet,
    Segment,
    Source,
)
from journeybot.ingestion import read_transcript, segment_transcript
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.rows import read_segments

ROOT = Path(__file__).resolve().parent.parent
PDPILOT = ROOT / "tests" / "corpus" / "pdpilot"
RESULTS = ROOT / "benchmarks" / "results" / "quality.json"
SHINGLE = 6
#: Code paths that name a problem (chosen by these words before looking at any draft):
#: pain quotes should land on them more often than talk at large does.
PROBLEM_WORDS = (
    "improvement",
    "pain point",
    "didn't",
    "did not",
    "couldn't",
    "complexity",
    "confused",
    "issue",
    "problem",
    "not very useful",
    "no good approach",
    "limitation",
    "concerned",
    "trustworthy",
    "outliers",
    "over-reliance",
    "don't go in depth",
)
STUDY = "pdpilot"

_ENTRY = re.compile(r"^(P\d+) (.*)$")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SPEAKER = re.compile(r"\b(?:Dan|Participant|Particpant):\s*")


@dataclass(frozen=True)
class CodedSegment:
    participant: str
    code_path: str
    theme: str
    text: str

    @property
    def is_problem(self) -> bool:
        path = self.code_path.lower().replace("\u2019", "'")
        return any(word in path for word in PROBLEM_WORDS)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.replace("\u2019", "'").lower())


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = _words(text)
    if len(tokens) < SHINGLE:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def _code_name_prefix(rest: str, code_lines: list[list[str]]) -> int:
    """How many leading words of ``rest`` are a code name (longest shared word prefix
    with a line of code_system.txt, which holds "name memo frequency" lines)."""
    words = rest.split()
    best = 0
    for line in code_lines:
        shared = 0
        while shared < min(len(words), len(line)) and words[shared] == line[shared]:
            shared += 1
        best = max(best, shared)
    return best


def parse_coded_segments(folder: Path) -> list[CodedSegment]:
    """Entries of coded_segments.txt: 'P4 Top > Sub > Code passage...' wrapped over lines."""
    code_lines = [
        line.split() for line in (folder / "code_system.txt").read_text("utf-8").splitlines()
    ]
    entries: list[list[str]] = []
    for line in (folder / "coded_segments.txt").read_text("utf-8").splitlines()[2:]:
        match = _ENTRY.match(line)
        if match:
            entries.append([match.group(1), match.group(2)])
        elif entries:
            entries[-1][1] += " " + line.strip()
    coded: list[CodedSegment] = []
    for participant, body in entries:
        parts = body.split(" > ")
        last = parts[-1]
        name_words = _code_name_prefix(last, code_lines)
        code_words = last.split()[:name_words]
        passage = " ".join(last.split()[name_words:])
        path = " > ".join([*parts[:-1], " ".join(code_words)])
        theme = parts[0] if len(parts) > 1 else " ".join(code_words)
        coded.append(CodedSegment(participant, path, theme, _SPEAKER.sub("", passage)))
    return coded


def load_evidence(embedder: MiniLMEmbedder) -> StudyEvidence:
    segments: list[Segment] = []
    sources: list[Source] = []
    for path in sorted((PDPILOT / "transcripts").glob("*.txt")):
        transcript = read_transcript(path.read_bytes(), path.name)
        source_id = transcript.content_hash
        segments.extend(segment_transcript(transcript, study=STUDY, source_id=source_id))
        sources.append(
            Source(id=source_id, study=STUDY, file_name=path.name, format=transcript.format)
        )
    vectors = embedder.embed([s.text for s in segments])
    return StudyEvidence(STUDY, segments, vectors, embedder, sources)


class CodeIndex:
    """Which coded passages a piece of participant text overlaps."""

    def __init__(self, coded: list[CodedSegment]) -> None:
        self.coded = coded
        self._shingles = [_shingles(c.text) for c in coded]

    def overlapping(self, participant: str, text: str) -> list[CodedSegment]:
        mine = _shingles(text)
        return [
            c
            for c, theirs in zip(self.coded, self._shingles, strict=True)
            if c.participant == participant and mine & theirs
        ]

    def themes_of(self, participant: str, text: str) -> set[str]:
        return {c.theme for c in self.overlapping(participant, text)}

    def is_problem(self, participant: str, text: str) -> bool:
        return any(c.is_problem for c in self.overlapping(participant, text))


def _share(hits: int, total: int) -> float:
    return round(hits / total, 3) if total else 0.0


def _quote_report(citations: list[Citation], index: CodeIndex) -> dict[str, Any]:
    unique = {(c.participant, c.quote) for c in citations}
    themes: Counter[str] = Counter()
    hits = problems = 0
    for participant, quote in sorted(unique):
        found = index.themes_of(participant, quote)
        hits += bool(found)
        problems += index.is_problem(participant, quote)
        themes.update(found)
    return {
        "quotes": len(unique),
        "overlapping_coded": hits,
        "share_overlapping_coded": _share(hits, len(unique)),
        "overlapping_problem_codes": problems,
        "share_overlapping_problem_codes": _share(problems, len(unique)),
        "themes_touched": sorted(themes),
    }


def chance_level(evidence: StudyEvidence, index: CodeIndex) -> dict[str, Any]:
    """How much of all participant talk overlaps coded passages: the bar to beat."""
    segments_coded = sum(
        bool(index.themes_of(seg.participant, seg.text)) for seg in evidence.segments
    )
    sentences = read_segments(evidence.segments, PolarityScorer())
    coded = sum(bool(index.themes_of(r.participant, r.text)) for r in sentences)
    problem = sum(index.is_problem(r.participant, r.text) for r in sentences)
    return {
        "segments": len(evidence.segments),
        "segments_overlapping_coded": segments_coded,
        "share": _share(segments_coded, len(evidence.segments)),
        "quotable_sentences": len(sentences),
        "sentences_overlapping_coded": coded,
        "sentence_share": _share(coded, len(sentences)),
        "sentences_overlapping_problem_codes": problem,
        "sentence_share_problem_codes": _share(problem, len(sentences)),
    }


def draft_report(
    personas: PersonaSet, journey: JourneyMap, index: CodeIndex, themes: int
) -> dict[str, Any]:
    map_pain = [c for s in journey.stages for k in s.pain_points for c in k.citations]
    persona_pain = [c for p in personas.personas for k in p.pain_points for c in k.citations]
    every_quote = [c for k in [*journey.claims(), *personas.claims()] for c in k.citations]
    every_quote += [c for p in personas.personas for c in p.quotes]
    pain = _quote_report(map_pain + persona_pain, index)
    everything = _quote_report(every_quote, index)
    return {
        "pain_point_quotes": {
            **pain,
            "map_quotes": len({(c.participant, c.quote) for c in map_pain}),
            "persona_quotes": len({(c.participant, c.quote) for c in persona_pain}),
            "themes_touched_count": f"{len(pain['themes_touched'])}/{themes}",
        },
        "all_draft_quotes": {
            **everything,
            "themes_touched_count": f"{len(everything['themes_touched'])}/{themes}",
        },
        "personas": {
            "clustering": personas.clustering,
            "names": [p.name for p in personas.personas],
        },
        "map": {
            "segments_per_stage": {s.id: s.segments for s in journey.stages},
            "emotion": {s.id: s.emotion for s in journey.stages},
            "claims": len(journey.claims()),
        },
        "claims_backed_by_two_or_more_participants": {
            "map": _shared(journey.claims()),
            "personas": _shared([k for p in personas.personas for k in p.claims()]),
        },
    }


def _shared(claims: list[Claim]) -> str:
    """How many claims rest on more than one participant (the rest are marked thin)."""
    return f"{sum(claim.participants >= 2 for claim in claims)}/{len(claims)}"


def pdpilot_report(embedder: MiniLMEmbedder) -> dict[str, Any]:
    """The second key: PDPilot's seven interviews against the researchers' own coding."""
    coded = parse_coded_segments(PDPILOT)
    index = CodeIndex(coded)
    all_themes = sorted({c.theme for c in coded})
    evidence = load_evidence(embedder)
    drafter = ExtractiveDrafter()
    started = time.perf_counter()
    personas = drafter.draft_personas(evidence)
    journey = drafter.draft_map(evidence, list(DEFAULT_STAGES))
    draft_seconds = time.perf_counter() - started
    return {
        "corpus": "tests/corpus/pdpilot: 7 interviews, MAXQDA coded segments as answer key",
        "coded_segments_parsed": len(coded),
        "researcher_top_level_themes": all_themes,
        "overlap_rule": f"same participant and a shared run of {SHINGLE} words",
        "chance_level": chance_level(evidence, index),
        "problem_codes": sorted({c.code_path for c in coded if c.is_problem}),
        **draft_report(personas, journey, index, len(all_themes)),
        "map_notes": journey.coverage.notes,
        "draft_seconds": round(draft_seconds, 2),
    }


#: Result keys of the tuned studies (the first kept its old name, "tuned").
def tuned_key(name: str) -> str:
    """The results file's key for a tuned study: Ledgerly, the first, is plain "tuned"."""
    return "tuned" if name == "ledgerly" else f"tuned_{name}"


def main() -> dict[str, Any]:
    embedder = MiniLMEmbedder()
    tuned = {
        name: evaluate(PlantedStudy.load(folder), embedder)
        for name, folder in TUNED_STUDIES.items()
    }
    result: dict[str, Any] = {
        "benchmark": "quality",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": "extractive",
        "split": (
            f"tuned: {len(TUNED_STUDIES)} planted studies ("
            + ", ".join(
                f"{name} in tests/synthesis/{folder.name}" for name, folder in TUNED_STUDIES.items()
            )
            + "); held out: the Pedalo planted study (tests/synthesis/holdout) and the "
            "Nestwise planted study (tests/synthesis/planted_lettings), only their aggregate "
            "figures read"
        ),
        **{tuned_key(name): report for name, report in tuned.items()},
        "tuned_combined": combined(tuned),
        "held_out": evaluate(PlantedStudy.load(HELD_OUT), embedder),
        "held_out_nestwise": evaluate(PlantedStudy.load(HELD_OUT_LETTINGS), embedder),
        "pdpilot": pdpilot_report(embedder),
        "survey_polarity": survey_polarity(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def study_reports(folders: list[Path]) -> dict[str, Any]:
    """Any planted studies laid out as ours are (``sources/`` and ``answer_key.yaml``, see
    docs/planted_brief.md), each read once; the results file is not touched."""
    embedder = MiniLMEmbedder()
    return {
        "benchmark": "quality",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": "extractive",
        "studies": {
            str(folder): evaluate(PlantedStudy.load(folder), embedder) for folder in folders
        },
    }


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Draft quality against answer keys. With no options: the tuned and held-out "
        "planted studies, PDPilot and the survey, written to benchmarks/results/quality.json."
    )
    parser.add_argument(
        "--study",
        action="append",
        type=Path,
        default=[],
        metavar="FOLDER",
        help="measure only this planted study (sources/ and answer_key.yaml); repeatable; "
        "printed, not written to the results file",
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = _arguments(sys.argv[1:])
    report = study_reports(arguments.study) if arguments.study else main()
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
