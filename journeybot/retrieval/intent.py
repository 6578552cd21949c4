"""What a question asks for, matched against the readings made at ingest.

"What frustrates people about X?" wants problem statements, "what do they like" wants
praise, "what would they change" or "what could it do better" wants wishes and the
problems behind them, "how do they..." wants behaviour. The
words of the question find the topic; the intent says which statements about it answer.
A hit whose reading fits the intent has its fused score raised by ``INTENT_BOOST`` (and by
half that when only its polarity fits), then the list is ranked again.

Two more intents. "Why..." wants reasons: a hit that gives one (a causal connective such
as "because" or "so that" in its words; no stored reading says "reason") is raised. A
stage ("during sign-up", "when they first set it up", "at renewal") is matched against the
study's own stage list (name, id and description words, a shorter word matching the start
of a longer one: "sign" ~ "signing") and then against each hit's stored stage reading;
with no such cue, a question's verb may name a default stage the study has ("why did
they choose ...?" consideration, "what would make them leave?" renewal).

The cues are the ordinary ways researchers phrase such questions, not any study's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from journeybot.core.models import Segment, Stage
from journeybot.retrieval.hits import SearchHit

INTENT_BOOST = 0.3

_PROBLEM = re.compile(
    r"\b(?:problems?|issues?|frustrat\w*|annoy\w*|wrong|difficult\w*|hard|pain\w*|"
    r"struggl\w*|complain\w*|unhappy|worr\w*|confus\w*|bother\w*|hate|dislike\w*|"
    r"fail\w*|trouble\w*|obstacles?|barriers?|get in the way|gets in the way|"
    r"challeng\w*|irritat\w*|upset\w*|negative|bad|worst)\b"
)
_PRAISE = re.compile(
    r"\b(?:like about|liked?|likes|love[sd]?|enjoy\w*|prais\w*|best|favou?rite|good|great|"
    r"value[sd]?|appreciat\w*|happy|pleased|benefits?|positive|useful|helpful)\b"
)
_WISH = re.compile(
    r"\b(?:wish\w*|want\w*|needs?|would (?:\w+ ){0,2}like|'d like|improv\w*|suggest\w*|"
    r"missing|hop(?:e|ing)|change|ideal|requests?|should|expect\w*)\b"
)
#: "What would they change?", "what could X do better?": an improvement is asked for, so
#: the problems that call for one answer it as well as stated wishes (praise does not).
_IMPROVE = re.compile(r"\b(?:improv\w*|change|fix\w*|differently|(?:do|work|be|make \w+) better)\b")
_BEHAVIOUR = re.compile(
    r"^\s*(?:how (?:do|did|does|are|were|would)\b|what do (?:they|people|participants) do\b)"
    r"|\b(?:workflow|routine|process|habits?|steps?)\b"
)
_FEELING = re.compile(r"\b(?:feel\w*|felt|emotion\w*|react\w*)\b")
_REASON = re.compile(
    r"^\s*why\b|\bwhy (?:do|did|does|are|were|would|is|was)\b|\breasons?\b|\bwhat made\b"
)
#: Causal connectives: a segment with one gives a reason.
_BECAUSE = re.compile(
    r"\b(?:because|cause|since|so that|the reason|that's why|which is why|otherwise|"
    r"due to|in order to|as a result)\b"
)
#: Words that place a question at a stage; the stage's own words follow them.
_STAGE_CUE = re.compile(
    r"\b(?:during|while|before|after|when (?:they|people|participants|customers|users)"
    r"(?: first)?|at the|at|in the)\b(.*)$"
)
_WORDS = re.compile(r"[a-z]+")
#: A word this short matches only itself (no prefix matching).
_PREFIX_MIN = 4
_STAGE_STOP = frozenset(
    {"the", "and", "for", "from", "their", "them", "they", "its", "how", "what", "when"}
    | {"who", "why", "stage", "phase", "step", "part", "first"}
)


@dataclass(frozen=True)
class Intent:
    statements: frozenset[str]
    #: -1 the question wants negative talk, 1 positive, 0 either.
    polarity: int = 0
    #: The question asks why: segments that give a reason fit.
    reason: bool = False
    #: The stage id the question is about, if it names one of the study's stages.
    stage: str | None = None

    def __bool__(self) -> bool:
        return bool(self.statements) or self.polarity != 0 or self.reason or bool(self.stage)


def read_intent(question: str, stages: Sequence[Stage] = ()) -> Intent:
    """The intent of ``question``; ``stages`` is the study's stage list, for stage cues."""
    lower = question.lower().replace("\u2019", "'")
    kinds = _statement_intent(lower)
    return replace(kinds, reason=bool(_REASON.search(lower)), stage=_stage_asked(lower, stages))


def without_cues(question: str) -> str:
    """``question`` without the words that say what kind of answer it wants.

    "What went wrong with the reminder?" is about the reminder; "wrong" asks for problems.
    The relevance floor judges whether a study talks about the topic, so it reads this.
    """
    lower = question.lower().replace("\u2019", "'")
    for cue in (_PROBLEM, _IMPROVE, _PRAISE, _WISH, _FEELING, _REASON):
        lower = cue.sub(" ", lower)
    return lower


