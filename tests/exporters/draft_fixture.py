"""A hand-built draft that exercises every corner of the exporters.

Seven stages, one without evidence; thin and strong claims; an unsupported claim; a
quote cited by two claims; quotes with quote marks, ampersands, ``<``, emoji and
non-ASCII names; a Slack permalink.
"""

from __future__ import annotations

from datetime import UTC, datetime

from journeybot.core.models import (
    DEFAULT_STAGES,
    Citation,
    Claim,
    Coverage,
    Feeling,
    JourneyMap,
    Persona,
    ReviewStatus,
    Stage,
    StageInsight,
    claim_id,
    content_hash,
    distinct_participants,
)
from journeybot.exporters import ExportBundle

STUDY = "Fernbill invoicing & payments 2026"
DRAFT_ID = "map-5f1c2a9e0b7d"
GENERATED_AT = datetime(2026, 3, 9, 14, 30, tzinfo=UTC)
EMPTY_STAGE = "purchase"


def cite(
    participant: str, quote: str, source: str, location: str, start: int, link: str | None = None
) -> Citation:
    source_id = content_hash(source)
    return Citation(
        quote=quote,
        participant=participant,
        source=source,
        location=location,
        segment_id=f"{source_id}:{start}-{start + len(quote)}",
        source_id=source_id,
        permalink=link,
    )


DAWN = [
    cite(
        "Dawn",
        "Honestly, the chasing was the worst bit of the job. Worse than the ladders.",
        "interview-01-dawn.txt",
        "00:01:11",
        410,
    ),
    cite(
        "Dawn",
        "A lad called Kev, he does the round on the other side of town.",
        "interview-01-dawn.txt",
        "00:01:46",
        902,
    ),
    cite(
        "Dawn",
        "It was fine, but I did have to look twice at the prices.",
        "interview-01-dawn.txt",
        "00:03:16",
        1710,
    ),
    cite(
        "Dawn",
        "Now they just get a text & the money comes in on the Friday 🎉",
        "interview-01-dawn.txt",
        "00:09:40",
        5120,
    ),
]
ZOE = [
    cite(
        "Zoë Łukasiewicz",
        'She said "just use Fernbill, it does the chasing for you".',
        "interview-03-zoe.srt",
        "00:02:05",
        300,
    ),
    cite(
        "Zoë Łukasiewicz",
        "The import said <b>0 customers</b> and I had no idea why.",
        "interview-03-zoe.srt",
        "00:14:52",
        4400,
    ),
    cite(
        "Zoë Łukasiewicz",
        "I waited four days for an answer & by then I'd fixed it myself.",
        "interview-03-zoe.srt",
        "00:31:10",
        9800,
    ),
]
JOSE = [
    cite(
        "José Álvarez-Núñez",
        "I compared three apps side by side in a spreadsheet.",
        "interview-02-jose.vtt",
        "00:04:30",
        1200,
    ),
    cite(
        "José Álvarez-Núñez",
        "Setting up the bank feed took me < 10 minutes, which surprised me.",
        "interview-02-jose.vtt",
        "00:12:01",
        3900,
    ),
    cite(
        "José Álvarez-Núñez",
        "If the price goes up again I'm off, simple as that.",
        "interview-02-jose.vtt",
        "00:40:12",
        12050,
    ),
]
SIOBHAN = [
    cite(
        "Siobhán",
        "Support told me to 'clear my cache' — three times.",
        "diary-study.csv",
        "row 14",
        880,
        "https://fernbill.slack.com/archives/C0R/p1741530000",
    ),
    cite(
        "Siobhán",
        "I renewed for the year because my accountant can log in too.",
        "diary-study.csv",
        "row 31",
        2210,
    ),
]


def claim(scope: str, kind: str, text: str, citations: list[Citation], **extra: object) -> Claim:
    return Claim(
        id=claim_id(STUDY, scope, kind, text),
        text=text,
        citations=citations,
        participants=distinct_participants(citations),
        **extra,  # type: ignore[arg-type]
    )


def feeling(scope: str, text: str, citations: list[Citation], polarity: float) -> Feeling:
    return Feeling(
        id=claim_id(STUDY, scope, "feelings", text),
        text=text,
        citations=citations,
        participants=distinct_participants(citations),
        polarity=polarity,
    )


#: (stage, row, claim text, citations, extra fields) for the journey map.
MAP_CLAIMS: list[tuple[str, str, str, list[Citation], dict[str, object]]] = [
    (
        "awareness",
        "actions",
        "Heard about Fernbill from another tradesperson",
        [DAWN[1], ZOE[0]],
        {},
    ),
    ("awareness", "thoughts", "Doubted it would suit someone without a computer", [DAWN[1]], {}),
    ("awareness", "pain_points", "Chasing unpaid invoices by hand", [DAWN[0], ZOE[0]], {}),
    (
        "consideration",
        "actions",
        "Compared several apps on price & features",
        [JOSE[0], DAWN[2]],
        {},
    ),
    (
        "consideration",
        "opportunities",
        "Show which plan includes direct debit on the pricing page",
        [],
        {"supported": False},
    ),
    ("onboarding", "actions", "Imported customers from a CSV file", [ZOE[1], JOSE[1]], {}),
    ("onboarding", "pain_points", "Import errors give no reason", [ZOE[1]], {}),
    (
        "usage",
        "actions",
        "Lets customers pay by direct debit after a text",
        [DAWN[3]],
        {"status": ReviewStatus.CONFIRMED},
    ),
    (
        "usage",
        "thoughts",
        "The chasing is no longer the worst part of the job",
        [DAWN[0], DAWN[3]],
        {},
    ),
    (
        "support",
        "pain_points",
        "Slow, scripted answers from support",
        [ZOE[2], SIOBHAN[0]],
        {"status": ReviewStatus.CHANGE, "comment": "Split 'slow' from 'scripted'"},
    ),
    ("renewal", "actions", "Renewed yearly so the accountant keeps access", [SIOBHAN[1]], {}),
    ("renewal", "thoughts", "Price rises would make them leave", [JOSE[2]], {}),
]

