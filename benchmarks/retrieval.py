"""Retrieval quality on a labelled question set: what each search step adds.

The set (``benchmarks/retrieval_set.json``) has questions over the seven PDPilot
interviews (``tests/corpus/pdpilot``, relevance from the researchers' own MAXQDA coding)
and over the bundled demo study (relevance by verbatim participant snippets), plus
off-topic questions that must return nothing. The split was fixed before any tuning: the
question at 1-based position n is held out when n is divisible by 3.

Both studies are ingested through ``Workspace`` into a temporary home (real ingestion,
redaction, embedding and Chroma), then every question is asked of ``EvidenceStore.search``
with the steps switched on one after another, each step adding to the ones before:
vector only, then the lexical index, the question context, the intent matched against
the readings, the question's topic in the query vector, the spread over participants
(measured, not kept) and the relevance floor.

Metrics per step and part (tuned / held out), over the questions that have relevant
passages, with the relevance rule of ``relevant_ids`` and again with the first, looser
rule ("(loose scorer)") so figures stay comparable with earlier runs: recall@8
(relevant segments in the top 8 over min(8, relevant)), MRR (1 / rank
of the first relevant segment, 0 if none in the top 8) and nDCG@8 (binary gains). For the
off-topic questions: the share that returned nothing; for the others, the share that
returned nothing (wrongly).

Run ``python benchmarks/retrieval.py`` from the repository root; results go to
``benchmarks/results/retrieval.json`` and are printed.
"""

from __future__ import annotations

import functools
import json
import math
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from _common import ROOT, write_results
from quality import PDPILOT, CodedSegment, parse_coded_segments

from journeybot.core.models import Segment
from journeybot.core.settings import Settings
from journeybot.retrieval.steps import SearchSteps
from journeybot.service.workspace import Workspace

SET_FILE = ROOT / "benchmarks" / "retrieval_set.json"
DEMO = ROOT / "journeybot" / "data" / "demo"
K = 8
SHINGLE = 6
#: Shared word runs that make a segment carry a coded passage (see ``relevant_ids``).
MIN_SHARED = 3
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

#: Each step adds one part of the search to the steps before it.
STEPS: tuple[tuple[str, SearchSteps], ...] = (
    ("vector", SearchSteps.vector_only()),
    ("+lexical", replace(SearchSteps.vector_only(), lexical=True)),
    ("+context", replace(SearchSteps.vector_only(), lexical=True, context=True)),
    ("+intent", replace(SearchSteps.vector_only(), lexical=True, context=True, intent=True)),
    ("+topic", replace(SearchSteps(), spread=False, floor=False)),
    ("+spread (measured, not kept)", replace(SearchSteps(), spread=True, floor=False)),
    ("+floor (kept steps: lexical, context, intent, topic, floor)", SearchSteps()),
)


@dataclass
class Question:
    position: int
    study: str
    text: str
    codes: list[str] = field(default_factory=list)
    snippets: list[str] = field(default_factory=list)
    off_topic: bool = False

    @property
    def held_out(self) -> bool:
        return self.position % 3 == 0


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = _words(text)
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def load_questions() -> list[Question]:
    raw = json.loads(SET_FILE.read_text("utf-8"))["questions"]
    return [
        Question(
            position=n,
            study=item["study"],
            text=item["question"],
            codes=item.get("codes", []),
            snippets=item.get("snippets", []),
            off_topic=bool(item.get("off_topic", False)),
        )
        for n, item in enumerate(raw, start=1)
    ]


@functools.cache
def _coded() -> tuple[CodedSegment, ...]:
    return tuple(parse_coded_segments(PDPILOT))


def relevant_ids(question: Question, segments: list[Segment], *, loose: bool = False) -> set[str]:
    """Segments that carry a coded passage of one of the codes, or one of the snippets.

    A segment carries a passage when they really overlap: they share ``MIN_SHARED`` runs
    of ``SHINGLE`` words, or half the runs of the shorter of the two. The first version of
    this benchmark (``loose``) counted a single shared run, so a stock phrase such as "I
    don't think I'd" made an unrelated turn of the same participant relevant (33 of 366
    segment-passage pairs were such coincidences); both are reported.
    """
    coded = [c for c in _coded() if any(c.code_path.endswith(code) for code in question.codes)]
    wanted = [(c.participant, _shingles(c.text)) for c in coded]
    snippets = [" ".join(_words(s)) for s in question.snippets]
    found: set[str] = set()
    for segment in segments:
        plain = " ".join(_words(segment.text))
        if any(s in plain for s in snippets):
            found.add(segment.id)
            continue
        shingles = _shingles(segment.text)
        if any(
            _participant_matches(p, segment) and _overlaps(shingles, passage, loose=loose)
            for p, passage in wanted
        ):
            found.add(segment.id)
    return found


