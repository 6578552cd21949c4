"""Naming a group of quotes by its most distinctive words.

The extractive engine cannot paraphrase, so a theme is named by the terms that set its
quotes apart from everything else said in the study (a class-based TF-IDF): "card fee,
bank transfer" rather than "it, invoice, really". Terms are counted by stem and shown
in the form participants used most.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import cache

from journeybot.synthesis.memo import per_text
from journeybot.synthesis.sentences import words
from journeybot.synthesis.stopwords import ENGLISH_STOP_WORDS, word_set

_FILLERS = word_set(
    """
    able actually ah also although anything bad basically best better big bit came come
    crosstalk day days did different does doing done end erm everyone everything fine
    first five four get gets getting goes going gonna good gosh got great guess half hey
    hmm honestly inaudible instead just kind know laughs laughter let like literally
    little long look looked looking lot lots made make makes maybe mean mhm mmm month
    months need needed new nothing now obviously oh ok okay old once one other others
    people person pretty probably put quite really right said same say says second six
    small someone something sorry sort start still stuff sure take tell thank thanks then
    thing things think though thought three time times told took tried try two uh uhm um
    unintelligible use used using usually wanna want wanted way week weeks went whether
    whole worse yeah year years yep yes
    definitely especially exactly feel feeling feels felt loads particularly slightly
    totally
    """
)

#: Words never used to name a theme: English function words plus interview fillers.
STOPWORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) | frozenset(_FILLERS)

#: "-ing" words that are usually nouns in product talk (not verbs to avoid in names).
_ING_NOUNS = word_set(
    """
    accounting banking billing booking branding budgeting building clustering filtering
    funding highlighting hosting invoicing logging marketing meeting messaging
    onboarding planning pricing printing processing ranking reporting scheduling setting
    settings shipping sorting spending testing tracking training
    """
)
#: Irregular verb forms the "-ed"/"-ing" test misses ("paid", "sent").
_IRREGULAR_VERBS = word_set(
    """
    bought brought built came caught chose copied felt found gave got kept knew left
    lost made meant paid ran sat saw seen sent spent stood taught told took wrote
    """
)
#: Words that name no topic however many people use them: counting ("twice"), placing
#: talk in time ("last year", "every Friday", "ago"), the vaguest nouns and adverbs
#: ("ones", "bit", "answer", "away"), and anyone at all ("somebody", "a lad", "people"):
#: "post and somebody" or "man and ladder" named personas. Not a theme's name, an
#: answer's theme or a persona's.
_NOT_A_TOPIC = word_set(
    """
    somebody anybody everybody man men woman women lad lads lady ladies bloke blokes guy
    guys girl girls boy boys chap chaps fella fellas people person persons folk folks
    available ordinary altogether
    first second third half couple once twice
    year years month months week weeks day days today yesterday tomorrow tonight morning
    afternoon evening night hour hours minute minutes time times last next every ago
    weekend monday tuesday wednesday thursday friday saturday sunday fortnight fortnights
    break breaks
    ones thing things stuff bit bits lot lots way ways kind sort sorts type part point
    word words answer answers reason reasons option options question questions idea
    ideas case example fact side end place front top round whole nearly early away
    """
)
#: Counting and sums of money: a term holding one names a figure, not a need ("seven
#: pounds", "sixteen ninety", "three kids").
AMOUNT_WORDS = word_set(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred thousand million grand pound pounds quid pence penny
    fiver tenner euro euros dollar dollars
    """
)
#: Modifiers that add nothing to what a term names ("actual doctor", "proper job").
_EMPTY_MODIFIERS = word_set(
    "actual proper usual normal main general basic extra particular certain various own real"
)
#: Nouns ending in "-ly", which the adverb test below would otherwise refuse.
_LY_NOUNS = word_set("family supply assembly reply ally belly jelly rally bully fly july italy")
#: Plain verbs that surface as terms but name no need or habit ("add", "rang").
_PLAIN_VERBS = word_set(
    """
    add ask asked check checked rang ring try tried want wanted need needed tell keep
    give take put let say think know mean seem feel look see use used send collect
    knock read gone go goes set hold turn bring pick open click press call called wait
    """
)

_NOT_A_NAME_VERBS = _PLAIN_VERBS | _IRREGULAR_VERBS


def names_a_topic(term: str) -> bool:
    """Whether a term could name what people talk about: not only time or vague words
    ("last year", "ones"), no figure ("seven pounds") or adverb ("finishes early"), nor
    a single plain verb ("rang")."""
    words_ = term.lower().split()
    if all(w in _NOT_A_TOPIC for w in words_) or {"twice", "ago", "away"} & set(words_):
        return False  # "app twice", "weeks ago", "straight away": never part of a name
    if any(w in AMOUNT_WORDS or w in _EMPTY_MODIFIERS or w.isdigit() or _adverb(w) for w in words_):
        return False  # "seven pounds", "finishes early", "cost nearly", "actual doctor"
    return not (len(words_) == 1 and words_[0] in _NOT_A_NAME_VERBS)


def _adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4 and word not in _LY_NOUNS


#: Terms with a verb-like word count for less than noun terms when naming a theme.
VERB_PENALTY = 0.5

_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s")


