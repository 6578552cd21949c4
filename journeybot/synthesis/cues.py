"""Word lists for reading research talk: feeling, negation, hedges and problem cues.

Valences use VADER's scale (-4..4) so they mix with its lexicon. The lists are about
how people talk about products and services in interviews, not about any one product.
"""

from __future__ import annotations

import re

from journeybot.synthesis.cues_everyday import EVERYDAY_CUES
from journeybot.synthesis.cues_implicit import IMPLICIT_CUES
from journeybot.synthesis.cues_outcomes import OUTCOME_CUES
from journeybot.synthesis.cues_service import SERVICE_CUES
from journeybot.synthesis.stopwords import word_set


def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(r"\b" + pattern + r"\b")


#: Multi-word cues, applied before single words (lower-cased, straight apostrophes).
PHRASE_CUES: tuple[tuple[re.Pattern[str], float], ...] = (
    *EVERYDAY_CUES,
    *OUTCOME_CUES,
    *SERVICE_CUES,
    (
        _cue(
            r"(?:nearly|almost|very nearly|close to) (?:cancel\w*|quit\w*|g[ai]ve up|left|"
            r"walk(?:ed)? away|switch\w*|churn\w*|threw it|binned it)"
        ),
        -2.8,
    ),
    (_cue(r"(?:gave|give|giving) up"), -2.2),
    (
        _cue(
            r"had to (?:call|ring|phone|chase|email|contact|wait|ask|go back|redo|re-?enter|"
            r"start (?:again|over)|do (?:it|everything|that) (?:by hand|manually)|"
            r"copy|type (?:it|them|everything))"
        ),
        -1.6,
    ),
    (
        _cue(
            r"(?:wait\w*|on hold) (?:for )?(?:\w+ ){0,2}(?:days|weeks|hours|ages|forever|"
            r"a week|a month|months)"
        ),
        -2.0,
    ),
    (_cue(r"on hold"), -1.4),
    (
        _cue(
            r"took (?:\w+ )?(?:ages|forever|so long|hours|days|weeks|months|way too long|"
            r"a while)|for ages"
        ),
        -1.8,
    ),
    (
        _cue(
            r"heard nothing|never heard back|no (?:reply|response|answer)|nobody (?:replied|"
            r"answered|got back|picked up|called back|rang back)"
        ),
        -1.8,
    ),
    (
        _cue(
            r"shouldn't have (?:taken|had to|been|needed)|should(?:n't)? have been (?:easier|"
            r"simpler|obvious|there)"
        ),
        -1.6,
    ),
    (_cue(r"(?:by hand|manually|manual (?:job|process|work|step))"), -1.0),
    (
        _cue(
            r"(?:kept|keeps) (?:on )?(?:dropping|crashing|failing|freezing|logging|asking|"
            r"pushing|breaking|forgetting|timing out|losing|going wrong|happening|"
            r"disconnecting|bouncing|erroring)"
        ),
        -1.2,
    ),
    (_cue(r"(?:there's |there is |there was )?no way (?:to|of)|nowhere to"), -1.3),
    (
        _cue(
            r"(?:doesn't|does not|didn't|did not|don't|won't|wasn't|isn't) (?:show|map|match|"
            r"let (?:me|us|you)|allow|support|handle)|(?:wasn't|isn't|not) supported"
        ),
        -1.3,
    ),
    (
        _cue(
            r"look(?:ing)? (?:elsewhere|around|at alternatives)|(?:i'd|i would|we'd|we would|"
            r"i'll|we'll) (?:switch|leave|be gone|cancel)"
        ),
        -1.5,
    ),
    (
        _cue(
            r"paying for (?:things|features|stuff|a lot|loads) (?:i|we) (?:never|don't)|"
            r"(?:things|features) (?:i|we)(?:'d| would)? never use"
        ),
        -1.5,
    ),
    (_cue(r"(?:nearly |almost )?doubles? the (?:price|cost|bill)"), -1.5),
    (_cue(r"duplicat\w+"), -1.2),
    (
        _cue(
            r"(?:is|was|it's) (?:exactly |just )?what (?:i|we) (?:wanted|needed)|"
            r"(?:would|will|i'd|i'll|we'd|we'll) (?:keep )?recommend(?:ing)?|"
            r"(?:i'd|i would|would) be recommending"
        ),
        1.6,
    ),
    (
        _cue(
            r"(?:couldn't|could not|can't|cannot|didn't|did not) (?:find|work out|figure out|"
            r"get (?:it|them|that) to|see how|tell)"
        ),
        -1.8,
    ),
    (
        _cue(
            r"(?:didn't|did not|doesn't|does not|wasn't|won't|wouldn't) "
            r"(?:work|load|sync|save|connect|match|add up|show up)"
        ),
        -1.8,
    ),
    (_cue(r"(?:stopped|stops) working|fell over|keeps? crashing|kept crashing"), -2.0),
    # Damage the lexicon lacks ("a smashed phone", "the screen cracked"), but not the
    # slang of success or laughter ("smashed it", "cracked on", "cracked up").
    (_cue(r"(?:smashed|cracked|scratched|dented)(?! (?:it|on|that|them|up|open)\b)"), -1.3),
    (_cue(r"no idea (?:how|what|where|why|which)"), -1.3),
    # A rhetorical "why doesn't it...?" is a complaint, whatever came before the "but";
    # "why don't you tell us..." is an invitation and is left alone.
    (
        _cue(
            r"why (?:doesn't|does not|can't|cannot|isn't|won't|didn't|wasn't|is there no|"
            r"do i have to|did i have to|would i have to|on earth|don't (?:they|it|i)\b)"
        ),
        -1.6,
    ),
    (
        _cue(
            r"(?:doesn't|does not|didn't|did not|don't|won't|wasn't|isn't) (?:arrive|land|"
            r"come through|turn up|go through|clear|warn|tell (?:me|you|us)|get there)"
        ),
        -2.0,
    ),
    (
        _cue(
            r"(?:lost|losing|lose) (?:all )?(?:my |our |the )?(?:data|work|changes|"
            r"everything|invoices|history|records)"
        ),
        -2.5,
    ),
    (
        _cue(
            r"(?:ended up|resorted to|fell back (?:on|to)|went back to) (?:using|doing|"
            r"a spreadsheet|excel|paper|the old)"
        ),
        -1.2,
    ),
    (_cue(r"work ?arounds?|hacky|hoops|round in circles|back and forth"), -1.4),
    (
        _cue(
            r"fed up|pulling my hair out|tearing my hair out|drove me (?:mad|crazy|nuts)|"
            r"doing my head in|sick of"
        ),
        -2.4,
    ),
    (
        _cue(r"a (?:real |total |bit of a |massive |huge )?(?:pain|faff|hassle|headache|chore)"),
        -1.8,
    ),
    (_cue(r"(?:too|really|very|so) (?:expensive|pricey|slow|fiddly|complicated)"), -1.6),
    (
        _cue(
            r"hidden (?:fees?|costs?|charges?)|(?:price|fees?|cost) (?:went|go|going) up|"
            r"price (?:hike|increase)"
        ),
        -1.6,
    ),
    (_cue(r"just works?|worked first time|worked straight away|out of the box"), 2.0),
    (_cue(r"saved? (?:me|us) (?:so much |a lot of |loads of |hours|time|days)"), 2.2),
    (_cue(r"made (?:my|our) (?:life|lives|job) (?:so much |a lot )?easier"), 2.4),
    (_cue(r"(?:no|never had (?:any|a)|not a single) (?:problems?|issues?|complaints?)"), 1.4),
    (
        _cue(
            r"(?:got|sorted|fixed|answered) (?:it |me |that )?(?:the same day|within|"
            r"in (?:an|a few|ten|five|two) (?:hour|minute)s?|straight away|really quickly)"
        ),
        2.0,
    ),
    (_cue(r"game ?changer|life ?saver|no[- ]brainer"), 2.4),
    # Speed and help reported as a pleasant surprise ("took about a minute, I was
    # expecting a fight"): the problem words inside are the expectation, not the event.
    (
        _cue(
            r"took (?:about |only |just |less than |under |maybe )?(?:a|one|two|three|five|"
            r"ten|a few|a couple of|\d+) (?:seconds?|minutes?)"
        ),
        1.8,
    ),
    (
        _cue(
            r"(?:was |i was |i'd been |we were )?expect(?:ing|ed) (?:a fight|worse|a battle|"
            r"(?:it|this|that) to be (?:hard|harder|a pain|difficult|painful|a nightmare|a faff))"
        ),
        1.0,
    ),
    (_cue(r"(?:even|actually|helpfully) (?:told|showed|flagged|warned|reminded) (?:me|us)"), 1.4),
    (_cue(r"let (?:me|us) (?:fix|edit|change|undo|correct|sort) (?:it|them|that|those)"), 1.0),
    # Talk about talk: "pain points" is the interview's vocabulary, not a feeling, and a
    # wish ("I'd love to see...") is a request, not delight.
    (_cue(r"pain ?points?"), 0.0),
    (_cue(r"(?:i'd|i would|we'd|we would) (?:really )?love (?:to|it if|for|some)"), 0.0),
    (_cue(r"cross[- ]eyed"), -1.0),
    *IMPLICIT_CUES,
)

