"""Cue phrases for how customers of any service complain and praise without opinion words.

Written when a second tuned study (home-insurance claims, tests/synthesis/planted_home)
showed what the first one's cues missed. Each cue is a *kind* of statement that means
the same across services, not a product's vocabulary:

- effort repeated or wasted: something given again that was already given ("resend
  what I'd already uploaded", "from scratch"), a day lost ("an afternoon gone");
- being caught unawares ("I hadn't clocked it was that high");
- demands put on the customer: "it wanted receipts", "makes you upload each one",
  "I was told I'd need three quotes";
- thinking of leaving ("shop around", "think about switching"); denied, it is loyalty;
- a price put up; after "only" (a minimiser) it is read as the mild relief it is;
- regret about the past ("wish somebody had said"), a rhetorical "who keeps ...?";
- distinction ("the only one that ..."), concession ("I'll give them that"), speed
  with the speaker in it ("took me like ten minutes"), a fear not borne out ("not as
  much as I'd feared");
- expectations met ("as advertised", "did what it said it would"), relief ("a weight
  off my mind"), a plain verdict that something works ("... and it works");
- discourse markers with a lexicon word in them ("to be honest", "in fairness") and
  quantifiers ("a good deal less") carry no opinion; faint praise ("nothing to write
  home about") takes back the praise next to it.

A hedged verdict with no opinion word ("it was a bit much", "felt a bit cheeky") is
read in ``polarity.py``: "a bit" before a word the lexicon does not know softens a
criticism, which is what it is used for. Valences are on VADER's -4..4 scale.
"""

from __future__ import annotations

import re


def _cue(pattern: str) -> re.Pattern[str]:
    """Whole words only, every alternative ("resent" is no match inside "presentation")."""
    return re.compile(r"\b(?:" + pattern + r")\b")


#: Counts of time ("in a second" is a way of saying "soon", so no bare "a" here).
_COUNT = r"(?:two|three|four|five|six|ten|fifteen|twenty|thirty|a few|a couple of|\d+)"
_NUMBER = r"(?:a|an|one|" + _COUNT[3:]

#: Single words of service talk VADER lacks (its lexicon comes from social media).
SERVICE_LEXICON: dict[str, float] = {
    "quick": 1.2,
    "quickly": 1.2,
    "promptly": 1.4,
    "annoyingly": -1.5,
    "letdown": -1.8,
    "phew": 1.5,
    "frustratingly": -1.8,
}
#: Words VADER scores that are nouns of everyday talk ("a friend from work", "the
#: tenancy agreement"), not opinions.
SERVICE_IGNORED: frozenset[str] = frozenset({"friend", "friends", "agreement", "agreements"})