@per_text(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to count "invoices" and "invoicing" together.
    Kept per word: a draft stems the same few thousand words a hundred thousand times."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if len(w) > 2 and "'" not in w and w not in STOPWORDS]


@per_text(maxsize=16384)
def _terms(text: str) -> tuple[tuple[str, str], ...]:
    """(stem key, surface form) of content unigrams and adjacent content bigrams.

    Kept per text: a draft asks for the same sentence's terms many times (for every
    theme, persona and section it may name), about ten times each on a real study.
    """
    tokens = words(text)
    out: list[tuple[str, str]] = []
    for i, token in enumerate(tokens):
        if not _is_content(token):
            continue
        out.append((stem(token), token))
        if i + 1 < len(tokens) and _is_content(tokens[i + 1]):
            nxt = tokens[i + 1]
            out.append((f"{stem(token)} {stem(nxt)}", f"{token} {nxt}"))
    return tuple(out)


def _is_content(token: str) -> bool:
    return (
        len(token) > 2
        and "'" not in token
        and token not in STOPWORDS
        and token.isalpha()
        and token not in _opinion_words()
        and set(token) != {"x"}  # "XXXX": anonymised upstream
    )


#: A word written capitalised after another word ("our Ryan set it up", "we use
#: OpenTelemetry"): a name of a person, place or product, not a sentence's start. An
#: abbreviation ("a new SIM", "the VAT return") names a thing, not someone.
MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+(?:[A-Z][a-z]+)*)\b")


def tells_an_act(term: str) -> bool:
    """Whether a shown term has a word that reads as a verb's past or -ing form ("told",
    "telling", "happened"): fine inside a claim, weak as the name of a phase or group."""
    return any(_verb_like(word) for word in term.lower().split())


def _verb_like(word: str) -> bool:
    if word in _IRREGULAR_VERBS:
        return True
    return (word.endswith("ed") and len(word) > 4) or (
        word.endswith("ing") and word not in _ING_NOUNS
    )


@cache
def _opinion_words() -> frozenset[str]:
    """Words that carry feeling: they belong in feeling claims, not in topic names."""
    from journeybot.synthesis.polarity_lexicon import opinion_words

    return opinion_words()


class TermIndex:
    """Document frequencies over a background of texts, to score any group against."""

    def __init__(self, background: Iterable[str]) -> None:
        self.df: Counter[str] = Counter()
        self.total = 0
        for text in background:
            self.total += 1
            self.df.update({key for key, _ in _terms(text)})

    def distinctive(self, texts: Sequence[str], top: int = 3) -> list[str]:
        """The ``top`` terms that best set ``texts`` apart from the background."""
        if not texts:
            return []
        in_group: Counter[str] = Counter()
        surfaces: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            pairs = _terms(text)
            in_group.update({key for key, _ in pairs})
            for key, surface in pairs:
                surfaces[key][surface] += 1
        for need in (2, 1) if len(texts) >= 3 else (1,):
            found = self._ranked(in_group, surfaces, len(texts), need, top)
            if found:
                return found
        return []

    def _ranked(
        self,
        in_group: Counter[str],
        surfaces: dict[str, Counter[str]],
        size: int,
        need: int,
        top: int,
    ) -> list[str]:
        scored = []
        for key, count in in_group.items():
            if count < need:
                continue
            idf = math.log((self.total + 1) / (self.df.get(key, 0) + 1)) + 1.0
            bonus = 1.3 if " " in key else 1.0
            if any(_verb_like(word) for word in _surface(surfaces[key]).split()):
                bonus *= VERB_PENALTY
            scored.append((-(count / size) * idf * bonus, key))
        scored.sort()
        return _pick(scored, surfaces, top)


def _pick(
    scored: list[tuple[float, str]], surfaces: dict[str, Counter[str]], top: int
) -> list[str]:
    chosen: list[str] = []
    for _, key in scored:
        if any(_roots(key) & _roots(other) for other in chosen):
            continue
        chosen.append(key)
        if len(chosen) == top:
            break
    return [_surface(surfaces[key]) for key in chosen]


def term_roots(term: str) -> set[str]:
    """The roots of a shown term's words ("important features" -> {"important", "feature"}),
    to tell whether two names say the same thing."""
    return _roots(" ".join(stem(w) for w in content_words(term)))


def fresh_terms(candidates: Sequence[str], taken: set[str], count: int = 2) -> list[str]:
    """The first ``count`` candidates whose roots ``taken`` does not hold, else the first
    ``count`` whatever they say: names "important features and data points" and
    "important feature and scatter plots" side by side read as one persona twice."""
    fresh = [term for term in candidates if not term_roots(term) & taken][:count]
    return fresh or list(candidates[:count])


def _roots(key: str) -> set[str]:
    """A key's stems with a final "e" dropped: ``stem`` leaves "boxe" of "boxes" (too
    short to lose "es") beside "box", and a name saying "box and boxes" says one thing."""
    return {word.removesuffix("e") for word in key.split()}


def _surface(forms: Counter[str]) -> str:
    return sorted(forms.items(), key=lambda item: (-item[1], item[0]))[0][0]


def join_terms(terms: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if not terms:
        return ""
    if len(terms) == 1:
        return terms[0]
    return ", ".join(terms[:-1]) + " and " + terms[-1]