#: (stage, feeling, citations, polarity).
FEELINGS: list[tuple[str, str, list[Citation], float]] = [
    ("consideration", "Wary of prices that only show after clicking through", [DAWN[2]], -0.45),
    ("onboarding", "Confused when the import showed <0 customers>", [ZOE[1]], -0.7),
    ("onboarding", "Pleasantly surprised by the bank feed", [JOSE[1]], 0.6),
]

#: stage -> (emotion, participants behind it); the empty stage has none.
EMOTIONS = {
    "awareness": (0.35, 2),
    "consideration": (-0.2, 2),
    "onboarding": (-0.55, 2),
    "usage": (0.6, 1),
    "support": (-0.8, 2),
    "renewal": (0.1, 2),
}


def stage_insights() -> list[StageInsight]:
    """The seven default stages, filled from the tables above; purchase has no evidence."""
    insights = []
    for stage in DEFAULT_STAGES:
        if stage.id == EMPTY_STAGE:
            insights.append(StageInsight(**stage.model_dump(), has_evidence=False))
            continue
        emotion, people = EMOTIONS[stage.id]
        rows: dict[str, list[Claim]] = {}
        for scope, row, text, citations, extra in MAP_CLAIMS:
            if scope == stage.id:
                rows.setdefault(row, []).append(claim(scope, row, text, citations, **extra))
        for scope, text, citations, polarity in FEELINGS:
            if scope == stage.id:
                rows.setdefault("feelings", []).append(feeling(scope, text, citations, polarity))
        insights.append(
            StageInsight.model_validate(
                {
                    **stage.model_dump(),
                    "emotion": emotion,
                    "emotion_participants": people,
                    "segments": 3 * people + 2,
                    **rows,
                }
            )
        )
    return insights


def personas() -> list[Persona]:
    sole_trader = Persona(
        id="sole-trader",
        name="The round-runner sole trader",
        summary="Works alone on a fixed round; wants payments to arrive without knocking on doors.",
        participants=["Dawn", "Siobhán"],
        goals=[claim("sole-trader", "goals", "Stop chasing customers for payment", [DAWN[0]])],
        pain_points=[
            claim("sole-trader", "pain_points", "Hidden plan differences", [DAWN[2]]),
            claim("sole-trader", "pain_points", "Scripted support replies", [SIOBHAN[0], ZOE[2]]),
        ],
        behaviours=[claim("sole-trader", "behaviours", "Does admin on the phone in the van", [])],
        quotes=[DAWN[0], DAWN[3]],
        dissent=[claim("sole-trader", "dissent", "Renews mainly for the accountant", [SIOBHAN[1]])],
    )
    studio = Persona(
        id="studio-owner",
        name="The comparison-shopping studio owner",
        summary="Runs a small studio, evaluates tools carefully & will switch on price.",
        participants=["José Álvarez-Núñez", "Zoë Łukasiewicz"],
        goals=[claim("studio-owner", "goals", "Set up quickly with the bank feed", [JOSE[1]])],
        behaviours=[
            claim("studio-owner", "behaviours", "Compares apps in a spreadsheet", [JOSE[0], ZOE[0]])
        ],
        quotes=[JOSE[2], ZOE[1]],
    )
    return [sole_trader, studio]


#: Why the draft has this many personas, as the clustering words it.
PERSONA_REASON = (
    "2 personas: everyone was divided in two by what they talk about; kept whole: a group "
    "of 2 (too few to divide). Check the groups against who was recruited."
)


def make_bundle(stages: list[StageInsight] | None = None) -> ExportBundle:
    insights = stage_insights() if stages is None else stages
    coverage = Coverage(
        study=STUDY,
        sources=[
            "interview-01-dawn.txt",
            "interview-02-jose.vtt",
            "interview-03-zoe.srt",
            "diary-study.csv",
        ],
        participants=["Dawn", "José Álvarez-Núñez", "Zoë Łukasiewicz", "Siobhán"],
        segments_read=212,
        segments_cited=12,
        quotes_dropped=2,
        engine="extractive",
        stages=[s.id for s in insights],
        created_at=GENERATED_AT,
    )
    journey = JourneyMap(study=STUDY, draft_id=DRAFT_ID, coverage=coverage, stages=insights)
    definitions = [Stage(id=s.id, name=s.name, description=s.description) for s in insights]
    return ExportBundle(
        study=STUDY,
        draft_id=DRAFT_ID,
        journey=journey,
        personas=personas(),
        stages=definitions,
        generated_at=GENERATED_AT,
        persona_notes=[PERSONA_REASON],
    )
