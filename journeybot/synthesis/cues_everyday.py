"""Everyday idioms of praise and complaint that no single word carries.

Written when a third tuned study (a gym chain's members, tests/synthesis/planted_gym)
was read before any tuning and scored barely half its quotes right: its people praised
and complained the way people do in any service, through fixed turns of phrase whose
words mislead a lexicon. Each cue is a *kind* of statement, not a product's vocabulary:

- reliance and credit: "I'd be lost without it", "couldn't manage without them";
- a problem over, a win, progress: "problem solved", "small victories", "which I
  couldn't do a year ago"; acceptance: "but I'll take it", "I can live with that";
- fondness in words of scorn: "I'm a sucker for", "a soft spot for"; help that told
  ("made a massive difference") and a thing that served its time ("didn't owe me owt");
- no complaint and no hesitation: "I'm not complaining", "can't fault them",
  "wouldn't think twice about recommending" (VADER reads the "not" as a complaint);
- the reason for choosing: "that was the deciding factor", "what tipped it";
- scarcity: "fully booked", "booked out", "full by the time I ...", "gone within
  minutes" (not the prompt service "within minutes" means elsewhere);
- not being told: "the first I knew about it was the bill"; "is that too much to ask?";
- doubted follow-through: "she said she'd pass it on. I don't suppose she did.";
- a sarcastic concession: "I'm sure they're lovely people, I'd just like to meet one";
- records nobody read: "never read a word of my notes";
- telling it all again: "told him about my back again";
- handed from person to person: "three different trainers", "fifth adviser";
- remembered by staff: "my trainer remembered my knee from last week";
- regret about the past ("I wish they'd told us", "if only we had known"), but not the
  praise of wishing one had found something sooner;
- formulas with a lexicon word and no opinion: "good luck to her", "nice enough", "to
  be on the safe side".

A fourth tuned study in plain everyday speech (a chain of vets, planted_vet) added:

- advocacy: "I've told two friends to go there", "I'd say go to them";
- being looked after unasked: "without me explaining", "she'd read right through his
  notes", "I didn't know I needed it", "didn't charge a penny extra";
- done at once: "in and out", "all done in one visit"; a saving ("save about 80");
- caught out, "no record of", "it only lets you", "a lot of money", "it all adds up"
  ("that's hard, because ..." is read with "hard to ..." in ``polarity_tokens``);
- repeated failure and delay: "third time this year", "a month before anyone rang",
  "ringing both places for three weeks"; a price rise by an amount.

A fifth (a meal-kit subscription, planted_meals) added: put right ("refunded the whole
meal", "a tenner on top for the trouble", "it hasn't happened since"), sharing a
referral code, speed ("before I'd even finished"), "you can't go wrong", a change made
with "no note", and a sarcastic "so, cheers for that".

Applied before ``cues_service``'s cues, in order. Valences are on VADER's -4..4 scale.
"""

from __future__ import annotations

import re


def whole_words(pattern: str) -> re.Pattern[str]:
    """A cue of whole words only, in every alternative (shared by the later cue lists)."""
    return re.compile(r"\b(?:" + pattern + r")\b")


_THEM = r"(?:he|she|they|anyone|anybody|someone|somebody|it|that|the \w+)"
_MANY = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)"
#: The people a service hands a customer between.
_ROLES = (
    r"(?:people|trainers|coaches|agents|advisers|advisors|engineers|handlers|managers|"
    r"consultants|contacts|staff|reps|representatives|doctors|nurses|tutors|teachers)"
)
_ROLE = (
    r"(?:person|trainer|coach|agent|adviser|advisor|engineer|handler|manager|consultant|"
    r"contact|rep|representative|doctor|nurse|tutor|teacher)"
)

