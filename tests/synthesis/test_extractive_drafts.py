"""The extractive engine on the planted corpus: personas, map, evidence, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from journeybot.core.errors import NoEvidenceError, UsageError
from journeybot.core.models import (
    DEFAULT_STAGES,
    Citation,
    JourneyMap,
    PersonaSet,
    Stage,
)
from journeybot.core.text import is_verbatim, match_form
from journeybot.synthesis.base import Drafter, StudyEvidence
from journeybot.synthesis.extractive.complaints import complaint_question
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter
from journeybot.synthesis.extractive.problem_kinds import KINDS
from journeybot.synthesis.extractive.requests import request_in
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.terms import fresh_terms, term_roots
from tests.synthesis.planted_corpus import PLANTED


def _citations(draft: PersonaSet | JourneyMap) -> list[Citation]:
    cited = [c for claim in draft.claims() for c in claim.citations]
    if isinstance(draft, PersonaSet):
        cited += [c for persona in draft.personas for c in persona.quotes]
    return cited


def _without_time(draft: PersonaSet | JourneyMap) -> dict[str, Any]:
    return draft.model_dump(mode="json", exclude={"coverage": {"created_at"}})


def test_the_drafter_meets_the_protocol() -> None:
    drafter: Drafter = ExtractiveDrafter()
    assert drafter.engine == "extractive"
    assert drafter.model is None


def test_planted_personas_are_recovered(
    planted_personas: PersonaSet, planted_key: dict[str, Any]
) -> None:
    truth = {p: name for name, people in planted_key["personas"].items() for p in people}
    found = {p: persona.id for persona in planted_personas.personas for p in persona.participants}
    assert sorted(found) == sorted(truth), "every participant belongs to exactly one persona"
    people = sorted(truth)
    ari = adjusted_rand_score([truth[p] for p in people], [found[p] for p in people])
    assert ari >= 0.6
    clustering = planted_personas.clustering
    assert set(clustering) >= {"k", "method", "score"}
    assert 2 <= int(clustering["k"]) <= 6
    assert int(clustering["k"]) == len(planted_personas.personas)


def test_personas_are_named_and_backed_by_their_own_members(
    planted_personas: PersonaSet,
) -> None:
    ids = [p.id for p in planted_personas.personas]
    assert len(set(ids)) == len(ids)
    named = [term_roots(p.name.split(": ", 1)[1]) for p in planted_personas.personas]
    for i, roots in enumerate(named):  # no two names say the same thing
        assert all(not roots & other for other in named[i + 1 :])
    for persona in planted_personas.personas:
        assert persona.name and persona.summary and persona.themes
        members = set(persona.participants)
        assert persona.pain_points and persona.behaviours and persona.quotes
        for citation in [*persona.quotes, *(c for k in persona.claims() for c in k.citations)]:
            assert citation.participant in members
        for claim in persona.claims():
            assert claim.citations and 1 <= claim.participants <= len(members)


def test_a_persona_is_not_named_by_what_an_earlier_ones_name_says() -> None:
    first = ["important features", "data points", "residual analysis"]
    taken = term_roots(first[0]) | term_roots(first[1])
    second = ["important feature", "scatter plots", "computations"]
    assert fresh_terms(first, set()) == first[:2]
    assert fresh_terms(second, taken) == ["scatter plots", "computations"]
    assert fresh_terms(["data points"], taken) == ["data points"]  # nothing else left


def test_dissent_quotes_both_sides(planted_personas: PersonaSet, planted: StudyEvidence) -> None:
    read = {r.text: r.polarity for r in ExtractiveDrafter().read(planted)}  # as drafted
    dissent = [claim for p in planted_personas.personas for claim in p.dissent]
    assert dissent, "the planted personas disagree about price, support and setup"
    for claim in dissent:
        moods = {PolarityScorer.label(read[c.quote]) for c in claim.citations}
        assert {"positive", "negative"} <= moods, claim
        assert len({c.participant for c in claim.citations}) >= 2


def test_map_has_every_stage_in_order_with_rows(
    planted_map: JourneyMap, planted: StudyEvidence
) -> None:
    assert [s.id for s in planted_map.stages] == [s.id for s in DEFAULT_STAGES]
    participants = {seg.participant for seg in planted.segments}
    for stage in planted_map.stages:
        assert stage.has_evidence
        assert -1.0 <= stage.emotion <= 1.0
        assert 0 < stage.emotion_participants <= len(participants)
        assert stage.claims(), stage.id
        for claim in stage.claims():
            assert claim.text and claim.citations
            assert 1 <= claim.participants <= len(participants)
    rows = {row for s in planted_map.stages for row in ("actions", "feelings") if getattr(s, row)}
    assert rows == {"actions", "feelings"}
    # Shared pains surface at most stages (a stage's lone voices give way to shared themes).
    assert sum(bool(s.pain_points) for s in planted_map.stages) >= 5


def test_feelings_carry_the_polarity_of_their_quotes(planted_map: JourneyMap) -> None:
    scorer = PolarityScorer()
    feelings = [f for stage in planted_map.stages for f in stage.feelings]
    assert feelings
    for feeling in feelings:
        scores = [scorer.score(c.quote) for c in feeling.citations]
        assert all(s * feeling.polarity > 0 for s in scores), feeling


def test_opportunities_come_from_pain_points(planted_map: JourneyMap) -> None:
    """Every quote an opportunity cites backs a pain point of its stage, except a
    participant's request that words it, cited first."""
    for stage in planted_map.stages:
        pain_quotes = {(c.segment_id, c.quote) for p in stage.pain_points for c in p.citations}
        for opportunity in stage.opportunities:
            assert opportunity.text.startswith("How might we")
            assert opportunity.text.endswith("?")
            cited = [(c.segment_id, c.quote) for c in opportunity.citations]
            request = request_in(cited[0][1])
            if request is not None and opportunity.text == request.question:
                cited = cited[1:]
            elif opportunity.text in KIND_QUESTIONS:  # a kind of problem its quotes tell
                kind = KIND_QUESTIONS[opportunity.text]
                assert any(kind.told.search(q.replace("\u2019", "'")) for _, q in cited)
            else:  # the pain point's own words: quoted, or a complaint turned
                assert opportunity.text.startswith("How might we address") or any(
                    complaint_question(clause) == opportunity.text
                    for clause in _clauses_of(cited[0][1])
                ), opportunity.text
            assert set(cited) <= pain_quotes


