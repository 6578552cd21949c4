"""What kind of problem a pain theme is, so its opportunity says where to look.

Most complaints have no grammar to turn into the team's question (``complaints``
handles "I couldn't ...", "nobody told me ..."), and quoting them back ("How might we
address “I rang on my day off and I was in a queue for forty minutes”?") asks nothing
a workshop can work on. But service complaints fall into a few well-worn kinds, each
with a direction of its own: a price that went up, a wait for a reply, no way to
reach a person, a visit that did not happen when promised, a mistake in someone's
details, a thing that arrived broken. A theme's kind is read from what its members
say (every participant behind it, not only the lead quote), and only where at least
half of them say it, so one person's aside ("twice") does not decide what three people
complained about. A theme of no clear kind keeps its quoted form.

The patterns name how people tell each kind of problem, not any one service's words;
they were written from the tuned planted studies' pain themes and checked on PDPilot
and the held-out drafts' opportunities by reading them (see the README).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from journeybot.synthesis.terms import AMOUNT_WORDS

# Each context below opens a pattern: the context may come anywhere in what was said,
# before or after the words that tell the kind ("a charge on top that nobody mentioned").
#: Talk of money: a price, a fee, an amount or a rate.
_MONEY = (
    r"^(?=.*(?:£|\$|€|\b(?:pounds?|quid|pence|dollars?|bucks|euros?|cents|prices?|fees?|"
    r"costs?|charges?|premiums?|subscriptions?|bills?|rates?|fiver|tenner|ninety-nine|"
    r"a month|a year|an hour|a week|a session|per (?:month|year|hour|week)|excess|deposit|"
    r"refund|discount|payments?)\b)).*?"
)
#: An amount of money, as people say one: a figure, or the words ``terms`` counts with.
_AMOUNT = (
    r"(?:£|\$|€|\d|a (?:pound|fiver|tenner|third|quarter)\b|an extra\b|half\b|double\b|"
    + "|".join(rf"{word}\b" for word in sorted(AMOUNT_WORDS))
    + ")"
)
#: Getting in touch: the talk a wait for a reply is told in.
_CONTACT = (
    r"^(?=.*\b(?:rang|ring|ringing|called|call|phoned|phone|emailed|email|emails|chat|"
    r"chats|messaged|message|messages|ticket|complain\w*|claim|wrote|reply|replies|"
    r"contact\w*|helpline|webform|form)\b).*?"
)
#: The service's screens: the talk a failing app or website is told in.
_SCREENS = (
    r"^(?=.*\b(?:app|apps|website|site|web page|page|portal|form|system|login|log-?in|"
    r"online|screen|link|code|password|upload\w*|account|photo|selfie|scan\w*)\b).*?"
)


@dataclass(frozen=True)
class ProblemKind:
    """A kind of complaint, how it is told, and the team's question for it."""

    name: str
    told: re.Pattern[str]
    question: str


def _kind(name: str, pattern: str, question: str) -> ProblemKind:
    return ProblemKind(name, re.compile(pattern, re.IGNORECASE), question)


