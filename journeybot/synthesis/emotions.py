"""Feeling words as a researcher groups them, and words of address that are no feeling.

A map's feelings row says how people felt at a stage. Grouped by what they talked about,
feelings rarely meet: one person was cross about the export, another fuming about the
chat, and each is a single voice. Grouped by the feeling itself (anger, worry,
embarrassment, relief...), the row can say that several people were angry there, and
the quotes show about what.

"Thanks, love." and "Mate, honestly..." use a feeling word to address someone; said so,
the word carries no feeling and must neither make a sentence a feeling nor lift its
polarity. "Don't worry", "I'd love to" and "I lost two orders" use one for something
else again: they make no sentence a feeling either. Nor does a person named with a
feeling word: "Joy came on the Tuesday", "Rob said it was fine", "booked with Precious".
"""

from __future__ import annotations

import re

from journeybot.synthesis.memo import per_text
from journeybot.synthesis.stopwords import word_set

#: Each feeling word's family; a word missing here is a family of its own.
_FAMILIES: dict[str, str] = {
    "angry": """cross angry annoyed irritated frustrated furious livid fuming frustrating
        annoying hate hated""",
    "worried": """worried anxious nervous stressed scared panicked panicky flustered uneasy
        overwhelmed stressful scary dread dreaded panic worry worrying shock shocked""",
    "embarrassed": "embarrassed mortified ashamed embarrassing",
    "let down": "upset disappointed gutted",
    "confused": "confused lost",
    "doubtful": "sceptical skeptical",
    "had a bad time": "nightmare painful awful horrible",
    "relieved": "relieved reassured relief comfortable confident",
    "pleased": """happy pleased glad delighted excited chuffed thrilled grateful impressed
        love loved brilliant fun enjoy enjoyed""",
}
FAMILY_OF: dict[str, str] = {
    word: family for family, words in _FAMILIES.items() for word in word_set(words)
}

#: Words people call each other by. Only after a comma or a sentence's end, or opening
#: one, and followed by punctuation or the end: "You're welcome, love." but not "I love
#: it" or "my dear old mum".
_ADDRESS = re.compile(
    r"(?:^|(?<=[,.!?;]))(\s*(?:my\s+)?(?:love|dear|darling|sweetheart|sweetie|petal|pet|"
    r"hun|hon|babe|duck|chuck|mate|pal))(?=\s*(?:[,.!?;]|$))"
)


#: First names that are also words of feeling or judgement ("Joy", "Rob", "Precious").
_NAME_WORDS = (
    r"Precious|Joy|Grace|Rob|Hope|Faith|Patience|Mercy|Felicity|Bliss|Charity|Harmony|"
    r"Liberty|Destiny|Gift|Blessing|Sunny|Honey|Frank|Will|Constance|Prudence|"
    r"Chance|Justice|Merry|Glory|Heaven|Angel|Rich|Champion|Goodwin|Bonnie"
)
#: Such a name, capitalised inside a sentence, or opening one before what a person does
#: ("Precious was dusting", "Rob said"): a name there, never the word.
_NAMED = re.compile(
    rf"(?<=[a-z,;:] )(?:{_NAME_WORDS})\b(?!['’]s (?:fine|ok|okay|great|good|bad))"
    rf"|(?:^|(?<=[.!?] ))(?:{_NAME_WORDS})(?=(?:['’]s)? (?:was|is|were|said|says|came|"
    r"comes|rang|rings|did|does|had|has|told|tells|asked|sent|got|went|goes|took|left|put|"
    r"made|knew|knows|and|from|at|who|would|will|could|can|never|always|just|booked|"
    r"sorted|cleaned|called|phoned|emailed|texted|helped|turned)\b)"
)
#: A feeling word that names a thing ("the alarm worked", "set an alarm", "the alarm
#: clock", "like a fire alarm", "the fire door"), not how anyone felt; "alarm bells"
#: (worry), "alarmed" and a fire that burnt stay feelings and problems. So with a feeling
#: word that qualifies a document, a benefit or a device ("a sick note", "sick pay", "the
#: panic button", "happy hour"), or a genre ("the old war films", "a horror film"): "off
#: sick", "felt sick" and "sick of it" stay. "fire" and "panic" go first, so "a fire
#: alarm" and "the panic alarm" lose both words.
_THINGS = (
    re.compile(
        r"\b(sick)(?=\s+(?:notes?|pay|leave|days?|certificates?|lines?|bays?|bags?)\b)"
        r"|\b(panic)(?=\s+(?:buttons?|alarms?|rooms?|alerts?)\b)"
        r"|\b(happy)(?=\s+hours?\b)",
        re.IGNORECASE,
    ),
    # A genre: "the old war films", "a horror film", "crime dramas".
    re.compile(
        r"\b(war|horror|crime|murder|disaster|zombie|ghost|monster|killer|death|tragedy)"
        r"(?=\s+(?:films?|movies?|stories|story|novels?|books?|dramas?|series|shows?|"
        r"documentar(?:y|ies)|games?|podcasts?|comedy|comedies|genre|channel|fiction)\b)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(fire)(?=\s+(?:alarms?|doors?|exits?|escapes?|brigade|station|engines?|"
        r"extinguishers?|drills?|safety|service)\b)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:the|a|an|my|your|his|her|our|their|smoke|burglar|car|house|security|"
        r"morning|phone|baby|door)\s+(alarms?)\b(?!\s+bells?\b)|\b(alarm)(?=\s+clocks?\b)",
        re.IGNORECASE,
    ),
)
#: A feeling word used for something else: reassuring the listener ("don't worry",
#: "don't you worry about that"), a verb done to someone else ("I'd upset a good
#: customer"), a wish ("I'd love to", "love to see it"), or "lost" unless it is how
#: someone felt or was ("I felt lost", "a bit lost"), not what they lost ("I lost two
#: orders").
_NOT_FELT = re.compile(
    r"\b(?:don't|do not|never|not to) (?:you )?(?:worry|panic|stress)\b"
    r"|\b(?:'d|would|could|might|will|to) (?:upset|annoy|worry|scare|embarrass|disappoint|"
    r"frustrate)\b"
    r"|\b(?:'d|would|should) (?:really |absolutely )?love\b|\blove to\b"
    r"|(?<!felt )(?<!feel )(?<!was )(?<!were )(?<!i'm )(?<!bit )(?<!completely )"
    r"(?<!totally )(?<!so )(?<!really )\blost\b"
)