KIND_QUESTIONS = {kind.question: kind for kind in KINDS}


def test_a_pain_of_a_known_kind_asks_its_question_once_a_stage(planted_map: JourneyMap) -> None:
    """Two people's price rises at renewal ("put the price up to eleven pounds", "the seat
    price went up twenty percent") ask about price changes, not "address “...”"."""
    renewal = next(stage for stage in planted_map.stages if stage.id == "renewal")
    assert "How might we make price changes feel fair and expected?" in [
        o.text for o in renewal.opportunities
    ]
    for stage in planted_map.stages:
        asked = [o.text for o in stage.opportunities if o.text in KIND_QUESTIONS]
        assert len(asked) == len(set(asked)), stage.id


def _clauses_of(quote: str) -> list[str]:
    """Every run of the quote's words a headline could be."""
    words = quote.split()
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]


def test_emotion_curve_dips_where_the_planted_pain_is(planted_map: JourneyMap) -> None:
    emotion = {stage.id: stage.emotion for stage in planted_map.stages}
    # Onboarding and support are where the planted interviews hurt most; usage is
    # mostly routine that works.
    assert min(emotion["onboarding"], emotion["support"]) < emotion["usage"]


@pytest.mark.parametrize("draft_name", ["planted_personas", "planted_map"])
def test_every_citation_is_verbatim_participant_text(
    draft_name: str, request: pytest.FixtureRequest, planted: StudyEvidence
) -> None:
    draft = request.getfixturevalue(draft_name)
    by_id = {seg.id: seg for seg in planted.segments}
    questions = [match_form(seg.context) for seg in planted.segments if seg.context]
    cited = _citations(draft)
    assert cited
    for citation in cited:
        seg = by_id[citation.segment_id]
        assert is_verbatim(citation.quote, seg.text)
        assert citation.participant == seg.participant
        assert citation.source == seg.file_name and citation.location == seg.location
        assert not any(match_form(citation.quote) in q for q in questions)


