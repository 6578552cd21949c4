"""Whether text that nobody labelled is one person's words or several people's.

A file without speaker labels is read as one participant's words. That is right for a
written account or a monologue, and wrong for a recorded conversation whose labels were
lost: a video's tidied captions, a panel written out as paragraphs, a caption export
without names. Read as one voice, every host's welcome, question and thank-you would be
quoted as the participant's, and several guests would become one person. The words
cannot be given back to their speakers without labels, so such a file is refused with
what gave it away (``building.build_transcript``), not stored under one name.

Each of these is evidence that more than one person speaks, and one is enough:

- two people introduce themselves by different names ("My name is Jerome", "Hi everyone,
  I'm Alolita"): nobody introduces themselves twice under two names;
- someone introduced is addressed by name ("I am Dan ..." and "Thank you, Dan, for
  joining us"): people do not thank themselves;
- two different people are greeted, thanked or handed over to by name ("Go ahead, Cal",
  "thanks Reese"): a monologue has one listener at most;
- questions put to someone ("..., can you tell us about your stack?") end five or more
  paragraphs, and a tenth of them or more: a participant asks back now and then, an
  interviewer asks all through.

Only the shape of the talk is read (names are whatever follows an introduction or a
greeting), so no particular name or topic decides. Family words and titles ("Thanks
Mum", "Thanks, Dr Patel") and greetings to a room ("Hi everyone") name no one, and an
introduction told as someone else's ("the engineer said, hi, I'm Kevin") is not one made
to the listener.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from journeybot.core.text import short_list
from journeybot.ingestion.roles import asks_question

_NAME = r"(?P<name>[A-Z][a-z]+)"
#: "My name is Jerome", "my name's Ruth".
_NAMED = re.compile(rf"\b(?i:my name(?: is|'s|\u2019s))\s+{_NAME}\b")
#: "I'm Hanson Ho", "Hi everyone, I'm Christos", "Good morning! I'm Hazel": first name
#: and surname, or after a greeting (a lone capital after "I'm" is as often a
#: nationality: "I'm Scottish").
_I_AM = re.compile(rf"\b(?i:i am|i'm|i\u2019m)\s+{_NAME}(?P<surname>\s+[A-Z][a-z]+)?(?=[\s,.!;]|$)")
_GREETED = re.compile(
    r"\b(?i:hi|hello|hey|good (?:morning|afternoon|evening))\b[^.!?]{0,25}[.!,]?\s*$"
)
#: "Thank you, Dan, for ...", "oh thanks Johnny", "Hi Sarah!", "Go ahead, Cal.".
_ADDRESSED = re.compile(
    rf"\b(?:(?i:thanks|thank you|hi|hello|hey)(?:,\s*|\s+)|(?i:go ahead),\s*)"
    rf"{_NAME}\b(?!['\u2019])"
)
_YOU = re.compile(r"\b(?:you|your|yours|y'all)\b", re.IGNORECASE)
#: Capitalised words after a greeting or "thanks" that are no one's name.
_NOT_NAME_WORDS = (
    "everyone everybody all guys folks there again god goodness heavens so for to very "
    "mum mom dad nan nana gran granny grandma grandad mummy daddy love "
    "dr mr mrs ms miss prof sir madam doctor nurse"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
#: Reported speech just before an introduction or a greeting: "he said, hi, I'm Kevin",
#: "she goes 'thanks Dave'", or an open quotation mark.
_REPORTED = re.compile(
    r"(?:\b(?:said|says|saying|goes|went|asked|replied|wrote|like)\b[,:]?\s*[\"'\u201c\u2018]?"
    r"(?:(?:oh|well|yeah|so),?\s*)?(?:hi|hello|hey|thanks|thank you)?[,!.]?\s*"
    r"|[\"\u201c\u2018][^\"\u201d\u2019]{0,40})$",
    re.IGNORECASE,
)
REPORTED_REACH = 40
QUESTION_PARAGRAPHS = 5
QUESTION_SHARE = 0.1


def several_voices(paragraphs: Sequence[str]) -> str | None:
    """What shows that ``paragraphs`` (one unlabelled speaker's turns) are several
    people's words, worded for the researcher, or ``None`` when nothing does."""
    introduced = introduced_names(paragraphs)
    addressed = _addressed_names(paragraphs)
    if len(introduced) >= 2:
        return f"{len(introduced)} people introduce themselves: {short_list(introduced, 4)}"
    both = [name for name in introduced if name in addressed]
    if both:
        return f"{both[0]} introduces themselves, and someone else addresses {both[0]}"
    if len(addressed) >= 2:
        return f"{len(addressed)} people are greeted or thanked by name: {short_list(addressed, 4)}"
    asking = sum(1 for text in paragraphs if _asks_someone(text))
    if asking >= QUESTION_PARAGRAPHS and asking >= QUESTION_SHARE * len(paragraphs):
        return f"{asking} of its {len(paragraphs)} paragraphs put a question to someone"
    return None


def introduced_names(paragraphs: Sequence[str]) -> list[str]:
    """The names people introduce themselves by in ``paragraphs``, first seen first."""
    names: list[str] = []
    for text in paragraphs:
        found = [m for m in _NAMED.finditer(text) if not _reported(text, m.start())]
        found += [
            m
            for m in _I_AM.finditer(text)
            if not _reported(text, m.start())
            and (m.group("surname") or _GREETED.search(text, max(0, m.start() - 30), m.start()))
        ]
        names.extend(m.group("name") for m in found if m.group("name").lower() not in _NOT_NAMES)
    return list(dict.fromkeys(names))


def _addressed_names(paragraphs: Sequence[str]) -> list[str]:
    found = (
        m.group("name")
        for text in paragraphs
        for m in _ADDRESSED.finditer(text)
        if not _reported(text, m.start())
    )
    return list(dict.fromkeys(name for name in found if name.lower() not in _NOT_NAMES))


def _reported(text: str, start: int) -> bool:
    """Whether the words at ``start`` are someone else's, told: "the engineer said, hi,
    I'm Kevin" introduces Kevin to the speaker, not to the listener."""
    return bool(_REPORTED.search(text, max(0, start - REPORTED_REACH), start))


def _asks_someone(text: str) -> bool:
    """A paragraph that ends by asking the listener something."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return asks_question(text) and bool(_YOU.search(sentences[-1]))