def _overlaps(segment: set[tuple[str, ...]], passage: set[tuple[str, ...]], *, loose: bool) -> bool:
    shared = len(segment & passage)
    if loose or not shared:
        return shared > 0
    return shared >= MIN_SHARED or shared >= 0.5 * min(len(segment), len(passage))


def _participant_matches(participant: str, segment: Segment) -> bool:
    return segment.file_name.startswith(participant + ".") or segment.participant == participant


def score(ranked: list[str], relevant: set[str]) -> dict[str, float]:
    top = ranked[:K]
    gains = [1.0 if sid in relevant else 0.0 for sid in top]
    ideal = min(K, len(relevant))
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    idcg = sum(1.0 / math.log2(i + 2) for i in range(ideal))
    first = next((i for i, g in enumerate(gains) if g), None)
    return {
        "recall@8": sum(gains) / ideal if ideal else 0.0,
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
        "ndcg@8": dcg / idcg if idcg else 0.0,
    }


def build(home: Path) -> Workspace:
    settings = Settings(home=home)
    workspace = Workspace.open(settings)
    workspace.ingest_paths(sorted((PDPILOT / "transcripts").glob("P*.txt")), "pdpilot")
    demo = [p for p in sorted(DEMO.iterdir()) if p.is_file() and p.suffix != ".yaml"]
    workspace.ingest_paths([p for p in demo if p.name != "README.md"], "demo")
    return workspace


def evaluate(workspace: Workspace, questions: list[Question]) -> dict[str, Any]:
    segments = {study: workspace.store.segments(study) for study in ("pdpilot", "demo")}
    relevant = {q.position: relevant_ids(q, segments[q.study]) for q in questions}
    missing = [q.text for q in questions if not q.off_topic and not relevant[q.position]]
    if missing:
        raise SystemExit(f"No relevant segment found for: {missing}")
    loose = {q.position: relevant_ids(q, segments[q.study], loose=True) for q in questions}
    report: dict[str, Any] = {}
    for name, steps in STEPS:
        per_part: dict[str, Any] = {}
        for part, held in (("tuned", False), ("held_out", True)):
            chosen = [q for q in questions if q.held_out == held]
            per_part[part] = _part(workspace, chosen, relevant, steps)
            per_part[f"{part} (loose scorer)"] = _part(workspace, chosen, loose, steps)
        report[name] = per_part
        print(name, json.dumps(per_part))
    return {"relevant_segments": {q.text: len(relevant[q.position]) for q in questions}, **report}


def _part(
    workspace: Workspace,
    questions: list[Question],
    relevant: dict[int, set[str]],
    steps: SearchSteps,
) -> dict[str, Any]:
    sums = {"recall@8": 0.0, "mrr": 0.0, "ndcg@8": 0.0}
    answered = [q for q in questions if not q.off_topic]
    off_topic = [q for q in questions if q.off_topic]
    silent_on_topic = 0
    silent_off_topic = 0
    for question in questions:
        hits = workspace.store.search([question.study], question.text, k=K, steps=steps)
        ranked = [hit.segment.id for hit in hits]
        if question.off_topic:
            silent_off_topic += not ranked
            continue
        silent_on_topic += not ranked
        for metric, value in score(ranked, relevant[question.position]).items():
            sums[metric] += value
    return {
        "questions": len(answered),
        **{metric: round(total / len(answered), 3) for metric, total in sums.items()},
        "off_topic_questions": len(off_topic),
        "off_topic_silent": silent_off_topic,
        "on_topic_silent": silent_on_topic,
    }


def main() -> dict[str, Any]:
    questions = load_questions()
    with tempfile.TemporaryDirectory() as home:
        workspace = build(Path(home))
        results = evaluate(workspace, questions)
    document = {
        "benchmark": "retrieval",
        "set": str(SET_FILE.relative_to(ROOT)),
        "questions": len(questions),
        "held_out": sum(q.held_out for q in questions),
        "split_rule": "1-based position divisible by 3 is held out (fixed before tuning)",
        "k": K,
        **results,
    }
    write_results("retrieval", document)
    return document


if __name__ == "__main__":
    main()