def test_coverage_says_what_was_read(planted_map: JourneyMap, planted: StudyEvidence) -> None:
    coverage = planted_map.coverage
    assert coverage.engine == "extractive" and coverage.model is None
    assert coverage.prompt_versions == {}
    assert coverage.segments_read == len(planted.segments)
    assert coverage.participants == sorted({s.participant for s in planted.segments})
    assert coverage.sources == sorted({s.file_name for s in planted.segments})
    assert coverage.stages == [s.id for s in DEFAULT_STAGES]
    cited = {c.segment_id for c in _citations(planted_map)}
    assert coverage.segments_cited == len(cited) > 0
    assert coverage.quotes_dropped == 0


def test_drafts_are_deterministic_with_stable_claim_ids(
    planted: StudyEvidence, planted_personas: PersonaSet, planted_map: JourneyMap
) -> None:
    again = ExtractiveDrafter()
    personas = again.draft_personas(planted)
    journey = again.draft_map(planted, list(DEFAULT_STAGES))
    assert _without_time(personas) == _without_time(planted_personas)
    assert _without_time(journey) == _without_time(planted_map)
    for draft in (planted_personas, planted_map):
        ids = [claim.id for claim in draft.claims()]
        assert len(ids) == len(set(ids)) and all(ids)


def test_persona_map_uses_only_that_personas_evidence(
    planted: StudyEvidence, planted_personas: PersonaSet
) -> None:
    persona = planted_personas.personas[0]
    scoped = planted.for_participants(persona.participants)
    journey = ExtractiveDrafter().draft_map(scoped, list(DEFAULT_STAGES), persona)
    assert journey.persona == persona.id and journey.persona_name == persona.name
    assert journey.coverage.participants == sorted(persona.participants)
    assert {c.participant for c in _citations(journey)} <= set(persona.participants)


def test_stages_without_evidence_are_kept_and_say_so(planted: StudyEvidence) -> None:
    few = StudyEvidence(
        study=planted.study,
        segments=planted.segments[:2],
        vectors=planted.vectors[:2],
        embedder=planted.embedder,
        sources=planted.sources,
    )
    stages = [*DEFAULT_STAGES, Stage(id="advocacy", name="Advocacy")]
    journey = ExtractiveDrafter().draft_map(few, stages)
    assert [s.id for s in journey.stages] == [s.id for s in stages]
    empty = [s for s in journey.stages if not s.has_evidence]
    assert empty
    for stage in empty:
        assert not stage.claims()
        assert any(stage.name in note for note in journey.coverage.notes)


def test_too_few_participants_make_one_persona_and_say_so(planted: StudyEvidence) -> None:
    pair = planted.for_participants(["Priya", "Ruth"])
    personas = ExtractiveDrafter().draft_personas(pair)
    assert len(personas.personas) == 1
    assert sorted(personas.personas[0].participants) == ["Priya", "Ruth"]
    assert personas.clustering["k"] == 1
    assert any("too few" in note for note in personas.coverage.notes)