#: Words VADER scores that, in interview talk, are fillers, politeness or nouns.
IGNORED_WORDS: frozenset[str] = word_set(
    """
    accept agree agreed aid alert approval approved award block care cared chance credit
    cut cuts cutting dead demand engage engaged entertainment excel exempt free funny
    gift god gosh haha help honestly important interesting join joke kind laugh laughed
    laughing laughs like lol matter no ok okay party pay plan please pretty profit
    profits reach ready reward rewards right save saved secure security share sharing
    straight support sure thank thanks top true trust value want welcome well yeah yep
    yes
    """
)

#: Feeling words, valid only when the speaker reports them ("I was cross", "made me
#: nervous"); "cross" elsewhere is just a word.
FEELING_WORDS: dict[str, float] = {
    "cross": -2.0,
    "angry": -2.3,
    "annoyed": -1.8,
    "irritated": -1.8,
    "frustrated": -2.4,
    "furious": -2.8,
    "livid": -2.8,
    "upset": -2.0,
    "confused": -1.5,
    "lost": -1.3,
    "worried": -1.5,
    "anxious": -1.5,
    "nervous": -1.3,
    "stressed": -1.8,
    "scared": -1.8,
    "embarrassed": -1.6,
    "mortified": -2.4,
    "ashamed": -2.0,
    "panicked": -2.0,
    "panicky": -1.6,
    "flustered": -1.4,
    "fuming": -2.6,
    "disappointed": -2.1,
    "gutted": -2.2,
    "overwhelmed": -1.6,
    "uneasy": -1.3,
    "sceptical": -0.9,
    "skeptical": -0.9,
    "relieved": 1.8,
    "reassured": 1.6,
    "happy": 2.2,
    "pleased": 2.0,
    "glad": 1.9,
    "delighted": 2.8,
    "excited": 1.8,
    "impressed": 2.1,
    "chuffed": 2.2,
    "thrilled": 2.6,
    "confident": 1.6,
    "comfortable": 1.4,
    "surprised": 0.8,
    "grateful": 2.0,
}