#: Most specific first: a tie in support goes to the earlier kind.
KINDS: tuple[ProblemKind, ...] = (
    _kind(
        "price rise",
        _MONEY + r"(?:\b(?:gone|went|going|goes|go|shot|crept|been put) up\b"
        r"(?! (?:to|the|into|onto|and|there|here|stairs)\b)|"
        r"\bput (?:it|them|\w+|the \w+|their \w+) up\b|\bup (?:to|by|from) " + _AMOUNT + r"|"
        r"\b(?:gone|went|going|goes) from (?:\S+ ){1,4}to " + _AMOUNT + r"|"
        r"\b(?:price|fee) (?:rise|increase|hike)s?\b|\bincreased\b|\bfrom free to\b|"
        r"\bdearer\b|\bmore expensive\b|\b(?:raised|hiked|jacked up|bumped up)\b|"
        r"\b(?:jacked|bumped) (?:it|them|the \w+) up\b)",
        "How might we make price changes feel fair and expected?",
    ),
    _kind(
        "hidden cost",
        _MONEY + r"(?:\bonly (?:showed|came) up\b|\bdidn't (?:spot|see|notice|realise)\b|"
        r"\bhidden\b|\bsmall print\b|\bat (?:the )?checkout\b|\bcaught (?:me|us) out\b|"
        r"\bon completion\b|\bon top\b|\bextra (?:fee|charge|cost)s?\b|"
        r"\b(?:nobody|no one|no-one) (?:said|mentioned|told)\b|\bnot (?:mentioned|told)\b|"
        r"\bcharged (?:me |us )?for both\b|\bstill took\b)",
        "How might we show every cost up front, before people commit?",
    ),
    _kind(
        "hard to reach",
        r"\bno (?:phone |telephone )?number\b|\b(?:isn't|wasn't|there's no) (?:a )?(?:phone |"
        r"telephone )?number\b|\bno way to (?:contact|speak|talk|ring|call|reach)\b|"
        r"\b(?:couldn't|can't|cannot|never) (?:get through|speak to|talk to|reach)\b|"
        r"\b(?:talk|speak|get) to (?:a|an actual|a real) (?:human|person)\b|"
        r"\b(?:an actual|a real) (?:human|person)\b|\bnever got (?:past|through)\b|"
        r"\b(?:nobody|no one|no-one) to (?:talk|speak) to\b|\bchat ?bot\b|\ba bot\b|"
        r"\bthe bot\b|\brecord(?:ing|ed message)\b|\bnot even a voicemail\b|\brings? out\b|"
        r"\brang out\b|\banswerphone\b|\bno-?reply\b|\buse the chat\b|\bonly (?:by|through) "
        r"(?:the )?(?:chat|email|app|form)\b|\bon hold\b|\bhold music\b|\bcaller number\b|"
        r"\bautomatic (?:reply|email|response|message)\b|\bauto-?(?:reply|mated reply)\b|"
        r"\bautomated reply\b|\bpress(?:ing)? (?:one|two|three|four|buttons)\b|"
        + _CONTACT
        + r"(?:\bin (?:a|the) queue\b|\bqueued\b|\bno (?:reply|response|answer)\b|"
        r"\bheard nothing\b|\bnothing (?:back|for)\b|\bnever (?:got|heard) back\b|"
        r"\bstill (?:waiting|chasing)\b|\bchas(?:e|ed|ing)\b|\b(?:days|weeks|a fortnight) later\b|"
        r"\bwaited\b|\bcut off\b|\bring back\b|\bgave up\b|"
        r"\b(?:two|three|four|five|six|\d+) (?:emails|calls|chats|messages)\b)",
        "How might we let people reach someone who can help, quickly?",
    ),
    _kind(
        "late or cancelled",
        r"\b(?:didn't|did not|never|nobody|no one|no-one) (?:turn(?:ed)? up|show(?:ed)? up|"
        r"came|come)\b|\bno-?show\b|\brunning (?:\w+ ){0,3}(?:late|behind)\b|"
        r"\b(?:was|been|got|had|they've|they'd|it's) cancell?ed\b|\bcancell?ed (?:on|at|by)\b|"
        r"\b(?:didn't|did not|never) show(?:ed)?(?= ?[.,;!?]|$)|\bdelayed\b|\bnot ready\b|"
        r"\b(?:wasn't|weren't) ready\b|"
        r"\bstill no (?:van|car|driver|engineer|sign|one|cleaner|fitter)\b|"
        r"\bhadn't (?:arrived|come|turned up)\b(?! across| through| over)|"
        r"\b(?:minutes|hours|days) late\b|"
        r"\bmoved (?:it|the \w+) (?:from|to) (?:the )?(?:monday|tuesday|wednesday|thursday|"
        r"friday|saturday|sunday)\b",
        "How might we keep to the times we promise, and warn people early when we can't?",
    ),
    _kind(
        "not told",
        r"\b(?:nobody|no one|no-one|they never|never|nobody ever) (?:told|rang(?! back)|warned|"
        r"let (?:me|us) know|explained|said a word)\b|\bwithout (?:any |a )?(?:warning|notice|"
        r"explanation|word)\b|\bno (?:warning|notice|explanation|reminder|heads-up|heads up)\b|"
        r"\bnot a (?:reminder|word)\b|\bonly found out\b|\bthe first (?:i|we) (?:knew|heard)\b|"
        r"\bdidn't (?:tell|warn) (?:me|us)\b|\bout of the blue\b|\bto be told\b",
        "How might we tell people in good time what is happening and why?",
    ),
    _kind(
        "no times that fit",
        r"\b(?:no|only|earliest|first|next) (?:available |free )?(?:slots?|appointments?|"
        r"availability)\b|\bfully booked\b|\bnothing (?:available|free|until)\b|"
        r"\bnot available\b|\bno \w+ available\b|\bearliest (?:they|you|it|was|is)\b|"
        r"\bwaiting list\b|\bnone left\b|\bsold out\b|\bonly (?:on )?(?:weekdays|weekends|"
        r"mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b|"
        r"\bonly (?:\w+ ){0,4}(?:slots?)\b|\b(?:shuts|closes|finish) at\b|"
        r"\b(?:weeks|days|months) away\b|\bnine to five\b",
        "How might we offer times and places that fit people's lives?",
    ),
    _kind(
        "mistake",
        r"\bwrong (?:\w+ ){0,2}(?:date|name|address|box|item|size|amount|measurement|details?|"
        r"prescription|order|colou?r|number|dose|person|account|tablets?|one)\b|"
        r"\b(?:they|he|she|somebody|someone) lost (?:the|my|our|his|her)\b|\bmixed up\b|"
        r"\bgot (?:\w+ ){0,2}wrong\b|\bmistake\b|\bduplicated\b|\bcharged (?:me |us )?"
        r"twice\b|\bdouble-?charged\b|\bovercharged\b|\bnothing on (?:their|"
        r"the) (?:sheet|system|records?)\b|\bno record\b|\bsomebody else's\b|"
        r"\bnot the one (?:i|we) (?:actually )?(?:needed|ordered|asked for)\b|\bmissing\b|"
        r"\b(?:wasn't|weren't) (?:there|in the (?:bag|box))\b|\bleft out\b",
        "How might we get people's details and orders right first time?",
    ),
    _kind(
        "broken",
        r"\b(?:broke|broken|cracked?|damaged|dented|scratched|snapped|faulty|defective|busted|"
        r"fell apart|falling apart|gone shiny|leak(?:ed|ing|s)?|ripped|torn|stopped working|"
        r"scuff(?:ed)?|smashed|soaked|bent|burst|stained)\b",
        "How might we make sure things arrive undamaged and keep working?",
    ),
    _kind(
        "app or website",
        _SCREENS + r"(?:\bcrash\w*|\bfro(?:ze|zen)\b|\blog(?:s|ged|ging)? (?:me |you )?out\b|"
        r"\b(?:kept |keeps )?reject(?:ed|ing|s)?\b|\berror\b|\b(?:wouldn't|won't|didn't) "
        r"(?:load|work|accept|let|open|recogni[sz]e|take)\b|\bstuck\b|\bspinning\b|"
        r"\bglitch\w*|\bbugs?\b|\bkeeps? (?:sending|saying|asking|showing)\b|"
        r"\bkept (?:sending|saying|asking|showing)\b|\btimed out\b|\bnot supported\b)",
        "How might we make the app and website work first time, for everyone?",
    ),
    _kind(
        "too slow",
        r"\btook (?:me |us |them |her |him )?(?:\w+ ){0,2}(?:days|weeks|months|fortnight)\b|"
        r"\b(?:days|weeks|months) before (?:i|we|they|it|anyone|anybody|the)\b|"
        r"\bstill waiting\b|\bstill (?:hasn't|haven't|hadn't) (?:come|arrived|been)\b",
        "How might we get people what they need sooner?",
    ),
    _kind(
        "starting again",
        r"\ball over again\b|\bagain from the (?:beginning|start|top)\b|\bfrom scratch\b|"
        r"\bsame (?:link|article|question|questions|answer|reply|email|message|details|"
        r"information|documents?|statements?)\b|\bresend\b|\bre-?(?:enter|upload|send|submit)"
        r"\w*|\b(?:start|started|starting) (?:all )?(?:over|again)\b|\bback to the start\b|"
        r"\brepeat(?:ed|ing)? (?:myself|everything|it all)\b|\beach one wanted\b|"
        r"\balready (?:uploaded|sent|told|given)\b",
        "How might we spare people repeating themselves or starting again?",
    ),
    _kind(
        "hard to follow",
        r"\bconfus\w*|\bunclear\b|\b(?:couldn't|can't|cannot) (?:find|work out|figure out|"
        r"understand|make sense)\b|\bno idea (?:how|what|where|which)\b|"
        r"\bdidn't understand\b|\bjargon\b|\bmakes? no sense\b|\bhidden away\b|\bburied\b|"
        r"\bso which is it\b",
        "How might we make what people need easy to find and understand?",
    ),
    _kind(
        "too much effort",
        r"\bby hand\b|\bone (?:by|at a) (?:one|time)\b|\bseparately\b|\bno bulk\b|"
        r"\b(?:afternoon|morning|evening|day) gone\b|\btook (?:me |us )?(?:ages|hours|"
        r"all (?:day|afternoon|morning|evening)|forever)\b|\bpaperwork\b|\bproof of\b|"
        r"\bfaff\b|\bhassle\b",
        "How might we take the legwork out of this for people?",
    ),
    _kind(
        "treated badly",
        r"\brude\b|\bpatroni[sz]\w*|\bdismissive\b|\btalked (?:down|over)\b|"
        r"\bas if (?:i|we) (?:wasn't|weren't)\b|\bdidn't listen\b|\bnot listening\b|"
        r"\bfobbed off\b|\bpushy\b|\bhard sell\b|"
        r"\bmade (?:me|us|her|him) feel (?:like )?(?:an idiot|a child|stupid|small|a nuisance)\b",
        "How might we make sure people are treated with patience and respect?",
    ),
    _kind(
        "price too high",
        _MONEY + r"(?:\btoo (?:much|expensive|dear|steep)\b|\ba lot (?:for|of money)\b|"
        r"\bexpensive\b|\bcan't afford\b|\bnot paying\b|\bnot worth\b|\bwasn't worth\b|"
        r"\brip-?off\b|\bsteep\b|\bpricey\b|\bjust to\b|\bfor things (?:i|we)\b)",
        "How might we make the price feel worth paying?",
    ),
)


def problem_kind(said: Mapping[str, Sequence[str]]) -> ProblemKind | None:
    """The kind most of ``said``'s participants tell (their sentences, by participant),
    or ``None`` where none is told by at least half of them."""
    if not said:
        return None
    told = [" ".join(texts) for texts in said.values()]
    support = {kind: sum(_tells(kind, text) for text in told) for kind in KINDS}
    best = max(KINDS, key=lambda kind: support[kind])  # the first of the most told
    return best if support[best] and support[best] * 2 >= len(said) else None


def _tells(kind: ProblemKind, text: str) -> bool:
    return kind.told.search(text.replace("\u2019", "'")) is not None
