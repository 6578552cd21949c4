"""Draft quality on a planted study: every planted quote has a gold stage, polarity, pain
theme and persona, so stage, feeling, theme and persona errors can be counted. The studies
and how they were split are described in ``planted_studies.py``.

Measures (per study): stage accuracy and feeling polarity accuracy of every planted
quote, as the engine reads it; pain-theme recall (a gold pain theme is recalled when a
pain-point claim of the map or a persona cites one of its planted quotes); of the pairs
of people one pain-point claim quotes on planted pain quotes, the share who told of the
same gold pain theme (a claim that joins different problems is wrong however many people
it counts); the share of claims resting on two or more participants; persona adjusted
Rand index and k against the planted personas; the share of quotes that are verbatim
participant speech (checked against the files read again, independently of the engine);
how often a leading question's word the participant turned down is shown as their
feeling; and how well the phases ``stages --suggest`` proposes from the interviewer's
questions match the key's stages (adjusted Rand index over the planted quotes).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from planted_studies import PlantedStudy, reading_of, segment_of, words
from sklearn.metrics import adjusted_rand_score

from journeybot.core.models import (
    DEFAULT_STAGES,
    Citation,
    Claim,
    Feeling,
    JourneyMap,
    PersonaSet,
    Role,
)
from journeybot.core.text import is_verbatim, match_form
from journeybot.retrieval.embeddings import Embedder
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.stage_assign import StageAssigner
from journeybot.synthesis.stage_fit import phases

#: Words in a row two texts must share to count as the same passage.
SHINGLE = 6


def overlaps(a: str, b: str) -> bool:
    """Whether two texts share a run of ``SHINGLE`` words (or one holds the other)."""
    if is_verbatim(a, b) or is_verbatim(b, a):
        return True
    wa, wb = words(a), words(b)
    grams = {tuple(wa[i : i + SHINGLE]) for i in range(len(wa) - SHINGLE + 1)}
    return any(tuple(wb[i : i + SHINGLE]) in grams for i in range(len(wb) - SHINGLE + 1))


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def quote_readings(evidence: StudyEvidence, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """Stage and polarity accuracy of every planted quote, as the engine reads it."""
    assigner = StageAssigner(DEFAULT_STAGES, evidence.embedder)
    stages = assigner.assign(evidence.segments, evidence.vectors)
    readings = ExtractiveDrafter().read(evidence)
    found = stage_right = polarity_right = 0
    missing: list[str] = []
    confusion: dict[str, int] = defaultdict(int)
    for q in quotes:
        index = segment_of(evidence, q["participant"], q["quote"])
        if index is None:
            missing.append(f"{q['participant']}: {q['quote'][:40]}")
            continue
        found += 1
        stage_right += stages[index].stage_id == q["stage"]
        reading = reading_of(readings, index, q["quote"])
        label = PolarityScorer.label(reading.polarity) if reading else "neutral"
        polarity_right += label == q["polarity"]
        confusion[f"{q['polarity']}->{label}"] += 1
    return {
        "planted_quotes": len(quotes),
        "planted_quotes_found_in_segments": found,
        "missing": missing,
        "stage_accuracy": _share(stage_right, len(quotes)),
        "polarity_accuracy": _share(polarity_right, len(quotes)),
        "polarity_gold_to_read": dict(sorted(confusion.items())),
    }


def _pain_claims(journey: JourneyMap, personas: PersonaSet) -> list[Claim]:
    return [
        *(c for s in journey.stages for c in s.pain_points),
        *(c for p in personas.personas for c in p.pain_points),
    ]


def pain_theme_recall(
    quotes: list[dict[str, Any]], journey: JourneyMap, personas: PersonaSet
) -> dict[str, Any]:
    """Gold pain themes a pain-point claim cites a planted quote of."""
    themes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in quotes:
        if q.get("pain"):
            themes[q["pain"]].append(q)
    claims = _pain_claims(journey, personas)
    recalled, shared = [], []
    for theme, planted in sorted(themes.items()):
        hits = [
            (claim, c.participant)
            for claim in claims
            for c in claim.citations
            for q in planted
            if c.participant == q["participant"] and overlaps(c.quote, q["quote"])
        ]
        if hits:
            recalled.append(theme)
        by_claim: dict[str, set[str]] = defaultdict(set)
        for claim, who in hits:
            by_claim[claim.id].add(who)
        if any(len(people) >= 2 for people in by_claim.values()):
            shared.append(theme)
    positive = [q for q in quotes if q["polarity"] == "positive"]
    praise_as_pain = sum(
        any(c.participant == q["participant"] and overlaps(c.quote, q["quote"]) for q in positive)
        for claim in claims
        for c in claim.citations
    )
    pairs, agreeing = _pairs_of_people(quotes, claims)
    return {
        "gold_pain_themes": len(themes),
        "pain_theme_recall": _share(len(recalled), len(themes)),
        "recalled": recalled,
        "missed": sorted(set(themes) - set(recalled)),
        "recalled_as_one_shared_claim": _share(len(shared), len(themes)),
        "pain_quotes_that_are_planted_praise": praise_as_pain,
        "pain_claim_pairs": pairs,
        "pain_claim_pairs_on_one_gold_theme": _share(agreeing, pairs),
    }


def _pairs_of_people(quotes: list[dict[str, Any]], claims: list[Claim]) -> tuple[int, int]:
    """Pairs of people one pain-point claim quotes, each quote a planted pain quote, and
    how many of them the key puts in the same pain theme: whether the people a claim
    counts say the same thing, not merely something alike."""
    pairs = agreeing = 0
    for claim in claims:
        themes: dict[str, str] = {}
        for c in claim.citations:
            planted = next(
                (
                    q
                    for q in quotes
                    if c.participant == q["participant"] and overlaps(c.quote, q["quote"])
                ),
                None,
            )
            if planted is not None and planted.get("pain"):
                themes.setdefault(c.participant, planted["pain"])
        said = list(themes.values())
        for i, theme in enumerate(said):
            pairs += len(said) - i - 1
            agreeing += sum(theme == other for other in said[i + 1 :])
    return pairs, agreeing


def shared_claims(journey: JourneyMap, personas: PersonaSet) -> dict[str, Any]:
    map_claims = [c for c in journey.claims() if c.citations]
    persona_claims = [c for c in personas.claims() if c.citations]
    every = map_claims + persona_claims
    return {
        "map": f"{sum(c.participants >= 2 for c in map_claims)}/{len(map_claims)}",
        "personas": f"{sum(c.participants >= 2 for c in persona_claims)}/{len(persona_claims)}",
        "share_on_two_or_more": _share(sum(c.participants >= 2 for c in every), len(every)),
    }


def persona_agreement(key: dict[str, Any], personas: PersonaSet) -> dict[str, Any]:
    gold = {p: name for name, people in key["personas"].items() for p in people}
    drafted = {p: persona.id for persona in personas.personas for p in persona.participants}
    people = sorted(set(gold) | set(drafted))
    truth = [gold.get(p, f"extra:{p}") for p in people]
    guess = [drafted.get(p, f"missing:{p}") for p in people]
    return {
        "planted_k": len(key["personas"]),
        "k": len(personas.personas),
        "ari": round(float(adjusted_rand_score(truth, guess)), 3),
        "names": [p.name for p in personas.personas],
        "clustering": personas.clustering,
        "participants_not_planted": sorted(set(drafted) - set(gold)),
    }


def _every_citation(journey: JourneyMap, personas: PersonaSet) -> list[Citation]:
    out = [c for claim in [*journey.claims(), *personas.claims()] for c in claim.citations]
    return out + [c for p in personas.personas for c in p.quotes]


def verbatim_share(study: PlantedStudy, citations: list[Citation]) -> dict[str, Any]:
    """Quotes found in a participant turn of the named speaker, in the file re-read."""
    bad: list[str] = []
    for c in citations:
        transcript = study.sources.get(c.source)
        turns = [
            u.text
            for u in (transcript.utterances if transcript else [])
            if u.role == Role.PARTICIPANT and u.speaker == c.participant
        ]
        if not any(is_verbatim(c.quote, t) for t in turns):
            bad.append(f"{c.participant}: {c.quote[:60]}")
    return {
        "quotes": len(citations),
        "share_verbatim_participant_speech": _share(len(citations) - len(bad), len(citations)),
        "not_verbatim": bad[:10],
    }


def _stem(word: str) -> str:
    return match_form(word).lower()[:6]


def rejected_word_shown(key: dict[str, Any], journey: JourneyMap, personas: PersonaSet) -> Any:
    """Feelings and pains that show a leading question's word the participant turned down.

    A claim that says the word counts; so does any negative claim citing a reply that
    turned the word down without a word of its own ("Worried, no, not really"), unless
    the key reads that reply as negative all the same ("Frustrating, I don't know, it was
    three months of emails"): a pain citing it is then the participant's own complaint,
    and is listed apart."""
    rows: list[Claim] = [
        *(c for s in journey.stages for c in [*s.feelings, *s.pain_points]),
        *(c for p in personas.personas for c in p.pain_points),
    ]
    negative_replies = {
        (r["participant"], r["reply"])
        for r in key.get("leading_replies", [])
        if r.get("polarity") == "negative"
    }
    shown: list[str] = []
    complaints: list[str] = []
    for rejection in key.get("rejected_words", []):
        stem = _stem(rejection["rejected"])
        for claim in rows:
            cites_reply = any(
                c.participant == rejection["participant"] and overlaps(c.quote, rejection["reply"])
                for c in claim.citations
            )
            if not cites_reply:
                continue
            says_word = stem in match_form(claim.text).lower()
            negative = not isinstance(claim, Feeling) or claim.polarity < 0
            told = f"{rejection['participant']}: {claim.text[:70]}"
            if says_word:
                shown.append(told)
            elif not rejection.get("own") and negative:
                reply = (rejection["participant"], rejection["reply"])
                (complaints if reply in negative_replies else shown).append(told)
    return {"count": len(shown), "claims": shown, "negative_claims_on_a_negative_reply": complaints}


def evaluate(study: PlantedStudy, embedder: Embedder) -> dict[str, Any]:
    evidence = study.evidence(embedder)
    drafter = ExtractiveDrafter()
    personas = drafter.draft_personas(evidence)
    journey = drafter.draft_map(evidence, list(DEFAULT_STAGES))
    quotes = study.key["quotes"]
    return {
        "files": [p.name for p in study.files],
        "segments": len(evidence.segments),
        **quote_readings(evidence, quotes),
        **pain_theme_recall(quotes, journey, personas),
        "claims_on_two_or_more_participants": shared_claims(journey, personas),
        "personas": persona_agreement(study.key, personas),
        "verbatim": verbatim_share(study, _every_citation(journey, personas)),
        "rejected_interviewer_word_as_feeling": rejected_word_shown(study.key, journey, personas),
        "suggested_stages": suggested_stage_agreement(evidence, quotes),
        "map_notes": journey.coverage.notes,
    }


def suggested_stage_agreement(evidence: StudyEvidence, quotes: list[dict[str, Any]]) -> Any:
    """How well the phases ``stages --suggest`` proposes match the key's stages: the
    adjusted Rand index between the phase of the question each planted quote answers
    and the quote's gold stage (quotes answering no counted question are left out)."""
    found = phases(evidence.segments, evidence.embedder, evidence.vectors)
    pairs = []
    for q in quotes:
        index = segment_of(evidence, q["participant"], q["quote"])
        phase = found.of_segment(evidence.segments[index]) if index is not None else None
        if phase is not None:
            pairs.append((q["stage"], phase))
    return {
        "phases": len(found.in_order()),
        "quotes_placed": len(pairs),
        "ari_with_key_stages": round(
            float(adjusted_rand_score([g for g, _ in pairs], [p for _, p in pairs])), 3
        )
        if pairs
        else None,
    }


def _count(share: float | None, total: int) -> int:
    return round((share or 0.0) * total)


def _ratio(text: str) -> tuple[int, int]:
    hits, total = text.split("/")
    return int(hits), int(total)


def combined(parts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Several tuned studies' figures pooled: per quote, per theme, per claim."""
    quotes = sum(p["planted_quotes"] for p in parts.values())
    themes = sum(p["gold_pain_themes"] for p in parts.values())
    claims = [
        _ratio(p["claims_on_two_or_more_participants"][side])
        for p in parts.values()
        for side in ("map", "personas")
    ]
    cited = sum(p["verbatim"]["quotes"] for p in parts.values())
    verbatim = sum(
        _count(p["verbatim"]["share_verbatim_participant_speech"], p["verbatim"]["quotes"])
        for p in parts.values()
    )
    return {
        "studies": sorted(parts),
        "planted_quotes": quotes,
        "stage_accuracy": _share(
            sum(_count(p["stage_accuracy"], p["planted_quotes"]) for p in parts.values()), quotes
        ),
        "polarity_accuracy": _share(
            sum(_count(p["polarity_accuracy"], p["planted_quotes"]) for p in parts.values()),
            quotes,
        ),
        "pain_theme_recall": _share(sum(len(p["recalled"]) for p in parts.values()), themes),
        "pain_claim_pairs_on_one_gold_theme": _share(
            sum(
                _count(p["pain_claim_pairs_on_one_gold_theme"], p["pain_claim_pairs"])
                for p in parts.values()
            ),
            sum(p["pain_claim_pairs"] for p in parts.values()),
        ),
        "claims_share_on_two_or_more": _share(sum(h for h, _ in claims), sum(t for _, t in claims)),
        "persona_ari": {name: p["personas"]["ari"] for name, p in parts.items()},
        "suggested_stages_mean_ari": round(
            sum(p["suggested_stages"]["ari_with_key_stages"] or 0.0 for p in parts.values())
            / len(parts),
            3,
        ),
        "share_verbatim_participant_speech": _share(verbatim, cited),
        "rejected_interviewer_word_as_feeling": sum(
            p["rejected_interviewer_word_as_feeling"]["count"] for p in parts.values()
        ),
    }
