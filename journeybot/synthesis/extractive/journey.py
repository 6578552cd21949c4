"""Drafting a journey map: per stage, actions, thoughts, feelings, pain points,
opportunities and an emotion score, every claim citing verified quotes.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from journeybot.core.models import Claim, Feeling, Persona, Stage, StageInsight
from journeybot.synthesis.actions import how_might_we
from journeybot.synthesis.extractive.claims import Wording
from journeybot.synthesis.extractive.complaints import complaint_question
from journeybot.synthesis.extractive.feelings import (
    emotion_words,
    feeling_text,
    feeling_themes,
    words_agree,
)
from journeybot.synthesis.extractive.headlines import Headline
from journeybot.synthesis.extractive.problem_kinds import problem_kind
from journeybot.synthesis.extractive.reading import EvidenceReading
from journeybot.synthesis.extractive.requests import Request, request_in
from journeybot.synthesis.extractive.row_themes import (
    ROW_THEME_DISTANCE,
    row_themes,
    shared_first,
)
from journeybot.synthesis.extractive.themes import MAX_QUOTES_PER_CLAIM, Theme, cited_members
from journeybot.synthesis.rows import Row

#: How many claims each row of a stage shows at most.
ROW_LIMITS: dict[Row, int] = {Row.ACTION: 3, Row.THOUGHT: 3, Row.FEELING: 3, Row.PAIN: 4}
OPPORTUNITIES_PER_STAGE = 2
#: How close (mean similarity to a pain theme's quotes) a participant's request must be
#: to word that theme's opportunity.
REQUEST_MATCH = 0.33


class StageDrafter:
    """Drafts every stage of one map from a reading and the stage of each segment."""

    def __init__(
        self,
        reading: EvidenceReading,
        stage_of_segment: Sequence[str],
        persona: Persona | None = None,
    ) -> None:
        self.reading = reading
        self.variant = persona.id if persona else "all"
        self.by_stage: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(reading.readings):
            self.by_stage[stage_of_segment[r.index]].append(i)
        self.segments_at = Counter(stage_of_segment)
        self.stage_of_segment = stage_of_segment
        #: Questions an earlier stage's opportunities already ask: asked once a map.
        self._asked_before: set[str] = set()

    def stage(self, stage: Stage) -> StageInsight:
        members = self.by_stage.get(stage.id, [])
        insight = self._rows(stage, members, singles=True)
        claims = insight.claims()
        if any(c.participants >= 2 for c in claims) and any(c.participants < 2 for c in claims):
            # The single voices will go; drafted again without them, their quotes stay
            # free for a row where someone else said the same (a complaint that was also
            # a feeling two people shared).
            insight = self._rows(stage, members, singles=False)
        _single_voices_only_if_nothing_broader(insight)
        self._asked_before.update(o.text for o in insight.opportunities)
        insight.emotion, insight.emotion_participants = self._emotion(members)
        insight.has_evidence = bool(insight.claims()) or insight.emotion_participants > 0
        return insight

    def _rows(self, stage: Stage, members: list[int], *, singles: bool) -> StageInsight:
        insight = StageInsight(
            id=stage.id,
            name=stage.name,
            description=stage.description,
            segments=self.segments_at.get(stage.id, 0),
        )
        # Rows draw on one pool: a quote cited as a pain is not cited again as a
        # feeling or an action of the same stage (opportunities cite their pains).
        used: set[int] = set()
        pains = self._themes(members, Row.PAIN, used, singles)[: ROW_LIMITS[Row.PAIN]]
        insight.pain_points = self._from_themes(stage, pains, Row.PAIN, used)
        insight.opportunities = self._opportunities(stage, pains)
        insight.feelings = self._feelings(stage, members, used, singles)
        insight.thoughts = self._claims(stage, members, Row.THOUGHT, used, singles)
        insight.actions = self._claims(stage, members, Row.ACTION, used, singles)
        return insight

    def _themes(self, members: list[int], row: Row, used: set[int], singles: bool) -> list[Theme]:
        readings = self.reading.readings
        candidates = [m for m in members if m not in used]
        found = row_themes(self.reading.finder, readings, candidates, row)
        return shared_first(found, singles=singles)

    def _claims(
        self, stage: Stage, members: list[int], row: Row, used: set[int], singles: bool
    ) -> list[Claim]:
        themes = self._themes(members, row, used, singles)[: ROW_LIMITS[row]]
        return self._from_themes(stage, themes, row, used)

    def _from_themes(
        self, stage: Stage, themes: list[Theme], row: Row, used: set[int]
    ) -> list[Claim]:
        """Claims worded by their lead quote; the row they sit in says what kind they are."""
        claims: list[Claim] = []
        for theme in themes:
            claim = self.reading.maker.from_theme(
                theme,
                scope=stage.id,
                kind=row.value,
                text=Headline.label,
                row=row,
                variant=self.variant,
            )
            if claim is not None:
                claims.append(claim)
                used.update(cited_members(theme))
        return claims

    def _feelings(
        self, stage: Stage, members: list[int], used: set[int], singles: bool
    ) -> list[Feeling]:
        """Feeling claims, each of one sign, in the participants' own words (``feelings``)."""
        readings = self.reading.readings
        feeling = [
            m
            for m in members
            if Row.FEELING in readings[m].rows
            and m not in used
            and words_agree(readings[m].text, readings[m].polarity)
        ]
        found = feeling_themes(self.reading.finder, readings, feeling, ROW_THEME_DISTANCE)
        out: list[Feeling] = []
        ranked = shared_first([f.theme for f in found], singles=singles)
        for theme in ranked[: ROW_LIMITS[Row.FEELING]]:
            group = next(f for f in found if f.theme is theme)
            polarity = round(max(-1.0, min(1.0, theme.polarity)), 3)
            words = emotion_words(readings, group, polarity)
            claim = self.reading.maker.feeling_from_theme(
                theme,
                scope=stage.id,
                text=functools.partial(feeling_text, polarity, words, group.mixed),
                polarity=polarity,
                variant=self.variant,
            )
            if claim is not None:
                out.append(claim)
                used.update(cited_members(theme))
        return out

    def _opportunities(self, stage: Stage, pains: list[Theme]) -> list[Claim]:
        """How-might-we questions on the strongest pain themes: worded from what a
        participant asked for where someone asked for something close to the pain
        (``requests``), else naming the problem; they cite the request and the pains. A
        pain that asks a question the stage already asks (two themes of one kind of
        problem) joins that opportunity, and the next pain theme gets the place."""
        ranked = sorted(pains, key=lambda t: (-len(t.participants) * t.strength, t.members))
        out: list[Claim] = []
        people: list[set[str]] = []
        for theme in ranked:
            if len(out) == OPPORTUNITIES_PER_STAGE:
                break
            claim = self._opportunity(stage, theme, {c.text for c in out})
            if claim is None:
                continue
            behind = set(theme.participants) | {c.participant for c in claim.citations}
            same = next((i for i, earlier in enumerate(out) if earlier.text == claim.text), None)
            if same is None:
                out.append(claim)
                people.append(behind)
            else:
                people[same] |= behind
                out[same] = _joined(out[same], claim, len(people[same]))
        return out

    def _opportunity(self, stage: Stage, theme: Theme, asked_here: set[str]) -> Claim | None:
        """One pain theme's opportunity: a request close to it, else its own wording."""
        asked = self._request_for(theme, stage, self._asked_before | asked_here)
        claim = self._asked(stage, theme, *asked) if asked is not None else None
        if claim is not None:
            return claim
        led, wording = self._worded_by_a_complaint(theme)
        return self.reading.maker.from_theme(
            led,
            scope=stage.id,
            kind="opportunities",
            text=wording,
            row=Row.PAIN,
            variant=self.variant,
        )

    def _worded_by_a_complaint(self, theme: Theme) -> tuple[Theme, Wording]:
        """The theme led by the first of its quotes whose complaint turns into the team's
        question ("I couldn't see if my wages had gone in": let people see ...), worded
        by it; else as it is, worded by its headline. The headline is only the lead
        quote's most telling clause, and a theme whose lead says "This is where it went
        wrong" may hold someone who says what they could not do. A complaint of no such
        shape is worded by the kind of problem at least half of its people tell
        (``problem_kinds``)."""
        readings = self.reading.readings
        for member in theme.lead:
            question = complaint_question(readings[member].text)
            if question is None:
                continue
            lead = (member, *(m for m in theme.lead if m != member))
            return dataclasses.replace(theme, lead=lead), functools.partial(_turned_or, question)
        said: dict[str, list[str]] = defaultdict(list)
        for member in theme.members:
            said[readings[member].participant].append(readings[member].text)
        kind = problem_kind(said)
        if kind is not None:
            return theme, functools.partial(_turned_or, kind.question)
        return theme, opportunity_text

    def _request_for(
        self, theme: Theme, stage: Stage, asked: set[str]
    ) -> tuple[int, Request] | None:
        """The request closest in meaning to ``theme`` and not ``asked`` yet, if close
        enough; one said at the same stage or by someone behind the pain is preferred."""
        open_requests = [(m, r) for m, r in self._requests if r.question not in asked]
        if not open_requests:
            return None
        readings = self.reading.readings
        rows = [member for member, _ in open_requests]
        sims = self.reading.finder.cross_similarity(rows, theme.members)
        best: tuple[float, int, Request] | None = None
        for (member, request), row in zip(open_requests, sims, strict=True):
            # Its own sentence, when the request is one of the pain's quotes, does not count.
            others = [s for m, s in zip(theme.members, row, strict=True) if m != member]
            closeness = float(np.mean(others)) if others else 1.0
            if closeness < REQUEST_MATCH:
                continue
            score = closeness + 0.05 * (self.stage_of_segment[readings[member].index] == stage.id)
            score += 0.05 * (readings[member].participant in theme.participants)
            score += 0.1 * (member in theme.members)
            if best is None or (score, -member) > (best[0], -best[1]):
                best = (score, member, request)
        return None if best is None else (best[1], best[2])

    @functools.cached_property
    def _requests(self) -> list[tuple[int, Request]]:
        """Every sentence of the evidence that asks for something, with its request."""
        found = ((i, request_in(r.text)) for i, r in enumerate(self.reading.readings))
        return [(i, request) for i, request in found if request is not None]

    def _asked(self, stage: Stage, theme: Theme, member: int, request: Request) -> Claim | None:
        """An opportunity in the team's words from a request, citing it and the pain."""
        readings = self.reading.readings
        said = readings[member]
        if self.reading.verifier.cite(said.segment_id, said.text) is None:
            return None  # the request itself does not verify: word it from the pain
        # One quote a person: the request speaks for its speaker's pain as well.
        others = [m for m in theme.lead if readings[m].participant != said.participant]
        citations = self.reading.maker.citations([member, *others])
        return self.reading.maker.make(
            citations,
            scope=stage.id,
            kind="opportunities",
            text=request.question,
            participants=len({*theme.participants, said.participant}),
            variant=self.variant,
        )

    def _emotion(self, members: list[int]) -> tuple[float, int]:
        """Mean over participants of each one's mean non-neutral polarity."""
        per_person: dict[str, list[float]] = defaultdict(list)
        for m in members:
            reading = self.reading.readings[m]
            if reading.polarity != 0.0:  # neutral talk carries no feeling
                per_person[reading.participant].append(reading.polarity)
        if not per_person:
            return 0.0, 0
        means = [float(np.mean(values)) for _, values in sorted(per_person.items())]
        return round(max(-1.0, min(1.0, float(np.mean(means)))), 3), len(means)


