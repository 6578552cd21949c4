"""The offline drafting engine: deterministic, no network, quotes only.

It never writes prose a participant did not say: a claim is a theme several participants
raised, labelled by the most central clause of its lead quote (spoken fillers taken out),
framed only where the row needs it ("Negative feeling (cross): ...", "How might we
address this: ...?"), and every quote is cut from a stored segment and passed through
the verifier. Same evidence in, same draft
out (apart from the timestamp), so reviewers' verdicts survive a re-draft.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeybot.core.errors import NoEvidenceError, UsageError
from journeybot.core.models import (
    Answer,
    Citation,
    JourneyMap,
    Persona,
    PersonaSet,
    Stage,
)
from journeybot.retrieval.embeddings import Embedder
from journeybot.synthesis.base import RetrievedEvidence, StudyEvidence
from journeybot.synthesis.coverage import CoverageBuilder
from journeybot.synthesis.extractive.answer import extractive_answer
from journeybot.synthesis.extractive.embedding_cache import CachingEmbedder
from journeybot.synthesis.stage_fit import fit_notes

if TYPE_CHECKING:
    from journeybot.synthesis.polarity import PolarityScorer
    from journeybot.synthesis.rows import Reading
    from journeybot.synthesis.stage_assign import StageWeights

# Drafting personas and maps needs scikit-learn and the theme machinery (seconds to
# import); answering a question needs neither, so those modules are imported by the
# two drafting methods below. Reading sentences (the polarity scorer, its cue patterns,
# the rows) is imported by ``read`` for the same reason: ``ask`` never reads.

ENGINE = "extractive"
#: Bumped whenever the same evidence would be drafted differently (see ``Drafter.version``).
#: 2: claims worded by a verbatim clause, sentence-embedding themes, one row per quote.
#: 3: questions put to the listener and reported verdicts ("they say...") are no evidence;
#:    long member lists summarised.
#: 4: themes across participants (shared first, one single voice only where nothing
#:    broader), labels without fillers or term brackets, personas named by needs.
#: 5: a list item's number is no sentence.
#: 6: polarity reads service talk without opinion words, irony, concessions and
#:    alternatives not taken (``cues_service``, ``polarity_scope``).
#: 7: sentences still neutral after the anchors may take a sign from the sentence
#:    classifier (``polarity_model``); its file's version is added to ``version``.
#: 8: a wish or request is no praise ("it would be nice if...", "Better dashboards"), a
#:    verdict speaks for what it governs ("I liked that...", "hard to..."), "No X" is
#:    an absence, not a denial; emphatic absence, exasperation and prompt service cues.
#: 9: everyday idioms (``cues_everyday``): reliance, no complaint, scarcity, not told,
#:    handed between people, regret, advocacy, delay; a question the speaker asks
#:    themself is no verdict; the classifier also reads sentences that back no row,
#:    through their segment's vector.
#: 10: a learned stage opinion; a denied echo of the question's word reads as the denial.
#: 11: a denied echo makes no rows and opens no headline; a quote that turns a word down
#:     backs no claim worded with it; headlines scored as shown after cutting; "never
#:     once" and praise around a complaint (irony) read by what they are about.
#: 12: the sentence classifier reads words as well as the vector, for every sentence, and
#:     overrules a weak reading of a rule or anchor when it is sure (``polarity_model``).
#: 13: the feelings row groups by topic, then feeling family, then sign, and counts only
#:     the speaker's own feeling words (no word of address, wish or someone else's);
#:     a stage whose single voices go is drafted again without them.
#: 14: opportunities worded from what participants asked for (``requests``).
#: 15: the sentence classifier reads the question a reply answers, and a complaint it is
#:     very sure of may back a pain point (``polarity_anchors.PAIN_SURE``); personas
#:     lean on the questions each person was asked (``clustering.QUESTION_WEIGHT``).
#: 16: pain themes led by someone stating the problem, a feeling about nothing named is
#:     no pain, themes weigh shared content words more (``themes.EMBEDDING_SHARE``),
#:     and a complaint that says what was missing words its opportunity (``complaints``).
#: 17: a complaint told as what happened may stand beside a stated one in a pain theme
#:     (``row_themes``), nothing read as praise backs a pain point, the anchors' rows
#:     come from the speaker's own words, "already told" is no complaint unless what
#:     was given is asked for again, and Support needs talk of getting help.
#: 18: money handed back (a refund, a payout, a charge taken off) is an outcome praised
#:     (``cues_outcomes``); the words of a multi-word name ("their Return Strong
#:     programme") and greetings ("say good morning") are no verdict; an opportunity
#:     worded from a chore drops when it came to it ("in the end", ``complaints``).
#: 19: a reply that turns a leading question's word down is read from its denial on
#:     (``polarity_anchors.as_answered``); opportunities are worded from whichever quote
#:     of a pain says what was missing ("get the reset email to come").
#: 20: the number of personas is found by dividing groups while their halves stand
#:     apart (``clustering``), not by one best k for the whole study; anyone at all
#:     ("somebody", "a lad") names no persona or theme (``terms``).
#: 21: talk without punctuation (automatic captions) is cut where a clause opens ("and",
#:     "so", "um"), so no quote or claim label runs on for a paragraph (``sentences``);
#:     a map whose stages fit badly notes the interviews' own phases (``stage_fit``).
#: 22: thanking the room and chairing it ("I want to thank everybody", "open the floor
#:     for questions") back no row, like call logistics (``quote_choice.LOGISTICS``);
#:     a session log's notes are cited as notes on a participant (``Citation.note``).
#: 23: a question about what set it off ("how did buying come up?", "what got you
#:     started?", "what brought you to ...?") places its reply at awareness, not at the
#:     stage its product's verb names (``stage_cues``).
#: 24: only a sentence that ends read negative backs a pain point: a fact told in problem
#:     words ("paid the booking fee") that every reader found neutral does not
#:     (``row_themes.can_back``); news that came late words its opportunity as telling
#:     sooner, a regret for news not given as telling (``complaints``); "like" after
#:     "quite", "don't" or before "the" is liking, relief ("breathed out"), damage and
#:     setbacks are read, and a device named by a feeling word ("the alarm worked") is
#:     no feeling; leaving the call ("I have to go, eleven drops still") is logistics
#:     (``quote_choice.LOGISTICS``).
#: 25: "no" opens a label only as an answer ("No, it came"), never before a word ("no
#:     trip to the surgery" is no longer labelled "Trip to the surgery"), and a feeling
#:     word that qualifies a thing ("a sick note", "the panic button") is no feeling;
#:     praise before "but" concedes whatever its strength ("a great idea, but the texts
#:     come an hour late" is a complaint), acceptance after it is none ("but I'll take
#:     it"), "not great, not terrible" is middling, "Brilliant, another upload." is
#:     irony however short, and a problem put right by someone else ("then Lorraine
#:     picked up and sorted it", "remade at no cost") is praise; "don't you worry about
#:     that" reassures, as "don't worry" did, and is no feeling.
#: 26: the answers to the interview's opening questions (``background``): one
#:     person's introduction ("tell me a bit about yourself") backs a theme only beside
#:     talk of the journey or another introduction saying the same (a bereavement is no
#:     pain point at Awareness), and an answer to a check on the call ("can you hear me
#:     okay?") backs nothing; a genre ("the old war films") is no complaint, "I'm a
#:     sucker for", "made a massive difference" and "right when I needed them" are
#:     praise, and so is prompt service told as the event ("it was done the same day",
#:     "seen within forty minutes"); "No problem, it was fun" is logistics.
#: 27: the sentence classifier reads every sentence that can back a claim with its own
#:     vector, as it was fitted, not only those the rules left neutral.
#: 28: "though" ending a clause ("accepted it online though, which was slick") no longer
#:     splits the sentence into a concession and a let-down; "slick" is praise.
#: 29: the stage classifier reads the talk and questions either side of each answer and
#:     is fitted on all twenty-seven tuned studies; a feeling word turned down as too
#:     weak or too strong ("Annoyed doesn't cover it") is not the participant's.
#: 30: a pain theme whose complaint has no grammar to turn asks the question of the kind
#:     of problem at least half its people tell (``problem_kinds``: a price rise, no one to
#:     reach, a visit that did not happen ...) instead of quoting the pain back.
#: 31: a second pain theme of a kind the stage already asks about joins that
#:     opportunity (everyone behind either counted) and the next pain gets the place.
#: 32: the kinds are told in other Englishes too ("raised the fee", "talk to a real
#:     person", "didn't show", "got my order wrong", "arrived defective").
#: 33: the stage classifier keeps quiet where it would put most of a study's interview
#:     talk in one stage, not where it is unsure of the study as a whole.
#: 34: a feeling word said back in doubt ("Frustrating, I don't know, ...") is turned down,
#:     as is one "too small a word" or "not strong enough", in any of its forms
#:     ("disappointing" as "disappointed"); the sentence classifier is fitted on 31 studies.
EXTRACTIVE_VERSION = "extractive@34"
#: Evidence sets whose sentence readings a drafter keeps (everyone, then personas).
READINGS_KEPT = 4


class ExtractiveDrafter:
    """Drafts personas, journey maps and answers from quotes alone."""

    engine = ENGINE
    model: str | None = None

    def __init__(
        self,
        scorer: PolarityScorer | None = None,
        stage_weights: StageWeights | None = None,
    ) -> None:
        self._scorer = scorer
        self.stage_weights = stage_weights
        self._lock = threading.Lock()
        self._embedder: CachingEmbedder | None = None
        self._readings: OrderedDict[str, list[Reading]] = OrderedDict()

    def draft_personas(self, evidence: StudyEvidence) -> PersonaSet:
        from journeybot.synthesis.clustering import (
            MIN_PARTICIPANTS_TO_CLUSTER,
            cluster_participants,
        )
        from journeybot.synthesis.extractive.persona_draft import PersonaWriter
        from journeybot.synthesis.extractive.reading import EvidenceReading

        _require_segments(evidence)
        reading = EvidenceReading.of(evidence, self.read(evidence), self._cached(evidence.embedder))
        clusters = cluster_participants(evidence, self._cached(evidence.embedder))
        coverage = CoverageBuilder(evidence, engine=self.engine, model=self.model)
        if clusters.k == 1 and len(clusters.groups[0]) < MIN_PARTICIPANTS_TO_CLUSTER:
            coverage.note(
                f"Only {len(clusters.groups[0])} participant(s): too few to tell personas "
                f"apart (clustering needs {MIN_PARTICIPANTS_TO_CLUSTER}), so one persona "
                "covers everyone; add interviews to split it."
            )
        personas = PersonaWriter(reading, clusters).personas()
        for persona in personas:
            if len(persona.participants) == 1:
                coverage.note(
                    f"{persona.name} rests on one participant ({persona.participants[0]}): "
                    "treat it as a single voice, not a segment."
                )
        cited = [c for p in personas for c in _persona_citations(p)]
        return PersonaSet(
            study=evidence.study,
            personas=personas,
            coverage=coverage.build(cited, reading.verifier),
            clustering=clusters.as_dict(),
        )

    def draft_map(
        self,
        evidence: StudyEvidence,
        stages: Sequence[Stage],
        persona: Persona | None = None,
    ) -> JourneyMap:
        from journeybot.synthesis.extractive.journey import StageDrafter
        from journeybot.synthesis.extractive.reading import EvidenceReading
        from journeybot.synthesis.stage_assign import StageAssigner

        _require_segments(evidence)
        if not stages:
            raise UsageError(
                f"Study '{evidence.study}' has an empty stage list; give it at least one stage."
            )
        embedder = self._cached(evidence.embedder)
        reading = EvidenceReading.of(evidence, self.read(evidence), embedder)
        assigner = StageAssigner(stages, embedder, self.stage_weights)
        assigned = assigner.assign(evidence.segments, evidence.vectors)
        drafter = StageDrafter(reading, [a.stage_id for a in assigned], persona)
        insights = [drafter.stage(stage) for stage in stages]
        coverage = CoverageBuilder(evidence, engine=self.engine, model=self.model, stages=stages)
        for note in fit_notes(evidence, stages, assigned, embedder):
            coverage.note(note)
        for insight in insights:
            if not insight.has_evidence:
                coverage.note(
                    f"No participant talk with quotable evidence was placed at the "
                    f"{insight.name} stage."
                )
        cited = [c for insight in insights for claim in insight.claims() for c in claim.citations]
        return JourneyMap(
            study=evidence.study,
            persona=persona.id if persona else None,
            persona_name=persona.name if persona else None,
            coverage=coverage.build(cited, reading.verifier),
            stages=insights,
        )

    @property
    def version(self) -> str:
        """The engine's version and the shipped sentence classifier's: either re-drafts."""
        from journeybot.synthesis.extractive.polarity_model import model_version

        return f"{EXTRACTIVE_VERSION}+{model_version()}"

    @property
    def scorer(self) -> PolarityScorer:
        """The cue-rule polarity scorer, made on first use."""
        if self._scorer is None:
            from journeybot.synthesis.polarity import PolarityScorer

            self._scorer = PolarityScorer()
        return self._scorer

    def answer(self, retrieved: RetrievedEvidence) -> Answer:
        return extractive_answer(retrieved, engine=self.engine)

    def read(self, evidence: StudyEvidence) -> list[Reading]:
        """Sentences read once per evidence set: personas and map share the work.

        Cue rules read each sentence; those they find neutral get a second opinion from
        the nearest anchor sentences (``polarity_anchors``), and every sentence a third
        from the sentence classifier (``polarity_model``, which reads the question too),
        which overrules a weak reading only when sure. Then the answers to the
        interview's opening questions are marked (``background``): an introduction as
        background, an answer about the call as nothing."""
        from journeybot.synthesis.background import as_background
        from journeybot.synthesis.extractive.polarity_anchors import AnchorPolarity
        from journeybot.synthesis.extractive.polarity_model import classifier_for, question_of
        from journeybot.synthesis.rows import read_segments

        key = hashlib.sha256(
            "\x1f".join(f"{s.id}\x1e{s.text}" for s in evidence.segments).encode()
        ).hexdigest()
        with self._lock:
            cached = self._readings.get(key)
            if cached is not None:
                self._readings.move_to_end(key)
                return cached
        readings = read_segments(evidence.segments, self.scorer)
        embedder = self._cached(evidence.embedder)
        anchors = AnchorPolarity(embedder, classifier_for(embedder))
        contexts = [question_of(segment) for segment in evidence.segments]
        readings = anchors.refine(readings, evidence.vectors, contexts)
        readings = as_background(readings, evidence.segments)
        with self._lock:
            self._readings[key] = readings
            while len(self._readings) > READINGS_KEPT:
                self._readings.popitem(last=False)
        return readings

    def _cached(self, embedder: Embedder) -> CachingEmbedder:
        with self._lock:
            if self._embedder is None or self._embedder.inner is not embedder:
                self._embedder = CachingEmbedder(embedder)
            return self._embedder


def _require_segments(evidence: StudyEvidence) -> None:
    if not evidence.segments:
        raise NoEvidenceError(
            f"Study '{evidence.study}' has no participant talk to draft from; "
            "ingest transcripts with participant turns first."
        )


def _persona_citations(persona: Persona) -> list[Citation]:
    return [*persona.quotes, *(c for claim in persona.claims() for c in claim.citations)]