#: What a question asks people to have done at each default stage: "why did they
#: choose ...?" is about consideration, "what would make them leave?" about renewal.
#: Used only when the study's stage list has that id and no stage cue names one.
_STAGE_VERBS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("awareness", re.compile(r"\b(?:hear[ds]? (?:about|of)|find out about|discover\w*)\b")),
    (
        "consideration",
        re.compile(r"\b(?:choose|chose|chosen|choosing|pick(?:ed)?|compar\w*|alternatives)\b"),
    ),
    ("purchase", re.compile(r"\b(?:sign(?:ed|ing)? up|buy\w*|bought|subscrib\w*)\b")),
    ("onboarding", re.compile(r"\b(?:set(?:ting)? (?:it |them )?up|get(?:ting)? started)\b")),
    (
        "renewal",
        re.compile(
            r"\b(?:leave|leaving|left|cancel\w*|switch\w*|renew\w*|stay(?:ing)?|"
            r"recommend\w*)\b"
        ),
    ),
)


def _stage_asked(lower: str, stages: Sequence[Stage]) -> str | None:
    """The stage whose words the words after a stage cue ("during ...") match best, or
    else the default stage a question's verb asks about."""
    cue = _STAGE_CUE.search(lower)
    named = _stage_named(cue.group(1), stages) if cue is not None else None
    if named is not None:
        return named
    ids = {stage.id for stage in stages}
    return next((i for i, verb in _STAGE_VERBS if i in ids and verb.search(lower)), None)


def _stage_named(words: str, stages: Sequence[Stage]) -> str | None:
    asked = [w for w in _WORDS.findall(words) if len(w) > 2 and w not in _STAGE_STOP]
    best, best_score = None, 0.0
    for stage in stages:
        name = _stage_words(f"{stage.id} {stage.name}")
        described = _stage_words(stage.description)
        score = sum(
            2.0 if _matches(w, name) else 1.0 if _matches(w, described) else 0.0 for w in asked
        )
        if score > best_score:
            best, best_score = stage.id, score
    return best


def _stage_words(text: str) -> set[str]:
    return {w for w in _WORDS.findall(text.lower()) if w not in _STAGE_STOP}


def _matches(word: str, words: set[str]) -> bool:
    if word in words:
        return True
    if len(word) < _PREFIX_MIN:
        return False
    return any(
        len(other) >= _PREFIX_MIN and (other.startswith(word) or word.startswith(other))
        for other in words
    )


def _statement_intent(lower: str) -> Intent:
    statements: set[str] = set()
    polarity = 0
    if _PROBLEM.search(lower) or _IMPROVE.search(lower):
        statements.add("problem")
        polarity = -1
    elif _PRAISE.search(lower) and not _WISH.search(lower):
        statements.add("praise")
        polarity = 1
    if _WISH.search(lower) or _IMPROVE.search(lower):
        statements.add("wish")
    if _BEHAVIOUR.search(lower) and not _FEELING.search(lower):
        statements.add("behaviour")
    if _FEELING.search(lower):
        statements.add("feeling")
    return Intent(frozenset(statements), polarity)


def apply_intent(hits: Sequence[SearchHit], intent: Intent) -> list[SearchHit]:
    """``hits`` re-ranked with the fit of each reading to the intent; stable on ties."""
    if not intent:
        return list(hits)
    boosted = [replace(hit, score=hit.score * (1.0 + _fit(hit, intent))) for hit in hits]
    order = sorted(range(len(boosted)), key=lambda i: (-boosted[i].score, i))
    return [boosted[i] for i in order]


def _fit(hit: SearchHit, intent: Intent) -> float:
    return _statement_fit(hit, intent) + _reason_and_stage_fit(hit, intent)


def _statement_fit(hit: SearchHit, intent: Intent) -> float:
    segment = hit.segment
    if segment.statement is not None and segment.statement in intent.statements:
        return INTENT_BOOST
    if "feeling" in intent.statements and _answers_how_they_felt(segment):
        return INTENT_BOOST
    polarity = segment.polarity or 0.0
    if intent.polarity and polarity * intent.polarity > 0:
        return INTENT_BOOST / 2
    return 0.0


def _answers_how_they_felt(segment: Segment) -> bool:
    """A reply to "How did you feel?" (a diary prompt, the interviewer's question) is a
    feeling whatever its words: "Pleasantly surprised." names nothing the question does."""
    asked = segment.asked.lower()
    return bool(_FEELING.search(asked))


def _reason_and_stage_fit(hit: SearchHit, intent: Intent) -> float:
    fit = 0.0
    if intent.reason and _BECAUSE.search(hit.segment.text.lower().replace("\u2019", "'")):
        fit += INTENT_BOOST
    if intent.stage is not None and hit.segment.stage == intent.stage:
        fit += INTENT_BOOST
    return fit
