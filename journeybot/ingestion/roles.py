"""Who each speaker is in the session: participant, interviewer, or someone else present.

A wrong role poisons every answer, persona and map at once, so the decision is made per
speaker (not per turn), from the strongest evidence available, and every decision is
returned with the reason for it:

1. the file's header block (the researcher said so; it outranks labels, with a warning
   where they disagree), then the interviewers named at upload;
2. the label itself ("Interviewer", "Sam (partner)", a ``Q = researcher`` key);
3. what the speaker does in the conversation: the one who mostly asks runs the session;
   others who mostly ask are further interviewers; the ones who answer at length are
   participants; someone who says a few lines next to a participant who talks at length
   (a partner chipping in, a note-taker saying thanks) is ``other``: kept as context,
   never cited.

Only the conversation's shape is used in step 3, never the names, so renaming every
speaker consistently cannot change a role (a property the tests check).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeybot.core.models import Role
from journeybot.ingestion.header import Header, name_keys, person_keys
from journeybot.ingestion.labels import is_generic_participant, label_role

#: The lead interviewer asks in at least this share of their substantive turns...
LEAD_QUESTION_SHARE = 0.25
#: ...and at least this many times as often as anyone else.
LEAD_QUESTION_LEAD = 2.0
#: A further speaker who asks this often, at least twice, is another interviewer.
CO_INTERVIEWER_SHARE = 0.5
CO_INTERVIEWER_QUESTIONS = 2
#: A speaker with fewer words than this share of the main participant's, in few turns,
#: is someone present, not a participant.
OTHER_WORDS_RATIO = 0.15
OTHER_MAX_TURNS = 3
_BACKCHANNEL_MAX_WORDS = 3
#: With this many people answering at length, a session is a group (a focus group):
#: someone who says little there is a quiet participant, not a partner chipping in.
GROUP_SESSION = 3


#: How a question or a task prompt opens when no question mark was written: asking
#: includes setting the task in a usability session ("please try to...").
_QUESTION_OPENING = re.compile(
    r"^(?:(?:so|and|okay|ok|right|great|cool|alright|um|uh)[,.]?\s+)*"
    r"(?:what|how|why|when|where|which|who|can you|could you|would you|will you|do you|"
    r"did you|have you|are you|were you|is there|is it|tell me|talk me through|"
    r"walk me through|describe|talk to me about|i'd love to hear|i'm curious|"
    r"i'd like you to|please|go ahead and|let's|now,? (?:can|could|please))\b",
    re.IGNORECASE,
)


def asks_question(text: str) -> bool:
    """A turn that ends in a question, or opens like one (unpunctuated transcripts)."""
    last = re.split(r"(?<=[.!?])\s+", text.strip())[-1] if text.strip() else ""
    return text.rstrip(" \"')”’").endswith("?") or bool(_QUESTION_OPENING.match(last))


@dataclass
class SpeakerStats:
    """What one speaker did in the file, in order of first appearance."""

    speaker: str
    labels: list[str] = field(default_factory=list)
    turns: int = 0
    words: int = 0
    questions: int = 0
    substantive: int = 0
    generic: bool = False

    @property
    def question_share(self) -> float:
        return self.questions / self.substantive if self.substantive else 0.0


@dataclass(frozen=True)
class Decision:
    role: Role
    decided_by: str
    reason: str


def speaker_stats(turns: Sequence[tuple[str, str, str]]) -> list[SpeakerStats]:
    """Stats per speaker from (speaker, label, text) turns."""
    stats: dict[str, SpeakerStats] = {}
    for speaker, label, text in turns:
        entry = stats.setdefault(speaker, SpeakerStats(speaker))
        if label and label not in entry.labels:
            entry.labels.append(label)
        entry.generic = entry.generic or (bool(label) and is_generic_participant(label))
        words = len(text.split())
        asks = asks_question(text)
        entry.turns += 1
        entry.words += words
        entry.questions += asks
        entry.substantive += asks or words > _BACKCHANNEL_MAX_WORDS
    return list(stats.values())


def stated_decisions(
    stats: Sequence[SpeakerStats], header: Header, interviewers: Sequence[str]
) -> tuple[dict[str, Decision], list[str]]:
    """Roles the file or the uploader states: header, names given, labels and keys."""
    named = {name.casefold() for name in interviewers}
    decided: dict[str, Decision] = {}
    warnings: list[str] = []
    for entry in stats:
        by_label = _label_decision(entry, header)
        by_header = _header_decision(entry, header)
        if by_header is not None:
            decided[entry.speaker] = by_header
            if by_label is not None and by_label.role is not by_header.role:
                warnings.append(
                    f"the header names '{entry.speaker}' as {by_header.role.value} but the "
                    f"label says {by_label.role.value}; the header was followed"
                )
        elif named & {entry.speaker.casefold(), *(label.casefold() for label in entry.labels)}:
            decided[entry.speaker] = Decision(
                Role.INTERVIEWER, "named", "named as an interviewer at upload"
            )
        elif by_label is not None:
            decided[entry.speaker] = by_label
    return decided, warnings


def _header_decision(entry: SpeakerStats, header: Header) -> Decision | None:
    keys = name_keys(entry.speaker).union(*(name_keys(label) for label in entry.labels))
    for person in header.people:
        if keys & person_keys(person):
            return Decision(person.role, "header", f"the header lists them as {person.role.value}")
    return None


def _label_decision(entry: SpeakerStats, header: Header) -> Decision | None:
    for label in entry.labels:
        keyed = header.label_roles.get(label.casefold())
        if keyed is not None:
            return Decision(keyed, "key", f"the header's key says '{label}' is {keyed.value}")
    for label in entry.labels:
        role = label_role(label)
        if role is not None:
            return Decision(role, "label", f"the label '{label}' says {role.value}")
    return None


def infer_decisions(
    stats: Sequence[SpeakerStats], decided: dict[str, Decision]
) -> tuple[dict[str, Decision], list[str]]:
    """Roles for the speakers nothing stated, from what they do in the conversation."""
    decisions = dict(decided)
    warnings: list[str] = []
    open_ = [s for s in stats if s.speaker not in decisions]
    if not open_:
        return decisions, warnings
    if not any(d.role is Role.INTERVIEWER for d in decisions.values()):
        lead = _lead_interviewer(stats, decisions)
        if lead is not None:
            decisions[lead.speaker] = Decision(
                Role.INTERVIEWER,
                "conversation",
                f"asks in {lead.questions} of {lead.substantive} turns and runs the session",
            )
            warnings.append(
                f"took '{lead.speaker}' as the interviewer because most of their turns are "
                "questions; if that is wrong, correct it with `journeybot speakers set FILE "
                '"NAME" --role participant`, or ingest with `--interviewer NAME`'
            )
    main = _main_participant(stats, decisions)
    group = _group_size(stats, decisions, main)
    for entry in stats:
        if entry.speaker not in decisions:
            decisions[entry.speaker] = _infer_one(entry, main, stats, group)
    return decisions, warnings


def _group_size(
    stats: Sequence[SpeakerStats], decisions: dict[str, Decision], main: SpeakerStats | None
) -> int:
    """How many people answer at length: three or more make a group session."""
    if main is None:
        return 0
    return sum(
        1
        for s in stats
        if decisions.get(s.speaker, _OPEN).role is Role.PARTICIPANT
        and s.words >= OTHER_WORDS_RATIO * main.words
    )


def _lead_interviewer(
    stats: Sequence[SpeakerStats], decided: dict[str, Decision]
) -> SpeakerStats | None:
    """The speaker who mostly asks, clearly more than anyone else, if there is one."""
    talking = [s for s in stats if decided.get(s.speaker, _OPEN).role is not Role.OTHER]
    candidates = [s for s in talking if s.speaker not in decided and s.questions]
    if len(talking) < 2 or not candidates:
        return None
    top = max(candidates, key=lambda s: (s.question_share, s.questions, -stats.index(s)))
    # Compared with those who talk at least as much: a second interviewer also asks a
    # lot, but says less than the person being interviewed.
    answering = [s for s in talking if s is not top and s.words >= top.words]
    runner_up = max((s.question_share for s in answering), default=0.0)
    if top.question_share < LEAD_QUESTION_SHARE:
        return None
    if top.question_share < LEAD_QUESTION_LEAD * runner_up:
        return None
    if top.questions < CO_INTERVIEWER_QUESTIONS:
        # One question is enough only from someone who says less than another speaker.
        return top if any(s.words > top.words for s in talking if s is not top) else None
    return top


def _main_participant(
    stats: Sequence[SpeakerStats], decisions: dict[str, Decision]
) -> SpeakerStats | None:
    answering = [
        s
        for s in stats
        if decisions.get(s.speaker, _OPEN).role is Role.PARTICIPANT or s.speaker not in decisions
    ]
    return max(answering, key=lambda s: (s.words, -stats.index(s)), default=None)


def _infer_one(
    entry: SpeakerStats, main: SpeakerStats | None, stats: Sequence[SpeakerStats], group: int
) -> Decision:
    total = sum(s.words for s in stats) or 1
    share = f"{round(100 * entry.words / total)}% of words"
    if main is None or entry is main:
        return Decision(Role.PARTICIPANT, "conversation", f"answers, with {share}")
    if entry.questions >= CO_INTERVIEWER_QUESTIONS and entry.question_share >= CO_INTERVIEWER_SHARE:
        return Decision(
            Role.INTERVIEWER,
            "conversation",
            f"asks in {entry.questions} of {entry.substantive} turns, like an interviewer",
        )
    small = entry.words < OTHER_WORDS_RATIO * main.words and entry.turns <= OTHER_MAX_TURNS
    speaks_up = entry.substantive > 0 or entry.turns >= 2
    if (small or not entry.substantive) and speaks_up and group >= GROUP_SESSION:
        return Decision(
            Role.PARTICIPANT,
            "conversation",
            f"a quiet member of a group of {group} who answer ({share})",
        )
    if entry.substantive == 0 or small:
        return Decision(
            Role.OTHER,
            "conversation",
            f"says little ({entry.words} words in {entry.turns} turns, {share}) next to "
            f"{main.speaker}",
        )
    return Decision(Role.PARTICIPANT, "conversation", f"answers, with {share}")


_OPEN = Decision(Role.PARTICIPANT, "", "")