def test_no_evidence_and_no_stages_are_refused(planted: StudyEvidence) -> None:
    nothing = planted.for_participants([])
    drafter = ExtractiveDrafter()
    with pytest.raises(NoEvidenceError):
        drafter.draft_personas(nothing)
    with pytest.raises(NoEvidenceError):
        drafter.draft_map(nothing, list(DEFAULT_STAGES))
    with pytest.raises(UsageError):
        drafter.draft_map(planted, [])


_DRAFT_SCRIPT = """
import json, sys
from pathlib import Path
from journeybot.core.models import DEFAULT_STAGES
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter
from tests.synthesis.planted_corpus import load_evidence
evidence = load_evidence(Path(sys.argv[1]), HashingEmbedder())
drafter = ExtractiveDrafter()
drafts = [drafter.draft_personas(evidence), drafter.draft_map(evidence, list(DEFAULT_STAGES))]
out = [d.model_dump(mode="json", exclude={"coverage": {"created_at"}}) for d in drafts]
print(json.dumps(out, sort_keys=True))
"""


def test_drafts_do_not_depend_on_the_process_hash_seed() -> None:
    """Claim ids must survive a restart: string hashing differs between processes."""
    root = Path(__file__).resolve().parents[2]
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        done = subprocess.run(
            [sys.executable, "-c", _DRAFT_SCRIPT, str(PLANTED / "interviews")],
            capture_output=True,
            text=True,
            env=env,
            cwd=root,
            timeout=120,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert '"pain_points"' in outputs[0]


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_subset_of_participants_drafts_verbatim_quotes(
    data: st.DataObject, planted: StudyEvidence
) -> None:
    people = sorted({seg.participant for seg in planted.segments})
    chosen = data.draw(st.lists(st.sampled_from(people), min_size=1, max_size=6, unique=True))
    scoped = planted.for_participants(chosen)
    drafter = ExtractiveDrafter()
    by_id = {seg.id: seg for seg in scoped.segments}
    for draft in (drafter.draft_personas(scoped), drafter.draft_map(scoped, list(DEFAULT_STAGES))):
        ids = [claim.id for claim in draft.claims()]
        assert len(ids) == len(set(ids))
        for citation in _citations(draft):
            assert citation.participant in chosen
            assert is_verbatim(citation.quote, by_id[citation.segment_id].text)


def _headline(text: str) -> str:
    """A claim's own words: its text without the bracketed topic or a closing ellipsis."""
    if text.endswith(")") and " (" in text:
        text = text[: text.rindex(" (")]
    return text.removesuffix("\u2026")


def test_claims_are_worded_in_the_words_of_their_first_quote(
    planted_map: JourneyMap, planted_personas: PersonaSet
) -> None:
    claims = [
        claim
        for stage in planted_map.stages
        for claim in [*stage.actions, *stage.thoughts, *stage.pain_points]
    ]
    claims += [
        claim
        for persona in planted_personas.personas
        for claim in [*persona.goals, *persona.pain_points, *persona.behaviours]
    ]
    assert len(claims) >= 20
    for claim in claims:
        said = _headline(claim.text)
        quote = claim.citations[0].quote
        # Verbatim but for a capital first letter: the row, not a prefix, says the kind.
        assert said[1:] in quote and said[:1].lower() in quote.lower(), claim.text
        assert said[:1] == said[:1].upper()


def test_a_quote_backs_one_row_of_a_stage(
    planted_map: JourneyMap, planted_personas: PersonaSet
) -> None:
    for stage in planted_map.stages:
        seen: set[tuple[str, str]] = set()
        for row in ("pain_points", "feelings", "thoughts", "actions"):
            for claim in getattr(stage, row):
                keys = {(c.segment_id, c.quote) for c in claim.citations}
                assert not keys & seen, (stage.id, row, claim.text)
                seen |= keys
    for persona in planted_personas.personas:
        seen = set()
        for claim in persona.pain_points + persona.goals + persona.behaviours:
            keys = {(c.segment_id, c.quote) for c in claim.citations}
            assert not keys & seen, (persona.id, claim.text)
            seen |= keys