def _single_voices_only_if_nothing_broader(insight: StageInsight) -> None:
    """Where a stage has a theme two or more participants share, its single-participant
    claims go: a researcher reads what people share first, and one person's remark beside
    shared themes reads as if it were one. A stage with nothing shared keeps its single
    voices (one per row), marked thin."""
    if not any(claim.participants >= 2 for claim in insight.claims()):
        return
    insight.actions = [c for c in insight.actions if c.participants >= 2]
    insight.thoughts = [c for c in insight.thoughts if c.participants >= 2]
    insight.feelings = [c for c in insight.feelings if c.participants >= 2]
    insight.pain_points = [c for c in insight.pain_points if c.participants >= 2]
    insight.opportunities = [c for c in insight.opportunities if c.participants >= 2]


def _joined(first: Claim, second: Claim, participants: int) -> Claim:
    """``first`` citing ``second``'s people too (their quotes while there is room), and
    counting everyone behind either; its id stays, so a reviewer's verdict does."""
    quoted = {c.participant for c in first.citations}
    more = [c for c in second.citations if c.participant not in quoted]
    citations = [*first.citations, *more][: max(MAX_QUOTES_PER_CLAIM, len(first.citations))]
    return first.model_copy(update={"citations": citations, "participants": participants})


def _turned_or(question: str, headline: Headline) -> str:
    """The headline's own complaint turned to the team, else ``question``."""
    return _turned(headline) or question


def _turned(headline: Headline) -> str | None:
    return complaint_question(headline.uncut or headline.clause.removesuffix("\u2026"))


def opportunity_text(headline: Headline) -> str:
    """A how-might-we question on a pain theme: the complaint's own words turned to the
    team where it names what people could not do, were not told or had to do
    (``complaints``), else the problem to address, quoted because the words are the
    participant's (not wrapped in "no one has to say ... again", which reads oddly for
    most complaints)."""
    return _turned(headline) or how_might_we("address", headline.label())