#: Tokens that frame a reported feeling: the speaker talking about themself.
FEELING_FRAME: frozenset[str] = frozenset(
    {"i", "i'm", "i've", "i'd", "we", "we're", "we'd", "me", "us", "myself", "felt", "feel"}
)

NEGATORS: frozenset[str] = word_set(
    """
    ain't aren't barely can't cannot couldn't didn't doesn't don't hadn't hardly hasn't
    haven't isn't neither never no nobody nobody's none nope nor not nothing nothing's
    shouldn't wasn't weren't without won't wouldn't lack lacks lacking
    """
)

#: Hedges soften what follows ("a bit annoying").
HEDGES: tuple[str, ...] = (
    " a bit ",
    " a little ",
    " kind of ",
    " sort of ",
    " slightly ",
    " somewhat ",
    " kinda ",
    " sorta ",
    " mildly ",
    " fairly ",
    " i guess ",
    " i suppose ",
    " maybe ",
    " probably ",
    " a touch ",
)

#: Boosters strengthen what follows ("really confusing").
BOOSTERS: frozenset[str] = word_set(
    """
    absolutely completely dead extremely genuinely hugely incredibly massively more
    properly really seriously so such super totally utterly very
    """
)

#: Replies that deny what the question suggested ("was that frustrating?" "no").
DENIALS: tuple[str, ...] = (
    "no",
    "nope",
    "nah",
    "not really",
    "not at all",
    "not particularly",
    "not especially",
    "not much",
    "not hugely",
    "i wouldn't say so",
    "i don't think so",
    "never",
    "no, not really",
    "no not really",
    "not that i remember",
)

#: One pattern matching wherever any phrase cue could: most clauses have none, so one
#: search rules out the whole list.
ANY_PHRASE_CUE: re.Pattern[str] = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern, _ in PHRASE_CUES)
)
#: Any problem-signalling phrase cue (the negative ones).
NEGATIVE_PHRASE_CUE: re.Pattern[str] = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern, valence in PHRASE_CUES if valence < 0)
)
