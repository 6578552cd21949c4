"""Drafting use cases: gather a study's evidence, run the engine, store and reuse drafts.

A draft is stored with a cache key made of what it was drafted from (sources, engine and
its version, model and the LLM engine's context size, stages, persona). Asking again
with the same evidence returns the stored draft instead of re-running the engine (an LLM
draft costs money and is not deterministic); after an upgrade that drafts differently
the next request drafts afresh.
Reviewers' verdicts are applied by claim id every time a draft is handed out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence

from journeybot.core.errors import NoEvidenceError, PersonaNotFoundError
from journeybot.core.models import JourneyMap, Persona, PersonaSet, Stage
from journeybot.retrieval.embeddings import Embedder
from journeybot.retrieval.store import EvidenceStore
from journeybot.service import review
from journeybot.service.catalog import Catalog
from journeybot.service.identity import Identity
from journeybot.service.map_extras import MapExtras
from journeybot.synthesis.base import Drafter, StudyEvidence

PERSONAS = "personas"
MAP = "map"


class DraftService:
    def __init__(
        self,
        store: EvidenceStore,
        catalog: Catalog,
        drafter: Drafter,
        embedder: Embedder,
        identity: Callable[[str], Identity] | None = None,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.drafter = drafter
        self.embedder = embedder
        self.identity = identity or (lambda study: Identity())
        self.extras = MapExtras(catalog)

    def evidence(self, study: str) -> StudyEvidence:
        """The study's participant segments whose source is committed in the catalog."""
        sources = self.catalog.sources(study)
        if not sources:
            raise NoEvidenceError(
                f"Study '{study}' has no sources yet; ingest some transcripts first."
            )
        committed = {(source.id, source.generation) for source in sources}
        segments, vectors = self.store.segments_with_vectors(study)
        keep = [i for i, seg in enumerate(segments) if (seg.source_id, seg.generation) in committed]
        identity = self.identity(study)
        return StudyEvidence(
            study=study,
            segments=identity.segments([segments[i] for i in keep]),
            vectors=vectors[keep],
            embedder=self.embedder,
            sources=identity.sources(sources),
        )

    def personas(self, study: str) -> PersonaSet:
        evidence = self.evidence(study)
        key = self._cache_key(evidence, PERSONAS)
        stored = self.catalog.latest_draft(study, PERSONAS, key)
        if stored is not None:
            drafted = PersonaSet.model_validate_json(stored)
        else:
            drafted = self.drafter.draft_personas(evidence)
            drafted = drafted.model_copy(update={"draft_id": _draft_id(study, PERSONAS, key)})
            self.catalog.save_draft(
                drafted.draft_id, study, PERSONAS, key, drafted.model_dump_json()
            )
        reviewed = review.apply_to_personas(drafted, self.catalog.reviews(study))
        return with_roster_facts(reviewed, self.identity(study))

    def find_persona(self, study: str, persona_id: str) -> Persona:
        personas = self.personas(study)
        wanted = persona_id.strip().lower()
        for persona in personas.personas:
            if wanted in (persona.id.lower(), persona.name.lower()):
                return persona
        raise PersonaNotFoundError(study, persona_id, [p.id for p in personas.personas])

    def journey_map(
        self, study: str, stages: Sequence[Stage], persona_id: str | None = None
    ) -> JourneyMap:
        evidence = self.evidence(study)
        persona = self.find_persona(study, persona_id) if persona_id else None
        scope = evidence.for_participants(persona.participants) if persona else evidence
        key = self._cache_key(
            evidence,
            MAP,
            persona.id if persona else "",
            ",".join(persona.participants) if persona else "",
            json.dumps([s.model_dump() for s in stages], sort_keys=True),
            self.extras.cache_part(study),
        )
        stored = self.catalog.latest_draft(study, MAP, key)
        if stored is not None:
            drafted = JourneyMap.model_validate_json(stored)
        else:
            drafted = self.drafter.draft_map(scope, list(stages), persona)
            drafted = self.extras.enrich(drafted, scope, stages)  # touchpoints, gaps...
            drafted = drafted.model_copy(update={"draft_id": _draft_id(study, MAP, key)})
            self.catalog.save_draft(drafted.draft_id, study, MAP, key, drafted.model_dump_json())
        reviewed = review.apply_to_map(drafted, self.catalog.reviews(study))
        return self.extras.hand_out(reviewed)  # scope and the team's action-plan cells

    def _cache_key(self, evidence: StudyEvidence, *parts: str) -> str:
        # A role correction bumps a source's generation; its drafts are then stale.
        sources = sorted(
            f"{source.id}:{source.generation}" if source.generation else source.id
            for source in evidence.sources
        )
        blob = json.dumps(
            [
                sources,
                self.drafter.engine,
                self.drafter.version,
                self.drafter.model,
                self.embedder.name,
                self.identity(evidence.study).key(),
                _context_size(self.drafter),
                *parts,
            ]
        )
        return hashlib.sha256(blob.encode()).hexdigest()

    def known_claim_ids(self, study: str) -> set[str]:
        """Every claim id in any stored draft of the study (ids are stable)."""
        ids: set[str] = set()
        for kind, body in self.catalog.drafts_of(study):
            draft: PersonaSet | JourneyMap
            if kind == PERSONAS:
                draft = PersonaSet.model_validate_json(body)
            else:
                draft = JourneyMap.model_validate_json(body)
            ids.update(claim.id for claim in draft.claims())
        return ids


def with_roster_facts(personas: PersonaSet, identity: Identity) -> PersonaSet:
    """Each persona's summary says what the roster knows of its members."""
    updated = []
    for persona in personas.personas:
        facts = identity.facts(persona.participants)
        summary = f"{persona.summary} Roster: {'; '.join(facts)}." if facts else persona.summary
        updated.append(persona.model_copy(update={"summary": summary}))
    return personas.model_copy(update={"personas": updated})


def _context_size(drafter: Drafter) -> int | None:
    """The LLM engine's context size (``JOURNEYBOT_LLM_CONTEXT_TOKENS``): it decides how
    evidence is cut into parts and how long a reply may be, so a draft made with another
    size is another draft. Engines without one (extractive) give ``None``."""
    size = getattr(drafter, "context_tokens", None)
    return size if isinstance(size, int) else None


def _draft_id(study: str, kind: str, key: str) -> str:
    digest = hashlib.sha256(f"{study}\x1f{kind}\x1f{key}".encode()).hexdigest()
    return f"{kind}-{digest[:12]}"
