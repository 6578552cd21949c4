"""Touchpoints per stage: the channels participants say they used, from their own words.

A lexicon of channel families (website, app, e-mail, letter, phone line, chat...), each
with the ways people name it, is matched on participant segments only (interviewer
words are context, never evidence). A study can add its own touchpoint names. A
participant naming two channels in a row with a switch cue ("tried the chat, then had
to phone") is a channel switch: a friction point, quoted as said.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from journeybot.core.models import ChannelSwitch, Citation, Segment, Touchpoint
from journeybot.synthesis.sentences import sentence_spans
from journeybot.synthesis.verify import CitationVerifier

#: Channel families and the words that name them (regular-expression fragments).
CHANNEL_LEXICON: dict[str, tuple[str, ...]] = {
    "Website": (
        r"web ?sites?",
        r"web ?pages?",
        r"online",
        r"on the site",
        r"their site",
        r"the site",
        r"portal",
        r"online account",
        r"log(?:ged)? ?in(?:to)?",
        r"login",
    ),
    "App": (r"app", r"apps", r"mobile app", r"the application on my phone"),
    "E-mail": (r"e-?mails?", r"e-?mailed", r"inbox"),
    "Letter": (r"letters?", r"in the post", r"by post", r"posted (?:me|us|it|out)", r"leaflets?"),
    "Phone line": (
        r"phoned",
        r"phoning",
        r"phone (?:call|line|them|up|number|support)",
        r"(?:by|over the|on the) phone",
        r"call(?:ed|ing)? (?:them|the|back|up|again|their|customer)",
        r"rang",
        r"ring(?:ing)? (?:them|up|back)",
        r"help ?line",
        r"hotline",
        r"call (?:centre|center)",
        r"on hold",
    ),
    "Text message": (r"texted", r"text messages?", r"sent (?:me |us )?a text", r"sms"),
    "Chat": (
        r"live ?chat",
        r"web ?chat",
        r"chat ?bot",
        r"online chat",
        r"the chat",
        r"chat (?:function|window|service|support)",
    ),
    "In person": (
        r"in person",
        r"face to face",
        r"branch",
        r"(?:the|a) (?:shop|store)",
        r"counter",
        r"went in(?:to)? the office",
    ),
    "Engineer's visit": (
        r"(?:engineer|technician|installer)'?s? visit",
        r"(?:engineer|technician|installer)s? (?:came|visited|turned up|arrived|was booked)",
        r"sent (?:an|the|a) (?:engineer|technician|installer)",
        r"came (?:round|out) to (?:fix|install|look|check)",
        r"home visit",
    ),
    "Bill": (r"bills?", r"(?:bank|monthly|annual|account) statements?"),
    "Social media": (r"twitter", r"facebook", r"instagram", r"social media", r"tweet(?:ed)?"),
    "Search engine": (r"googled?", r"search engine", r"searched online"),
}

#: Words that, between two channel mentions, mark a move from one to the other.
SWITCH_CUES = re.compile(
    r"\b(?:then|instead|had to|ended up|gave up|so i|so we|eventually|in the end|"
    r"finally|after that|sent me to|told me to|redirected|back to|switched|moved to)\b",
    re.IGNORECASE,
)
TOUCHPOINTS_PER_STAGE = 6
QUOTES_PER_TOUCHPOINT = 3


@dataclass(frozen=True)
class Mention:
    """A channel named in one sentence of a segment."""

    channel: str
    segment: Segment
    start: int
    end: int  # the sentence span, offsets into the segment text
    at: int  # where the channel word starts in the segment text


class ChannelLexicon:
    """Compiled channel names: the built-in families plus a study's own."""

    def __init__(self, extra: Mapping[str, Sequence[str]] | None = None) -> None:
        families: dict[str, list[str]] = {k: list(v) for k, v in CHANNEL_LEXICON.items()}
        for name, variants in (extra or {}).items():
            words = [re.escape(" ".join(v.split())) for v in [name, *variants] if v.strip()]
            families.setdefault(name, []).extend(w.replace(r"\ ", r"\s+") for w in words)
        self.patterns = {
            name: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
            for name, words in families.items()
        }

    def mentions(self, segment: Segment) -> list[Mention]:
        """Channels named in each sentence of ``segment``, in the order said."""
        found: list[Mention] = []
        for span in sentence_spans(segment.text):
            sentence = span.of(segment.text)
            for channel, pattern in self.patterns.items():
                match = pattern.search(sentence)
                if match is not None:
                    at = span.start + match.start()
                    found.append(Mention(channel, segment, span.start, span.end, at))
        found.sort(key=lambda m: m.at)
        return found


def stage_touchpoints(
    segments: Iterable[Segment], lexicon: ChannelLexicon, verifier: CitationVerifier
) -> list[Touchpoint]:
    """Touchpoints named at one stage, most participants first."""
    by_channel: dict[str, dict[str, Mention]] = defaultdict(dict)
    for segment in segments:
        for mention in lexicon.mentions(segment):
            by_channel[mention.channel].setdefault(segment.participant, mention)
    touchpoints: list[Touchpoint] = []
    for channel, firsts in by_channel.items():
        citations = [
            c
            for m in list(firsts.values())[:QUOTES_PER_TOUCHPOINT]
            if (c := _cite(verifier, m.segment, m.start, m.end)) is not None
        ]
        if citations:
            touchpoints.append(
                Touchpoint(name=channel, participants=len(firsts), citations=citations)
            )
    touchpoints.sort(key=lambda t: (-t.participants, t.name))
    return touchpoints[:TOUCHPOINTS_PER_STAGE]


def channel_switches(
    segments: Iterable[Segment], lexicon: ChannelLexicon, verifier: CitationVerifier
) -> list[ChannelSwitch]:
    """Moves from one channel to another inside one turn, with a switch cue between."""
    switches: list[ChannelSwitch] = []
    for segment in segments:
        mentions = lexicon.mentions(segment)
        for first, second in itertools.pairwise(mentions):
            if first.channel == second.channel or second.start - first.end > 200:
                continue
            between = segment.text[first.at : second.at]
            if not SWITCH_CUES.search(between):
                continue
            citation = _cite(verifier, segment, first.start, max(first.end, second.end))
            if citation is not None:
                switches.append(
                    ChannelSwitch(
                        participant=segment.participant,
                        channels=[first.channel, second.channel],
                        citation=citation,
                    )
                )
                break  # one switch quoted per turn is enough to show the friction
    return switches


def _cite(verifier: CitationVerifier, segment: Segment, start: int, end: int) -> Citation | None:
    return verifier.cite(segment.id, segment.text[start:end])