#: Applied before ``cues.PHRASE_CUES``' own (they are longer and more specific), in order.
SERVICE_CUES: tuple[tuple[re.Pattern[str], float], ...] = (
    # No opinion: discourse markers and quantifiers with a lexicon word inside.
    (
        _cue(
            r"to be (?:honest|fair|frank)|if i'm (?:honest|fair)|in (?:all )?fairness|"
            r"(?:i'll|i will|i have to|i must) be honest|a (?:good|great) deal|"
            r"a good (?:\w+ )?(?:minutes?|hours?|while|few|miles?|half|ten|twenty|fifteen|"
            r"thirty|forty|couple|week|weeks|mile)"
        ),
        0.0,
    ),
    # Faint praise as a verdict ("it was fine, nothing to write home about"); a bare
    # "nothing special" answering "anything difficult?" means "nothing to report".
    (
        _cue(
            r"(?:(?:was|is|it's|that's|were|are)(?: \w+)? nothing (?:special|amazing|exciting)|"
            r"nothing to (?:write home|shout) about)"
        ),
        -1.2,
    ),
    # Conceding a point to them ("I'll give them that"); "I'd say that ..." is a hedge.
    (
        re.compile(
            r"\b(?:i'll|i will|i must|i have to) (?:give|grant) (?:them|it|him|her) that\b|"
            r"\b(?:i'll|i will) say that(?: for (?:them|it|him|her)| much)?(?=[,.;!]|$)"
        ),
        1.4,
    ),
    # Singled out from the options: "the only one that did ..." (not "the only one
    # that I can think of": a relative clause with its own subject is no verdict).
    (
        _cue(
            r"the only (?:one|ones)(?: \w+)? (?:that|which|where|who|with)(?! i | we | you | they )"
        ),
        1.4,
    ),
    (
        _cue(
            r"(?:\w+n't|not|never|less|fewer|better)(?: \w+){0,5}? (?:as|than) (?:i|we)"
            r"(?:'d| had| was| were)? (?:feared|dreaded|been dreading|worried|been worried)"
        ),
        1.6,
    ),
    (
        _cue(
            r"took (?:me |us )?(?:like |about |only |just |maybe |barely )?"
            + _NUMBER
            + r" (?:seconds?|minutes?)"
        ),
        1.8,
    ),
    (
        _cue(
            r"(?:in|within) (?:about |under |less than |only |just |like )?"
            + _COUNT
            + r" (?:seconds?|minutes?)|within (?:about |under |less than |only |just )?"
            r"(?:forty|fifty|sixty|forty-five|ninety) minutes"
        ),
        1.2,
    ),
    (_cue(r"(?:like|as good as) new"), 1.6),
    # Expectations met ("did what it said on the tin", "as advertised"); denied, unmet.
    (
        _cue(
            r"(?:did|does|do) (?:exactly |just )?what (?:it|they) (?:said|says|promised)(?: on "
            r"the tin| it would| they would)?|as (?:promised|advertised|described)|"
            r"(?:exactly |just )?what (?:i|we)(?:'d)? (?:expected|hoped for|was promised)"
        ),
        1.4,
    ),
    # Relief and a verdict that something works ("a weight off my mind", "and it works").
    (_cue(r"(?:a |the )?weight off (?:my|our) (?:mind|shoulders)|weight (?:was )?lifted"), 2.0),
    # A held breath let go: "the moment I actually breathed out", "a sigh of relief"
    # (a sigh alone is as often exasperation: "she let out a sigh at the bill").
    (
        _cue(r"(?:breathed?|breathing) (?:out|again|easy|easier|a sigh)|sighs? of relief"),
        2.0,
    ),
    (
        _cue(
            r"(?:it|that|this|which) (?:still |now )?works(?= ?[,.!;]|$| fine| well| "
            r"perfectly)|(?:(?:there|available|ready|right|just|exactly) when|just as) "
            r"(?:i|we|you) (?:need|needed) (?:it|them|one|that|those)\b|no more [a-z]+ing"
        ),
        1.2,
    ),
    # Better was possible: "it could have been better", "left a lot to be desired".
    (
        _cue(
            r"(?:could|should|might) (?:have been|be) (?:a (?:bit|lot|little) |much |so much )?"
            r"(?:better|easier|clearer|quicker|faster|simpler|cheaper|smoother)|"
            r"left (?:a lot|much|something) to be desired|(?:was|were) supposed to"
        ),
        -1.4,
    ),
    (_cue(r"let (?:me|us|them) down"), -1.8),
    # Persuaded: "that's what swung it", "the app sold it for me".
    (
        _cue(
            r"sold (?:it|me|us) (?:for (?:me|us)|on (?:it|them))|swung it|clinched it|"
            r"won (?:me|us) over"
        ),
        1.5,
    ),
    # Effort repeated or wasted.
    (
        _cue(
            r"(?:what|which|that|things?|stuff|everything|details|ones|all) (?:i|we)(?:'d|'ve|"
            r" had| have)? already (?:\w+ )?(?:told|given|sent|uploaded|provided|explained|"
            r"filled in|submitted)|re-?(?:send|sent|submit|submitted|upload|uploaded|enter|"
            r"entered|type|typed)|from scratch|all over again|back to square one|"
            r"back where (?:i|we) started"
        ),
        -1.3,
    ),
    (
        _cue(
            r"(?:an?|the|a whole|my|our) (?:\w+ )?(?:day|morning|afternoon|evening|weekend|"
            r"week|sunday|saturday) (?:gone|wasted|lost)"
        ),
        -1.5,
    ),
    (_cue(r"(?:came|come|comes|coming) back to (?:bite|haunt)"), -1.8),
    # Caught unawares: "I didn't realise it was billing me annually", "hadn't clocked".
    (
        _cue(
            r"(?:didn't|did not|hadn't|had not|never) (?:\w+ )?(?:realise|realised|realize|"
            r"realized|clock|clocked|notice|noticed|twig|twigged)(?= (?:it|that|they|there|"
            r"how|you|we|i)\b)"
        ),
        -1.2,
    ),
    (
        _cue(
            r"wait\w* (?:for )?(?:about |over |nearly |almost |like |a good )?"
            + _NUMBER
            + r" (?:minutes|mins)|(?:was|were|ran|run|runs|running|turned up|arrived|came|"
            r"showed up) "
            r"(?:\w+ )?late"
        ),
        -1.4,
    ),
    (
        _cue(
            r"(?:always|every time|never fails?|without fail)(?: \w+){0,2}? (?:works|worked|"
            r"there|available|on time|turns up|turned up)"
        ),
        1.2,
    ),
    # Trying again and again: "tried six times", "rang four times".
    (
        _cue(
            r"(?:tried|try|trying|attempted|rang|called|phoned|emailed|chased)(?: \w+){0,3}? "
            r"(?:three|four|five|six|seven|eight|nine|ten|several|multiple|countless|\d+) times"
        ),
        -1.4,
    ),
    # Nothing happening, things never arriving.
    (
        _cue(
            r"nothing (?:\w+ ){0,2}for (?:about |nearly |almost |over )?"
            + _NUMBER
            + r" (?:days?|weeks?|months?)"
        ),
        -1.2,
    ),
    (_cue(r"never (?:arrived|came|turned up|came through|got there|showed up|heard back)"), -2.0),
    # Demands put on the customer.
    (
        _cue(
            r"(?:makes|make) you (?!feel|laugh|smile|realise|realize|think|want|wonder|more|"
            r"less|so|very|really)[a-z]+|"
            r"(?:forces|forced|force) (?:you|me|us) to|"
            r"(?:i was|we were) told (?:that )?(?:i|we)(?:'d| would)? (?:need|have to|must)|"
            r"(?:it|the(?: \w+){1,2}) (?:wanted|demanded|insisted on) "
            r"(?!to\b)"
        ),
        -0.9,
    ),
    # Thinking of leaving ("didn't even think about switching" is loyalty: negated).
    (
        _cue(
            r"shop(?:ping)? around|(?:think|thinking|thought|considered|considering) "
            r"(?:about |of )?(?:switching|leaving|moving|cancelling)"
        ),
        -1.5,
    ),
    (
        _cue(
            r"(?:put|puts|putting|bumped|hiked|jacked) (?:it|them|the (?:price|premium|cost|"
            r"fee)s?|prices|premiums|us|me) up|(?:went|gone) up by"
        ),
        -1.4,
    ),
    (
        _cue(r"(?:i |we )?wish (?:\w+ ){0,2}had (?:\w+ )?(?:said|told|known|mentioned|explained)"),
        -1.5,
    ),
    (re.compile(r"\bwho (?:\w+ )?(?:keeps|reads|remembers|carries|checks)\b[^?.!]*\?"), -1.4),
    # Prompt service as the event itself: "an adjuster was booked for the next morning",
    # "it was back the same day", "it was done the same day", "a chap replied the next
    # morning", "they turned up on time" ("until the next day" is a wait).
    (
        _cue(
            r"(?<!until )(?<!till )(?<!not )(?:booked|came|come|arrived|turned up|sorted|fixed|"
            r"replaced|refunded|delivered|collected|paid|back|out|there|ready|done|dealt with|"
            r"answered|replied|seen|rebooked|processed|approved)(?: \w+){0,3}? "
            r"(?:for |by |on |within )?(?:the )?(?:same|next) (?:day|morning|afternoon)|"
            r"(?:turned up|arrived|came|paid out|delivered|ready) "
            r"(?:bang |right |exactly )?on time|"
            r"within (?:the|an|a|one|two|24|48) (?:hour|hours|day)"
        ),
        1.4,
    ),
    # Emphatic absence of someone who should have acted: "not once did anyone call",
    # "nobody ever came", "not a single email". "Never once" only before such an act (or
    # alone): "she's never once gone over", "it never once broke" deny a problem instead.
    (
        _cue(
            r"(?:not once|never once)(?: did)?(?: \w+){0,2}? (?:call|called|rang|ring|phoned|"
            r"replied|reply|answered|came|come|turned up|showed up|told|explained|got back|"
            r"followed up|checked|apologi[sz]ed|bothered|responded|emailed|wrote|offered|"
            r"said sorry|asked)\b|(?:not once|never once)(?=[\s.!?]*$)|"
            r"(?:not one person|not a single (?:person|call|email|e-mail|"
            r"letter|text|word|update)|(?:no ?one|nobody|no-one) ever|(?:no ?one|nobody|no-one) "
            r"(?:really |actually |even )?(?:called|rang|phoned|came|turned up|showed up|told|"
            r"explained|showed|bothered|followed up|checked))"
        ),
        -1.6,
    ),
    # Exasperation closing a complaint: "which is just, come on", "for goodness' sake".
    (
        re.compile(
            r"\b(?:come on|for goodness'? sake|for heaven'?s sake|give me a break|"
            r"you couldn't make it up|i ask you)(?=[\s.!?]*$)"
        ),
        -1.5,
    ),
    # A line nobody answers: "it just goes to a recording", "straight to voicemail".
    (
        _cue(
            r"(?:goes|went|go|going|put) (?:\w+ )?(?:straight )?(?:to|through to) (?:a |an |the )?"
            r"(?:recording|recorded message|voicemail|answerphone|answering machine)"
        ),
        -1.4,
    ),
)

#: "It was a bit much", "felt a bit cheeky": a hedged verdict on a word with no valence.
HEDGED_VERDICT = re.compile(
    r"\b(?:was|were|is|are|it's|that's|felt|feels|seemed|seems|looked|looks|sounded|got|"
    r"gets) (?:a bit|a little|slightly|somewhat|rather|a tad|a touch)(?: too)? "
    r"(?P<word>[a-z]+)\b"
)
HEDGED_VERDICT_VALENCE = -1.0
#: Words after "a bit" that are not a verdict ("a bit of a", "a bit more", "a bit later on").
NOT_VERDICTS = frozenset(
    {
        "of",
        "more",
        "less",
        "like",
        "and",
        "the",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "about",
        "a",
        "an",
        "here",
        "there",
        "time",
        "different",
        "similar",
        "same",
        "bit",
        "little",
    }
)
#: Minimisers: "it only went up by eight pounds" makes a complaint cue a mild relief.
MINIMISERS = frozenset({"only"})
