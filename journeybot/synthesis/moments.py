"""Moments of truth: stages where many participants feel strongly, or feeling swings.

Two signals, each with its evidence:

- strong: at least ``MIN_STRONG`` participants, and more than half of those who speak
  with feeling at the stage, say something there with a feeling of ``STRONG`` or more
  either way (one strongly felt moment is what people remember, so a participant's
  strongest sentence counts, not their average); each one's strongest is quoted;
- swing: the stage's mean feeling differs from the previous stage with evidence by
  ``SWING`` or more (on the -1..1 scale), both stages resting on at least two
  participants; the stage's most extreme sentences in the direction of the swing are
  quoted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from journeybot.core.models import Citation, MomentOfTruth, Segment, StageInsight
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.sentences import sentence_spans
from journeybot.synthesis.verify import CitationVerifier

STRONG = 0.6
MIN_STRONG = 3
SWING = 0.6
QUOTES = 3


@dataclass(frozen=True)
class Felt:
    """A participant sentence with feeling, placed at a stage."""

    segment: Segment
    start: int
    end: int
    polarity: float


def felt_sentences(segments: Sequence[Segment], scorer: PolarityScorer) -> list[Felt]:
    felt: list[Felt] = []
    for segment in segments:
        for span in sentence_spans(segment.text):
            polarity = scorer.score(span.of(segment.text))
            if polarity != 0.0:
                felt.append(Felt(segment, span.start, span.end, polarity))
    return felt


def moments_of_truth(
    stages: Sequence[StageInsight],
    felt_at: dict[str, list[Felt]],
    verifier: CitationVerifier,
) -> dict[str, MomentOfTruth]:
    """Stage id -> its flag, for the stages that are moments of truth."""
    flags: dict[str, MomentOfTruth] = {}
    previous: StageInsight | None = None
    for stage in stages:
        felt = felt_at.get(stage.id, [])
        flag = _swing(previous, stage, felt, verifier) or _strong(stage, felt, verifier)
        if flag is not None:
            flags[stage.id] = flag
        if stage.emotion_participants > 0:
            previous = stage
    return flags


def _strong(
    stage: StageInsight, felt: list[Felt], verifier: CitationVerifier
) -> MomentOfTruth | None:
    per_person: dict[str, list[Felt]] = defaultdict(list)
    for item in felt:
        per_person[item.segment.participant].append(item)
    extreme = {p: max(items, key=lambda f: abs(f.polarity)) for p, items in per_person.items()}
    strong = sorted(p for p, f in extreme.items() if abs(f.polarity) >= STRONG)
    if len(strong) < MIN_STRONG or len(strong) * 2 <= len(per_person):
        return None
    negative = sum(1 for p in strong if extreme[p].polarity < 0)
    quoted = sorted((extreme[p] for p in strong), key=lambda f: -abs(f.polarity))
    return MomentOfTruth(
        reason=(
            f"{len(strong)} of the {len(per_person)} participants who voice a feeling at "
            f"{stage.name} feel strongly there ({negative} negative, "
            f"{len(strong) - negative} positive; strong means a feeling of {STRONG} or "
            "more either way on the -1 to +1 scale)."
        ),
        kind="strong",
        citations=_cite_all(verifier, quoted[:QUOTES]),
    )


def _swing(
    previous: StageInsight | None,
    stage: StageInsight,
    felt: list[Felt],
    verifier: CitationVerifier,
) -> MomentOfTruth | None:
    if previous is None or min(previous.emotion_participants, stage.emotion_participants) < 2:
        return None
    change = round(stage.emotion - previous.emotion, 3)
    if abs(change) < SWING:
        return None
    toward = [f for f in felt if f.polarity * change > 0]
    toward.sort(key=lambda f: -abs(f.polarity))
    quoted: dict[str, Felt] = {}
    for item in toward:  # each participant's most extreme sentence, strongest first
        quoted.setdefault(item.segment.participant, item)
    word = "rises" if change > 0 else "drops"
    return MomentOfTruth(
        reason=(
            f"Feeling {word} sharply from {previous.name} ({previous.emotion:+.2f}) to "
            f"{stage.name} ({stage.emotion:+.2f}), a swing of {abs(change):.2f} on the "
            "-1 to +1 scale."
        ),
        kind="swing",
        citations=_cite_all(verifier, list(quoted.values())[:QUOTES]),
    )


def _cite_all(verifier: CitationVerifier, felt: list[Felt]) -> list[Citation]:
    cited = (verifier.cite(f.segment.id, f.segment.text[f.start : f.end]) for f in felt)
    return [c for c in cited if c is not None]