EVERYDAY_CUES: tuple[tuple[re.Pattern[str], float], ...] = (
    # No opinion of the speaker's: a formula with a lexicon word in it.
    (
        whole_words(
            r"good luck to (?:him|her|them|you|us)|(?:nice|pleasant|decent) enough|"
            r"(?:to be|just to be|to stay) on the safe side|pain ?(?:tablets|killers|relief|"
            r"medication|meds|clinic|management)"
        ),
        0.0,
    ),
    # Advocacy: "I've told two friends to go there", "I'd say go to them".
    (
        whole_words(
            r"(?:told|tell|telling|sent|send|sending) (?:\w+ ){1,7}?to (?:go|join|sign up|"
            r"switch|move|try|get) (?:there|to them|over|with them|it|them)|(?:i'd|i would) "
            r"(?:say|tell (?:them|anyone|people)) (?:to )?go (?:to|with)|(?:sent|gave|passed "
            r"on|shared|given) (?:my|our|the) (?:referral )?(?:code|link|voucher) to"
        ),
        1.5,
    ),
    # Looked after without asking: "without me explaining", "read right through his
    # notes", "I didn't know I needed it", "she didn't charge a penny extra".
    (
        whole_words(
            r"without (?:me|us) (?:having to |needing to )?(?:explain|ask|chase|ring|"
            r"remind|prompt)\w*|(?:read|gone|went|looked) (?:right |all )?through "
            r"(?:my|his|her|their|our) (?:\w+ )?(?:notes|file|history|records)|"
            r"didn't know (?:i|we) needed|(?:didn't|did not|never|wouldn't) charge "
            r"(?:me|us|anything|a penny)|(?:before|by the time) (?:i|we)(?:'d| had)? even "
            r"(?:finished|got|put|hung up|sat down|left)|(?:couldn't|can't|cannot) (?:possibly "
            r")?(?:get|go) (?:it |far )?wrong"
        ),
        1.5,
    ),
    # Put right: "they refunded the whole meal", "a tenner on top for the trouble", "it
    # hasn't happened since", "it's saved our weeknights".
    (
        whole_words(
            r"(?:refunded|reimbursed) (?:it|me|us|the whole|in full|everything|the lot)|"
            r"(?:on top|extra) for the (?:trouble|inconvenience)|put (?:\w+ ){0,3}?back on "
            r"(?:my|our|the) (?:account|card)|(?:hasn't|has not|never) happened (?:again|since)|"
            r"(?:it's|it has|that's|that has|has) saved (?:my|our|me|us)"
        ),
        1.4,
    ),
    # Done at once: "in and out in ten minutes", "all done in one visit".
    (
        whole_words(
            r"in and out(?! of)|in (?:one|a single) (?:visit|go|trip|call|appointment|sitting)"
        ),
        1.2,
    ),
    (
        whole_words(
            r"(?:i'd|i would|we'd|we would|i'll|i will) be lost without|"
            r"(?:couldn't|could not|can't|cannot) (?:do|manage|cope|live|function) without"
        ),
        1.8,
    ),
    # Progress: "I can walk to the shops, which I couldn't a year ago".
    (
        whole_words(
            r"(?:which|that|what) (?:i|we) (?:couldn't|could not|can't|wasn't able to)"
            r"(?: do)?(?: (?:a|one|\w+) (?:year|years|month|months|week|weeks) ago| before)"
        ),
        1.4,
    ),
    (whole_words(r"problem solved|(?:small|little) victor(?:y|ies)"), 1.5),
    # Something that helped a lot, or served its time: "that made a massive difference",
    # "it makes all the difference", "it didn't owe me anything" ("made no difference" and
    # "what difference does it make?" are no praise).
    (
        whole_words(
            r"(?:made|makes|make|making) (?:such )?(?:a (?:massive|huge|big|real|great|"
            r"world of|hell of a|noticeable) difference|all the difference|a difference)|"
            r"(?:didn't|doesn't|don't|did not) owe (?:me|us|him|her|them) "
            r"(?:anything|owt|a thing|a penny|nothing)"
        ),
        1.6,
    ),
    # Fondness told by a word of scorn: "I'm a sucker for", "a soft spot for".
    (
        whole_words(
            r"(?:i'm|i am|i've always been|we're|we are) (?:a (?:real |total |right |bit of a )?"
            r"sucker for(?! punishment)|(?:such )?a softie for)|(?:i've|i have|we've|we have) "
            r"(?:always )?(?:got |had )?a soft spot for|(?:i|we) can't get enough of"
        ),
        1.5,
    ),
    # Acceptance after a reservation: "..., but I'll take it", "I can live with that".
    (
        whole_words(
            r"(?:i'll|i will|we'll|we will) take (?:it|them|that)(?=\s*(?:[.!,;]|$))|"
            r"(?:i|we) can live with (?:it|that|them)"
        ),
        1.0,
    ),
    (
        whole_words(
            r"(?:i'm|i am|we're|we are) not complaining|"
            r"(?:can't|cannot|couldn't|could not) (?:really )?(?:complain|fault)|"
            r"(?:wasn't|was not|weren't|were not|i'm not|i am not|we're not) (?:going to|"
            r"gonna) (?:grumble|complain|moan|whinge)"
        ),
        1.4,
    ),
    (
        whole_words(
            r"(?:wouldn't|would not|didn't|did not|don't|do not) (?:even )?"
            r"(?:think twice|hesitate)|without (?:a second thought|hesitation)"
        ),
        1.6,
    ),
    (
        whole_words(
            r"(?:the )?deciding factor|tipped (?:it|the balance)|(?:the|a) clincher|"
            r"(?<!not )being able to|"
            r"(?:that|which|this) decided it|(?:would |'d |could )?save (?:me |us )?"
            r"(?:about |around |over )?£?\d+"
        ),
        1.4,
    ),
    # Caught out, no record, only lets you, a lot of money, it all adds up.
    (
        whole_words(
            r"caught (?:me|us|them|him|her) (?:out|off guard|short)|(?:had|have|has) no "
            r"record of|only (?:lets|allows|let|allowed) (?:you|me|us)|(?:costs?|becomes|is|"
            r"it's|was) (?:a lot|an awful lot|a fortune) of money|it (?:all )?adds up"
        ),
        -1.4,
    ),
    # Changed without a word: "swapped for ordinary pasta, no note", "cancelled without
    # warning"; thanks after "so" for what was just complained of is sarcasm.
    (
        whole_words(
            r"(?:, |^)no (?:note|warning|explanation|apology|notice|message|word)(?=[.!]|$)|"
            r"without (?:a |any )?(?:note|warning|explanation|apology|notice|word)|"
            r"so,? (?:cheers|thanks|thank you)(?: very much)? for that"
        ),
        -1.4,
    ),
    # Repeated failure and delay: "third time this year", "it was nearly a month before
    # anyone rang", "ringing both places for three weeks".
    (
        whole_words(
            r"(?:the |for the )?(?:second|third|fourth|fifth|umpteenth) time (?:this|that|in)|"
            r"(?:nearly |almost |over |more than )?(?:a|one|" + _MANY[3:] + r" "
            r"(?:days?|weeks?|months?) before (?:anyone|anybody|someone|they|we|i) "
            r"(?:\w+ ){0,3}?(?:rang|called|replied|got back|heard|answered|came|told)|"
            r"(?:ringing|calling|phoning|chasing|emailing) (?:\w+ ){0,3}?for (?:about |nearly |"
            r"over )?" + _MANY + r" (?:days|weeks|months)"
        ),
        -1.5,
    ),
    # A price rise by an amount: "it went up two pounds a month".
    (
        whole_words(
            r"(?:went|gone|goes|going|shot) up (?:by |to )?(?:another |about |nearly )?"
            r"(?:£?\d+|[a-z]+(?:-[a-z]+)?) (?:pounds?|quid|percent|per cent|%|dollars?|euros?)"
        ),
        -1.4,
    ),
    (
        whole_words(
            r"fully booked|booked (?:up|out)|sold out|"
            r"(?:full|gone|taken) (?:up )?by the time|"
            r"(?:goes|go|went|gone|going) within (?:about |like |a few |\w+ ){0,2}"
            r"(?:seconds|minutes)|"
            r"no (?:slots|spaces|places|appointments|availability) (?:left|available|free)"
        ),
        -1.5,
    ),
    (whole_words(r"(?:is|was|is it|was it) (?:that |it |this )?too much to ask"), -1.5),
    (
        whole_words(
            r"the first (?:i|we) (?:knew|heard|found out) (?:about|of)|before (?:i|we) "
            r"(?:heard|got) (?:a word|anything|a thing) from"
        ),
        -1.6,
    ),
    (
        whole_words(
            r"(?:don't|do not) (?:suppose|imagine|expect) " + _THEM + r" (?:ever )?"
            r"(?:did|has|have|will|was|were|does)|i doubt " + _THEM + r" (?:ever )?"
            r"(?:did|will|has|have|does)"
        ),
        -1.4,
    ),
    (
        re.compile(
            r"\b(?:i'm|i am) sure (?:\w+ ){0,4}?(?:are|is|they're|it's|he's|she's) "
            r"(?:\w+ )?(?:lovely|nice|great|wonderful|brilliant|fine)\b(?=[^.!?]*\bjust\b)"
        ),
        -1.5,
    ),
    (
        whole_words(
            r"(?:never|hadn't|had not|didn't|did not) (?:even |once |actually |clearly |"
            r"bothered to )?(?:read|looked at|opened|checked) (?:a word of |a line of )?"
            r"(?:my|our|the|his|her) (?:notes|file|records?|history|emails?|letters?|forms?)"
        ),
        -1.5,
    ),
    # Handed from person to person: "had three different trainers", "four advisers in
    # eleven months", "fifth trainer" (not "done by three different managers").
    (
        whole_words(
            r"(?:had|spoke to|spoken to|talked to|dealt with|been through|seen|passed "
            r"(?:between|around|to)|handed (?:between|to|over to)) (?:\w+ )?"
            + _MANY
            + r" different "
            + _ROLES
            + r"|"
            + _MANY
            + r" "
            + _ROLES
            + r" in (?:\w+ )?(?:days|weeks|months|years)|"
            r"(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth) (?:different )?" + _ROLE
        ),
        -1.3,
    ),
    # Remembered by someone: "my trainer remembered my knee"; not "I remembered my card".
    (re.compile(r"(?<!\bi )(?<!\bwe )(?<!\bi'd )\bremembered (?:my|me|our|us)\b"), 1.4),
    (
        whole_words(r"(?:told|explained|repeated|described|went through) (?:\w+ ){0,7}?again"),
        -1.2,
    ),
    (
        re.compile(
            r"\b(?:wish|wished|if only) (?:\w+ ){0,8}?(?:had|'d) (?:\w+ )?"
            r"(?:\w+ed|been|known|told|said|gone|done|kept|taken|given|written|thought)\b"
            r"(?![^.!?]*\b(?:sooner|earlier|years ago|before now)\b)"
        ),
        -1.5,
    ),
)

#: Everyday British words of praise and complaint that VADER's lexicon lacks, and the
#: failures of devices and connections ("it froze", "outages") it does not know.
EVERYDAY_LEXICON: dict[str, float] = {
    "rubbish": -1.9,
    "shambles": -2.0,
    "shambolic": -2.0,
    "knackered": -1.2,
    "naff": -1.2,
    "skint": -1.0,
    "brill": 2.0,
    "froze": -1.2,
    "freezes": -1.2,
    "buffering": -1.2,
    "outages": -1.6,
    "crashy": -1.5,
}