#: How a feeling word reads in a list of feelings ("Negative feelings: worried and a
#: nightmare"), where the word alone would not.
_AS_LISTED = {
    "nightmare": "a nightmare",
    "love": "loved it",
    "loved": "loved it",
    "enjoy": "enjoyed it",
    "enjoyed": "enjoyed it",
    "hate": "hated it",
    "hated": "hated it",
}


def as_listed(word: str) -> str:
    """A feeling word as said ("not thrilled" stays so), worded to stand in a list."""
    return _AS_LISTED.get(word, word)


def family_of(word: str) -> str:
    """The family of a feeling word as said ("not happy" is in "pleased", denied)."""
    bare = word.removeprefix("not ")
    return FAMILY_OF.get(bare, bare)


#: Two or more capitalised words inside a sentence: the name of a plan, a programme, a
#: place or a firm ("their Return Strong programme", "the Super Saver fare", "Best
#: Western"), whose words are no verdict. Only after a lower-case word or a comma, so a
#: sentence's first word and "I" never start one; words in capitals (emphasis) are not
#: capitalised words.
_TITLED = re.compile(
    r"(?<=[a-z0-9,;:] )[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|of|and|the|&))*[ -][A-Z][a-z]+\b"
)


@per_text(maxsize=32768)
def without_names(text: str) -> str:
    """``text`` (as written, not lower-cased) with people named by a feeling word,
    multi-word names and things named by one blanked, same length. Kept per text: every
    reading asks again."""
    text = _TITLED.sub(blanked, _NAMED.sub(blanked, text))
    for things in _THINGS:
        text = things.sub(_thing_blanked, text)
    return text


def _thing_blanked(match: re.Match[str]) -> str:
    """The match with only its thing's word blanked ("the alarm" -> "the      ")."""
    group = match.lastindex or 0  # each pattern's alternatives hold one group apiece
    start, end = match.start(group) - match.start(0), match.end(group) - match.start(0)
    whole = match.group(0)
    return whole[:start] + " " * (end - start) + whole[end:]


def blanked(match: re.Match[str]) -> str:
    """Spaces as long as ``match``: what ``re.sub`` puts in place of words taken out, so
    spans into the text stay valid."""
    return " " * len(match.group(0))


def without_address(lower: str) -> str:
    """``lower`` with words of address blanked, same length (spans stay valid)."""
    return _ADDRESS.sub(lambda m: " " * len(m.group(1)), lower)


def only_felt(lower: str) -> str:
    """``lower`` with every feeling word blanked that is not a feeling here: words of
    address, reassurance, wishes, "lost" as a verb. Same length."""
    return _NOT_FELT.sub(blanked, without_address(lower))
