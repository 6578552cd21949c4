"""Praise and complaint told as an outcome: what happened, with no opinion word.

Read against the quotes the cue lists still missed across the tuned studies, most were
outcomes a listener takes as praise or complaint without any evaluative word. Each cue
is a kind of statement that means the same in any service:

- speed raced against an everyday moment: "it was done before I got to my floor",
  "they get it before they've left the hall", "it uploads while I make a coffee";
- staying on: "we're staying", "I'll stick with them";
- sending others: "I'd tell anyone who can't cook to try it", "I've told the mum next
  door to get her name down";
- a thing or a person that did more than asked: "he even helped my youngest run a
  cable", "she spent nearly an hour with her", "they'd sorted it themselves", "spot on";
- value against a small treat: "less than a night out";
- the only one that would: "which none of the others I looked at would do";
- money handed back, done: "they refunded the difference within the hour", "it came off
  the next bill", "there was eighteen pounds back on my card" (a refund awaited, chased,
  refused or "before" which time passed is none of these);
- put right by someone else: "she picked up and sorted it in five", "they sent a
  replacement", "remade at no cost" (the speaker's own fix is none of these);
- short-changed: "we were getting about half what we pay for".

A problem now gone ("it stopped crashing", "saves a battle at bedtime") is read by the
scorer's removers (``polarity_tokens.REMOVERS``), and British spellings and failure words by the
lexicon (``polarity_lexicon``). Applied after ``cues_everyday``; valences are on VADER's
-4..4 scale.
"""

from __future__ import annotations

import re

from journeybot.synthesis.cues_everyday import whole_words

_WE = r"(?:i|we)"
_HELPER = r"(?:he|she|they|the \w+)"
#: Who hands money back: the company or someone working for it ("they", "the lady"), not
#: said of a wait ("it was February before they paid me back").
_PAYER = (
    r"(?<!before )(?<!until )(?<!till )(?:they|he|she|it|the (?:lady|lad|man|woman|guy|"
    r"girl|company|shop|bank|airline|insurer|agent|manager|owner|council|team|office|"
    r"landlord|host|driver|pharmacy|surgery|practice))"
)
#: Everyday moments a fast service beats.
_MOMENT = (
    r"(?:got|get|reached|finished|finish|made|make|put|hung up|sat down|left|drunk|drank|"
    r"had|boiled)"
)

OUTCOME_CUES: tuple[tuple[re.Pattern[str], float], ...] = (
    # Speed raced against an everyday moment.
    (
        whole_words(
            r"(?:(?:done|there|back|sorted|fixed|arrived|finished|through|gone|up|in|over)|"
            r"(?:get|gets|got|receive|receives|received) it) before (?:i|we|they|you|he|she)"
            rf"(?:'d|'ve| had| have)? (?:even )?{_MOMENT}|while {_WE} (?:make|made|making|"
            r"have|had|grab|grabbed|drink|drank|boil|boiled) (?:a|my|our|the) (?:coffee|cuppa|"
            r"cup of tea|tea|brew|kettle|sandwich|toast)"
        ),
        1.2,
    ),
    # Staying on.
    (
        whole_words(
            r"(?:i'm|we're|i am|we are) (?:staying(?= *(?:[.,;:!?]|$| with (?:them|it|you)\b|"
            r" put\b| on\b| because\b| for now\b))|sticking with (?:it|them)|keeping it|"
            r"carrying on|not going anywhere)|(?:i'll|we'll|i will|we will) (?:stay|stick "
            r"with (?:it|them)|keep (?:it|going with it)|carry on with (?:it|them))|"
            r"(?:i'd|we'd|i would|we would) never (?:move|leave|switch|swap)(?! back\b)"
        ),
        1.2,
    ),
    # Sending others.
    (
        whole_words(
            r"(?:told|tell|telling) (?:[\w']+ ){1,7}?to (?:try (?:it|them)|give (?:it|them) a "
            r"(?:go|try)|get (?:\w+ )?names? down|sign up|book (?:in|with)|join)"
        ),
        1.5,
    ),
    # More than asked, or just right.
    (
        whole_words(
            rf"{_HELPER} even (?:helped|fixed|carried|rang|called|came|stayed|showed|offered|"
            rf"took|brought|sorted|set)|{_HELPER} spent (?:nearly |almost |over |about |a good )?"
            r"(?:an hour|half an hour|ages|so long|a long time) (?:with|on) (?:me|us|him|her|"
            rf"them)|{_HELPER}(?:'d| had|'ve| have)? sorted (?:it|that|everything)"
            r"(?: out)?(?: themselves| herself| himself)|spot on"
        ),
        1.4,
    ),
    # Value against a small treat; the only one that would.
    (
        whole_words(
            r"(?:less|cheaper) than (?:a|one) (?:night out|takeaway|coffee|pint|round|meal out|"
            r"cinema ticket)|(?:which|that) none of the others|none of the others "
            r"(?:i|we) (?:looked at|tried) (?:would|did|do|had|offered)"
        ),
        1.2,
    ),
    # Money handed back, done: a refund, a payout, a charge taken off. Said of a refund
    # awaited, chased or refused ("to get it back", "got nothing back", "before the money
    # went back") it matches nothing; a negation before it turns it round.
    (
        whole_words(
            rf"{_PAYER} (?:'ve |have |had |then |just )?(?:refunded|reimbursed|paid (?:out|"
            r"(?:me|us) back)|(?:gave|did give) (?:(?:me|us) )?(?:[\w'-]+ ){0,5}?back|gave "
            r"(?:me|us) (?:a |the )?full refund)|(?:took|knocked) (?:the difference|(?:[\w-]+ )"
            r"{1,3}(?:percent|pounds?|quid)) off|(?:came|come|coming) off (?:the|my|our) "
            r"(?:next )?bill|(?:was|were|'s) (?:[\w-]+ ){1,4}back (?:on|in|into) (?:my|our) "
            r"(?:card|account|bank)|got (?:the (?:full|whole) |all |every penny)(?:[\w-]+ ){0,5}?"
            r"back"
        ),
        1.2,
    ),
    # Put right by someone else: "Lorraine picked up and sorted it in five", "a
    # replacement sent", "remade at no cost". Not said of the speaker's own fix ("I'd
    # sorted it by price"), and a negation before it turns it round ("never sorted it").
    (
        whole_words(
            r"(?<!\bi )(?<!\bwe )(?<!i'd )(?<!we'd )(?<!i've )(?<!we've )(?<!i'll )"
            r"(?:sorted|fixed|resolved) (?:it|that|everything|the problem|the issue)"
            r"(?! (?:all )?(?:out )?(?:for me|myself|ourselves))|"
            r"(?:at|for) no (?:extra |additional )?(?:cost|charge)|free of charge|"
            r"sen[dt] (?:(?:me|us) )?(?:another one|a (?:new one|replacement))"
        ),
        1.2,
    ),
    # Short-changed.
    (
        whole_words(
            r"(?:half|a third|a quarter|a fraction) (?:of )?what (?:i|we|you) (?:pay|paid|"
            r"were promised|was promised|are paying)(?: for)?"
        ),
        -1.5,
    ),
)
