"""Personas as map-reduce: a profile per participant per chunk, then grouping.

Map: each chunk of passages yields, per participant speaking in it, a summary and
goals, pain points and behaviours with quotes; a quote must be that participant's own
words and pass the verifier, and an item left with none is dropped. When the profiles
are too long for one grouping prompt, a participant's notes from several chunks are
merged first. Reduce: the model groups participants into 2 to 6 personas and writes
each persona's claims by naming note ids, so a persona's citations are exactly the
verified quotes of the notes it names, from its own members.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from journeybot.core.errors import DraftingError, ModelOutputError, PersonaGroupingError
from journeybot.core.models import (
    Citation,
    Claim,
    Coverage,
    Persona,
    PersonaSet,
    claim_id,
    distinct_participants,
)
from journeybot.core.stages import slugify
from journeybot.prompts import RenderedPrompt
from journeybot.synthesis.llm.chunks import Passage
from journeybot.synthesis.llm.run import DraftRun, each_part, merge_citations, natural_sorted
from journeybot.synthesis.llm.schema import (
    ItemClaim,
    MergedProfile,
    PersonaGrouping,
    ProfileExtraction,
    ProfileKind,
    check_grouping,
    check_merged_profile,
    check_profiles,
)

MIN_PERSONAS = 2
MAX_PERSONAS = 6
QUOTES_PER_PERSONA = 3
NO_PROFILE = "(said nothing about themselves that could be quoted)"


@dataclass
class Note:
    """A profile item whose quotes passed the verifier; ``key`` is how prompts name it."""

    key: str
    participant: str
    kind: ProfileKind
    text: str
    citations: list[Citation]


@dataclass
class Profile:
    participant: str
    summaries: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    merged: bool = False

    @property
    def summary(self) -> str:
        return " ".join(s for s in self.summaries if s) or NO_PROFILE

    @property
    def items(self) -> list[Note]:
        return self.notes


def draft_persona_set(run: DraftRun, study: str, model: str) -> PersonaSet:
    participants = natural_sorted({seg.participant for seg in run.segments})
    profiles = extract_profiles(run, participants)
    profiles = fit_profiles(run, profiles)
    try:
        grouping = group_participants(run, profiles)
    except ModelOutputError as err:  # the drafter falls back to the extractive grouping
        raise PersonaGroupingError(err.message) from err
    notes = {note.key: note for profile in profiles for note in profile.notes}
    personas = _personas(study, grouping, notes)
    cited = {c.segment_id for persona in personas for k in persona.claims() for c in k.citations}
    coverage = Coverage(
        study=study,
        sources=natural_sorted({seg.file_name for seg in run.segments}),
        participants=participants,
        segments_read=len(run.segments),
        segments_cited=len(cited),
        quotes_dropped=run.verifier.dropped_total,
        engine="llm",
        model=model,
        prompt_versions=dict(run.versions),
        notes=run.notes(),
    )
    return PersonaSet(
        study=study,
        personas=personas,
        coverage=coverage,
        clustering={"method": "llm", "k": len(personas), "participants": len(participants)},
    )


# --- map -------------------------------------------------------------------------


def extract_profiles(run: DraftRun, participants: Sequence[str]) -> list[Profile]:
    """One profile per participant, gathered over every chunk they speak in."""
    frame = run.prompt("persona_extract", participants=participants[:1], passages=[])
    chunks = run.chunks(frame)

    def extract(step: str, passages: list[Passage]) -> ProfileExtraction:
        speakers = natural_sorted({p.participant for p in passages})
        return run.caller.ask(
            step,
            run.prompt("persona_extract", participants=speakers, passages=passages),
            ProfileExtraction,
            lambda reply: check_profiles(reply, speakers),
            choices={
                "participant": speakers,
                "ref": [p.ref for p in passages],
            },
        )

    profiles = {name: Profile(name) for name in participants}
    for passages, reply in each_part(run, "persona profile extraction", chunks, extract):
        shown = {p.segment.id for p in passages}
        for found in reply.participants:
            profile = profiles[found.participant.strip()]
            profile.summaries.append(found.summary.strip())
            for kind, items in found.items().items():
                for item in items:
                    citations = run.verify(item.quotes, shown, participant=profile.participant)
                    if not citations:
                        run.claims_dropped += 1
                        continue
                    key = run.new_key("I")
                    note = Note(key, profile.participant, kind, item.text.strip(), citations)
                    profile.notes.append(note)
    return list(profiles.values())


# --- fitting the profiles into one grouping prompt -------------------------------


def fit_profiles(run: DraftRun, profiles: list[Profile]) -> list[Profile]:
    """Merge the longest multi-part profiles until all fit in one grouping prompt."""
    frame = _grouping_prompt(run, profiles[:1])
    budget = run.budget(frame)
    costs = {p.participant: _profile_cost(run, p) for p in profiles}
    while sum(costs.values()) > budget:
        candidates = [p for p in profiles if not p.merged and len(p.notes) > 1]
        if not candidates:
            raise DraftingError(
                f"The profiles of the study's {len(profiles)} participants do not fit in the "
                f"model's context of {run.context_tokens} tokens even after merging; raise "
                "JOURNEYBOT_LLM_CONTEXT_TOKENS or use the extractive engine."
            )
        longest = max(candidates, key=lambda p: costs[p.participant])
        _merge_profile(run, longest)
        costs[longest.participant] = _profile_cost(run, longest)
    return profiles


def _merge_profile(run: DraftRun, profile: Profile) -> None:
    keyed = {note.key: note for note in profile.notes}
    reply = run.caller.ask(
        f"persona profile merge for {profile.participant}",
        run.prompt(
            "persona_merge",
            participant=profile.participant,
            summaries=[s for s in profile.summaries if s],
            items=profile.notes,
        ),
        MergedProfile,
        lambda merged: check_merged_profile(merged, keyed),
        choices={"items": list(keyed)},
    )
    notes: list[Note] = []
    for kind, claims in reply.items().items():
        for claim in claims:
            parts = _named(claim, keyed)
            citations = merge_citations(note.citations for note in parts)
            if citations:
                key = run.new_key("I")
                notes.append(Note(key, profile.participant, kind, claim.text.strip(), citations))
    profile.summaries = [reply.summary.strip()]
    profile.notes = notes
    profile.merged = True


def _profile_cost(run: DraftRun, profile: Profile) -> int:
    lines = [f"{profile.participant}: {profile.summary}"]
    lines.extend(f"{n.key} | {n.kind} | {n.text}" for n in profile.notes)
    return run.counter.count("\n".join(lines) + "\n\n")


# --- reduce ----------------------------------------------------------------------


def group_participants(run: DraftRun, profiles: list[Profile]) -> PersonaGrouping:
    participants = [p.participant for p in profiles]
    owner_of = {note.key: p.participant for p in profiles for note in p.notes}
    bounds = _bounds(len(participants))
    return run.caller.ask(
        "persona grouping",
        _grouping_prompt(run, profiles),
        PersonaGrouping,
        lambda reply: check_grouping(reply, owner_of, participants, bounds),
        choices={"participants": participants, "items": list(owner_of)},
    )


def _grouping_prompt(run: DraftRun, profiles: list[Profile]) -> RenderedPrompt:
    low, high = _bounds(len(profiles))
    return run.prompt("persona_group", profiles=profiles, min_personas=low, max_personas=high)


def _bounds(participants: int) -> tuple[int, int]:
    return min(MIN_PERSONAS, participants), min(MAX_PERSONAS, participants)


def _personas(study: str, grouping: PersonaGrouping, notes: dict[str, Note]) -> list[Persona]:
    personas: list[Persona] = []
    used_ids: set[str] = set()
    for draft in grouping.personas:
        persona_id = _unique(slugify(draft.name), used_ids)
        rows = {
            row: [_claim(study, persona_id, row, claim, notes) for claim in claims]
            for row, claims in draft.claim_rows().items()
        }
        main = [*rows["goals"], *rows["pain_points"], *rows["behaviours"]]
        personas.append(
            Persona(
                id=persona_id,
                name=draft.name.strip(),
                summary=draft.summary.strip(),
                participants=natural_sorted({p.strip() for p in draft.participants}),
                goals=rows["goals"],
                pain_points=rows["pain_points"],
                behaviours=rows["behaviours"],
                dissent=rows["dissent"],
                quotes=_showcase(main),
            )
        )
    return personas


def _claim(
    study: str, persona_id: str, row: str, claim: ItemClaim, notes: dict[str, Note]
) -> Claim:
    citations = merge_citations(note.citations for note in _named(claim, notes))
    key = ",".join(sorted({c.segment_id for c in citations}))
    return Claim(
        id=claim_id(study, persona_id, row, key),
        text=claim.text.strip(),
        citations=citations,
        participants=distinct_participants(citations),
    )


def _named(claim: ItemClaim, notes: dict[str, Note]) -> list[Note]:
    keys = dict.fromkeys(key.strip() for key in claim.items)
    return [notes[key] for key in keys if key in notes]


def _showcase(claims: Sequence[Claim]) -> list[Citation]:
    """A few quotes that introduce the persona, each from a different participant."""
    chosen: list[Citation] = []
    people: set[str] = set()
    for claim in claims:
        for citation in claim.citations:
            if citation.participant not in people:
                people.add(citation.participant)
                chosen.append(citation)
                break
        if len(chosen) == QUOTES_PER_PERSONA:
            break
    return chosen


def _unique(base: str, used: set[str]) -> str:
    candidate, suffix = base, 2
    while candidate in used:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    used.add(candidate)
    return candidate
