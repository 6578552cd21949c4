"""Reading each participant sentence: which journey-map rows it could support.

Rows are recognised by how people talk, not by topic: actions are what they did ("I
went to", "we export", "I called"), thoughts what went through their head ("I
assumed", "I wondered", "thinking have I picked the wrong thing"), feelings are
emotion words and reported feeling, pain points are negative talk with problem
language, and goals are wants and needs (used for personas). One sentence may serve
several rows: "I was furious, I had to call them three times" is a feeling and a pain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from journeybot.core.models import Segment
from journeybot.synthesis.cues import FEELING_WORDS, NEGATIVE_PHRASE_CUE
from journeybot.synthesis.emotions import only_felt, without_address, without_names
from journeybot.synthesis.listener import asks_the_listener
from journeybot.synthesis.memo import per_text
from journeybot.synthesis.polarity import LABEL_THRESHOLD, PolarityScorer
from journeybot.synthesis.quote_choice import echoes_question, is_logistics
from journeybot.synthesis.sentences import Span, sentence_spans, word_count, words
from journeybot.synthesis.stopwords import word_set

#: Sentences shorter than this are quoted together with their neighbour.
MIN_QUOTE_WORDS = 7
PAIN_ALONE = -0.45


class Row(StrEnum):
    ACTION = "actions"
    THOUGHT = "thoughts"
    FEELING = "feelings"
    PAIN = "pain_points"
    GOAL = "goals"


_FIRST_PERSON = r"\b(?:i|we|i've|we've|i'd|we'd)\s+"
_ADVERBS = (
    r"(?:(?:just|then|also|still|always|usually|normally|now|even|first|typically|"
    r"actually|probably|generally|sometimes|often|eventually|finally|basically|"
    r"had to|ended up|started|tried to|decided to|went and|would|will|can|could|"
    r"didn't|don't|never)\s+){0,2}"
)
_ACTION_VERBS = (
    r"(?:went|go|called|rang|phoned|emailed|email|exported?|signed|sign|clicked|"
    r"downloaded|installed|set|tried|looked|searched|asked|compared|read|used|use|bought|"
    r"paid|pay|opened|checked|check|booked|switched|moved|uploaded|upload|typed|type|"
    r"picked|chose|started|logged|log|filled|googled|watched|spent|ran|run|built|wrote|"
    r"write|sent|send|did|do|raise[ds]?|reconciled?|approved?|review(?:ed)?|invited|"
    r"imported?|added|add|connected|connect|deleted|merged|filed|found|rebuild|rebuilt|"
    r"copied|copy|printed|print|kept|keep|shove|plot|plotted|tested|trialled|made|"
    r"produce|claim|submit(?:ted)?|export|track|went through)"
)
_ACTION = re.compile(_FIRST_PERSON + _ADVERBS + _ACTION_VERBS + r"\b")
_HABIT = re.compile(
    r"\b(?:every|each) (?:day|morning|evening|week|month|quarter|friday|monday|sunday|"
    r"time|half term|year)\b|\bweekly\b|\bmonthly\b|\bquarterly\b"
)
_THOUGHT = re.compile(
    r"\b(?:i|we)\s+(?:\w+\s+)?(?:thought|wondered|wonder|assumed|assume|figured|expected|"
    r"believed|realised|realized|suspected|imagined|hoped|was hoping|was wondering|"
    r"was thinking|were wondering|kept thinking|keep thinking|didn't know whether|"
    r"wasn't sure|had no idea|worried that|wasn't convinced)\b"
    r"|\bmy (?:first )?(?:thought|worry|assumption|impression)\b|\bthinking\b"
)
_GOAL = re.compile(
    r"\b(?:i|we)\s+(?:\w+\s+)?(?:want|wanted|need|needed|care about|cared about|"
    r"was looking for|were looking for|would like|'d like|wish|had to have|must have|"
    r"was after|were after)\b"
    r"|\bwhat (?:i|we) (?:needed|wanted|cared about|was after)\b|\btop of my list\b"
    r"|\bfirst and foremost\b|\bthe whole point\b|\bmost important\b|\bfor us it was about\b"
    r"|\bthe thing i (?:cared|care|tested)\b|\bso that (?:i|we) can\b"
    r"|\b(?:i'd|i would|we'd|we would) (?:really )?love (?:to|it if|for|some)\b"
    r"|\bit would be (?:nice|great|good|useful|helpful|cool) (?:to|if)\b"
)
#: "I want to say a pound?": a hedge, not a want.
_HEDGED_WANT = re.compile(
    r"\b(?:i|we) (?:want|wanted|would like|'d like) to (?:say|think|believe)\b"
)
#: Talk about the interview itself ("I'd hate this to sound negative"): no evidence.
_META = re.compile(
    r"\bsound(?:s|ed|ing)? (?:\w+ )?(?:negative|harsh|critical|ungrateful|like a moan|"
    r"like i'm moaning|whingey|whiny)\b|\bif that makes sense\b|\bdoes that (?:answer|make)\b|"
    r"\b(?:sorry,? )?i'm (?:rambling|waffling|going on)\b|\bthat's a good question\b"
)
EMOTION_WORDS = re.compile(
    r"\b(?:cross(?![- ]eyed)|"
    + "|".join(sorted(set(FEELING_WORDS) - {"cross"}))
    + r"|love|loved|hate|hated|frustrating|annoying|stressful|scary|nightmare|mortified|"
    r"embarrassing|painful|brilliant|fun|enjoy|enjoyed|awful|horrible|dread|dreaded|"
    r"shock|shocked|panic|panicked|relief|worry|worrying)\b"
)
_PROBLEM = re.compile(
    r"\b(?:problems?|issues?|couldn't|can't|cannot|didn't work|doesn't|don't|wrong|broke|"
    r"broken|error|bugs?|slow|confus\w+|hard|difficult|workaround|manual(?:ly)?|by hand|"
    r"wait(?:ed|ing)?|chas(?:e|ing)|duplicat\w+|missing|lost|fiddly|buried|no way|"
    r"nowhere|only|keeps?|kept|again|twice|nobody|nothing|useless|tricky|forget|forgot|"
    r"shouldn't|wasn't|isn't|fees?|price|expensive|instead|took|fail(?:s|ed|ing|ures?)?)\b"
)


@per_text(maxsize=16384)
def problem_count(lower: str) -> int:
    """How many problem words and phrases a lower-cased sentence uses.

    Kept per text: rows, pain tests and anchors ask about the same sentence several
    times, and the negative phrase cues are one long alternation."""
    return len(_PROBLEM.findall(lower)) + len(NEGATIVE_PHRASE_CUE.findall(lower))


#: Whether a (lower-cased) clause uses a row's language: for wording claims.
ROW_CUES: dict[Row, Callable[[str], bool]] = {
    Row.ACTION: lambda lower: bool(_ACTION.search(lower) or _HABIT.search(lower)),
    Row.THOUGHT: lambda lower: bool(_THOUGHT.search(lower)),
    Row.FEELING: lambda lower: bool(EMOTION_WORDS.search(lower)),
    Row.PAIN: lambda lower: problem_count(lower) > 0,
    Row.GOAL: lambda lower: bool(_GOAL.search(lower)),
}


@dataclass(frozen=True)
class Reading:
    """One quotable sentence of a segment, with how it reads."""

    index: int  # position of the segment in the evidence
    segment_id: str
    participant: str
    span: Span
    text: str
    polarity: float
    rows: frozenset[Row]
    segment_text: str  # the whole segment: for naming a theme when the quote is terse
    #: A short reply that only says the question back ("Slow, yes."): no rows of its own.
    echo: bool = False
    #: How sure the sentence classifier is that this is a complaint (0 when unread).
    complaint: float = 0.0
    #: Said in answer to the warm-up question about the participant (``background``):
    #: it backs a theme only beside someone's talk of the journey or another person's
    #: introduction saying the same.
    background: bool = False


def read_segments(segments: Sequence[Segment], scorer: PolarityScorer) -> list[Reading]:
    """Every quotable sentence of every segment, in evidence order."""
    readings: list[Reading] = []
    for index, segment in enumerate(segments):
        for position, span in enumerate(_quote_spans(segment.text)):
            text = span.of(segment.text)
            context = (segment.prompt or segment.context) if position == 0 else ""
            polarity = scorer.score(text, context)
            # Rows go by the participant's own words: a bare "no" to "was that
            # useful?" feeds the emotion score but is no pain point to quote, and
            # the question's word said back and denied is not theirs.
            mine = scorer.own_words(text, context)
            own = polarity if not context else scorer.score(mine)
            echo = echoes_question(text, context)
            readings.append(
                Reading(
                    index=index,
                    segment_id=segment.id,
                    participant=segment.participant,
                    span=span,
                    text=text,
                    polarity=polarity,
                    rows=frozenset() if echo else classify(mine, own),
                    segment_text=segment.text,
                    echo=echo,
                )
            )
    return readings


def _quote_spans(text: str) -> list[Span]:
    """Sentence spans, a too-short sentence joined to the one before (or after) it."""
    spans = sentence_spans(text)
    merged: list[Span] = []
    pending: Span | None = None
    for span in spans:
        if pending is not None:
            span = Span(pending.start, span.end)
            pending = None
        if word_count(span.of(text)) >= MIN_QUOTE_WORDS:
            merged.append(span)
        elif merged:
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            pending = span
    if pending is not None:
        merged.append(pending)
    return merged


def classify(text: str, polarity: float) -> frozenset[Row]:
    """The rows a sentence could support, from its wording and polarity."""
    lower = without_address(without_names(text).lower().replace("\u2019", "'"))
    if _META.search(lower) or asks_the_listener(lower) or is_logistics(lower):
        return frozenset()
    rows: set[Row] = set()
    if _ACTION.search(lower) or _habit(lower):
        rows.add(Row.ACTION)
    if _THOUGHT.search(lower):
        rows.add(Row.THOUGHT)
    if EMOTION_WORDS.search(only_felt(lower)) and abs(polarity) >= LABEL_THRESHOLD:
        rows.add(Row.FEELING)
    if _is_pain(lower, polarity):
        rows.add(Row.PAIN)
    if _GOAL.search(_HEDGED_WANT.sub(" ", lower)):
        rows.add(Row.GOAL)
    return frozenset(rows)


def _habit(lower: str) -> bool:
    """Something the speaker does regularly ("every Friday I export..."); not a want
    that names a period ("not another monthly thing going out")."""
    return bool(
        _HABIT.search(lower) and re.search(_FIRST_PERSON, lower) and not _GOAL.search(lower)
    )


#: "I don't really think of any that were unclear", "no problems at all": a problem denied.
_DENIAL = re.compile(
    r"\b(?:no|never had (?:a|any)|not (?:a|one|any)|without (?:a|any)) (?:real |big |major )?"
    r"(?:problems?|issues?|trouble|complaints?|hiccups?)\b"
    r"|\b(?:can't|cannot|don't|do not|didn't) (?:really )?(?:think of|remember|recall) "
    r"(?:any|anything|a time)\b"
    r"|\b(?:nothing|none of (?:it|them)) (?:was|were|really was) (?:\w+ )?(?:unclear|confusing|"
    r"hard|difficult|wrong|a problem|an issue)\b"
)


def denies_problem(text: str) -> bool:
    """Whether a sentence says there was no problem ("no issues at all")."""
    return bool(_DENIAL.search(text.lower().replace("\u2019", "'")))


def only_a_feeling(lower: str) -> bool:
    """Whether a (lower-cased) sentence says how someone felt and nothing about what:
    "But I was more cross than anything" is a feeling to show, not a problem a team
    could act on, so it backs no pain point."""
    if not EMOTION_WORDS.search(lower):
        return False
    return all(w in _FEELING_FRAME for w in words(EMOTION_WORDS.sub(" ", lower)))


#: The words around a feeling that say nothing of its cause: who felt it, how much, how
#: sure they are ("I was more worried than cross, I think").
_FEELING_FRAME = word_set(
    """
    a an the and but or so then just really very quite bit little more most much than
    anything everything all at of to too as well oh yeah yes no not honestly actually
    probably definitely think guess suppose say i i'm i'd i've me my myself we we're
    we'd we've us our it it's that that's this was were am is are be been being felt
    feel feeling got get getting kind sort like pretty absolutely totally completely
    extremely rather somewhat slightly lot ever
    """
)


def _is_pain(lower: str, polarity: float) -> bool:
    if _DENIAL.search(lower) or only_a_feeling(lower):
        return False  # a problem denied is no pain point, whatever the words around it
    problems = problem_count(lower)
    if polarity <= PAIN_ALONE:
        return True
    if polarity <= -LABEL_THRESHOLD and problems >= 1:
        return True
    return polarity <= 0.0 and problems >= 3
