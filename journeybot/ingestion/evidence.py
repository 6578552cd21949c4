"""What is not evidence, even in a participant's turn.

A participant's turn also carries words that say nothing about their experience: the
interviewer's question read back aloud ("Do I use both PDP and ICE plots?"), runs of
line numbers or timestamps left by a PDF or caption export, transcription markers on
their own ("[inaudible]"), bare back-channel ("Yeah."), and call logistics ("can you
hear me?", "you're on mute"). Quoted, they read as findings ("uses both PDP and ICE").

They stay in the stored text (the record is complete and offsets hold); this module only
says which character ranges of a turn may be cut into citable segments. Whatever is
left out can therefore never be quoted: the verifier only accepts segment text.
"""

from __future__ import annotations

import re

#: A sentence runs to a stop followed by a space (so '<!channel>' or 'v2.1' stay whole).
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_NUMBER_RUN_RE = re.compile(
    r"(?:(?<=\s)|^)(?:\d{1,2}:\d{2}(?::\d{2})?|\d{1,4})(?:[\s,;]+(?:\d{1,2}:\d{2}(?::\d{2})?|\d{1,4})){2,}(?=\s|$|[.,;])"
)
_MARKER_RE = re.compile(r"^(?:\s*[\[(][^\[\]()]{1,40}[\])]\s*[.,;]?)+$")
_WORD_RE = re.compile(r"[a-z0-9']+")
_FILLERS = frozenset(
    [
        "yeah",
        "yes",
        "yep",
        "yup",
        "no",
        "nope",
        "okay",
        "ok",
        "mhm",
        "mm",
        "hmm",
        "mmm",
        "uh",
        "um",
        "er",
        "erm",
        "ah",
        "oh",
        "right",
        "sure",
        "alright",
        "so",
        "well",
        "cool",
        "great",
        "exactly",
        "true",
        "totally",
        "absolutely",
        "definitely",
        "gotcha",
        "uh-huh",
        "huh",
        "yeah",
        "okay-",
    ]
)
#: (pattern, most words a sentence may have to count as logistics on its strength).
_LOGISTICS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), max_words)
    for pattern, max_words in (
        (r"\b(?:can|could) you (?:hear|see) me\b", 12),
        (r"\b(?:can|could) you see (?:my|the) screen\b", 12),
        (r"^(?:\w+,? )?I can (?:hear|see) (?:you|it|that|your screen)(?: \w+)?[.!]?$", 8),
        (r"\bhear me (?:ok|okay|alright|all right|now|fine)\b", 12),
        (r"\bloud and clear\b", 8),
        (r"\byou(?:'re| are) (?:on )?mut(?:e|ed)\b", 12),
        (r"\b(?:on|off) mute\b", 12),
        (r"\byou(?:'re| are) breaking up\b", 12),
        (r"\byou (?:froze|cut out|dropped)\b", 12),
        (r"\b(?:share|sharing|stop sharing) (?:my|the|your) screen\b", 12),
        (r"\b(?:your|my) (?:audio|mic|microphone|camera|video) (?:is|was|keeps|cut|froze)", 12),
        (r"\b(?:nice|good|great|lovely) to (?:meet|see) you\b", 10),
        (r"\bthanks? (?:you )?(?:so much )?for (?:having|inviting) me\b", 12),
        (
            r"^(?:(?:yeah|yes|oh|well),? )?(?:hi|hello|hey|good (?:morning|afternoon|evening))"
            r"(?:,? (?:there|everyone|all|folks|again|[A-Z][\w'-]*))?[\s,.!]*$",
            5,
        ),
        (r"^(?:hi|hello|hey)?[\s,]*how are (?:you|things)(?: doing)?(?: today)?[?.!]*$", 6),
        (r"\b(?:bye|goodbye|see you|take care|have a (?:good|great|nice) (?:one|day))\b", 6),
        (r"\b(?:is|are) (?:we|you|it) recording\b", 12),
    )
)
_QUESTION_OPENERS = frozenset(
    [
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "can",
        "could",
        "would",
        "will",
        "should",
        "what",
        "how",
        "why",
        "when",
        "where",
        "which",
        "who",
    ]
)
_SWAP = {"i": "you", "me": "you", "my": "your", "mine": "yours", "we": "you", "our": "your"}
_READBACK_OVERLAP = 0.8
_READBACK_MIN_WORDS = 3


def citable_spans(text: str, question: str = "") -> list[tuple[int, int]]:
    """Ranges of ``text`` (one participant turn) that may be cited, in order.

    Back-channel ("Yeah.") is cut only where it would stand alone: next to real words
    it stays, so a quote keeps its natural ending.

    ``question`` is the interviewer's question this turn answers, for spotting a
    reading-back of it.
    """
    excluded = [match.span() for match in _NUMBER_RUN_RE.finditer(text)]
    asked = _words(question, swap=True)
    for start, end in _sentences(text):
        if _not_evidence(text[start:end], asked):
            excluded.append((start, end))
    return _complement(len(text), excluded, text)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    cursor = 0
    for match in _SENTENCE_END_RE.finditer(text):
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip()]


def _not_evidence(sentence: str, asked: set[str]) -> bool:
    plain = sentence.strip()
    if _MARKER_RE.match(plain):
        return True
    words = _words(plain)
    if not words:
        return not any(ch.isalpha() for ch in plain)
    ordered = _WORD_RE.findall(plain.casefold())
    if any(len(ordered) <= most and p.search(plain) for p, most in _LOGISTICS):
        return True
    return _reads_back(plain, ordered, asked)


def _reads_back(sentence: str, ordered: list[str], asked: set[str]) -> bool:
    """A question of theirs made of the interviewer's own words: the question read aloud."""
    if not asked or len(ordered) < _READBACK_MIN_WORDS:
        return False
    if not (sentence.rstrip(" \"')”’").endswith("?") or ordered[0] in _QUESTION_OPENERS):
        return False
    swapped = [_SWAP.get(word, word) for word in ordered]
    shared = sum(word in asked for word in swapped)
    return shared / len(swapped) >= _READBACK_OVERLAP


def _words(text: str, *, swap: bool = False) -> set[str]:
    found = _WORD_RE.findall(text.casefold())
    return {_SWAP.get(word, word) if swap else word for word in found}


def _complement(length: int, excluded: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for start, end in sorted(excluded):
        if start > cursor:
            spans.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < length:
        spans.append((cursor, length))
    return [(s, e) for s, e in spans if not _words(text[s:e]) <= _FILLERS]
