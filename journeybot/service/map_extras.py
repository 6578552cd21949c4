"""The map's action layer, kept in the catalog beside the drafts: extra touchpoint names,
the action plan's team cells (feasibility, owner, metric, due date), and the scope.

``enrich`` runs once per draft (its result is stored with the draft); ``hand_out``
runs every time a map is handed out, so a scope or a filled-in cell shows at once
without re-drafting, and carries over to every later draft by opportunity id.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from journeybot.core.errors import UsageError
from journeybot.core.models import ActionCells, JourneyMap, Stage
from journeybot.service.catalog import Catalog
from journeybot.service.scope import MAX_SCOPE_CHARS, ScopeBook
from journeybot.synthesis.actions import action_plan
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.enrich import ENRICH_VERSION, MapEnricher
from journeybot.synthesis.touchpoints import ChannelLexicon

TOUCHPOINTS_KEY = "touchpoints"
ACTION_CELLS_KEY = "action_cells"
MAX_TOUCHPOINT_NAMES = 40


class MapExtras:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.scopes = ScopeBook(catalog)

    # --- study-specific touchpoint names -----------------------------------------

    def touchpoint_names(self, study: str) -> dict[str, list[str]]:
        stored = self.catalog.setting(study, TOUCHPOINTS_KEY)
        return {str(k): [str(v) for v in vs] for k, vs in (stored or {}).items()}

    def add_touchpoint_names(self, study: str, names: Mapping[str, Sequence[str]]) -> None:
        if not names:
            raise UsageError("Name a touchpoint, for example: Smart meter: in-home display, IHD")
        merged = self.touchpoint_names(study)
        for name, variants in names.items():
            for value in (name, *variants):
                if len(value) > MAX_SCOPE_CHARS:
                    raise UsageError(
                        f"The touchpoint name '{value[:30]}...' is {len(value)} characters; "
                        f"keep names to {MAX_SCOPE_CHARS}."
                    )
            merged[name] = sorted({*merged.get(name, []), *variants})
        if len(merged) > MAX_TOUCHPOINT_NAMES:
            raise UsageError(
                f"A study can name at most {MAX_TOUCHPOINT_NAMES} touchpoints of its own."
            )
        self.catalog.set_setting(study, TOUCHPOINTS_KEY, merged)

    # --- drafting hooks -------------------------------------------------------------

    def cache_part(self, study: str) -> str:
        """What, besides evidence, changes the enriched draft (part of its cache key)."""
        return json.dumps([ENRICH_VERSION, self.touchpoint_names(study)], sort_keys=True)

    def enrich(
        self, journey: JourneyMap, evidence: StudyEvidence, stages: Sequence[Stage]
    ) -> JourneyMap:
        enricher = MapEnricher(self.touchpoint_names(journey.study))
        return enricher.enrich(journey, evidence, stages)

    def hand_out(self, journey: JourneyMap) -> JourneyMap:
        """The map with its scope and its action plan (the team's cells filled in)."""
        journey = self.scopes.apply(journey)
        lexicon = ChannelLexicon(self.touchpoint_names(journey.study))
        plan = action_plan(journey, lexicon, self.action_cells(journey.study))
        return journey.model_copy(update={"action_plan": plan})

    # --- the team's action-plan cells ---------------------------------------------

    def action_cells(self, study: str) -> dict[str, ActionCells]:
        stored = self.catalog.setting(study, ACTION_CELLS_KEY) or {}
        return {key: ActionCells.model_validate(value) for key, value in stored.items()}

    def save_action_cells(self, study: str, cells: Mapping[str, ActionCells]) -> None:
        merged = self.action_cells(study)
        merged.update(cells)
        body = {key: value.model_dump() for key, value in merged.items()}
        self.catalog.set_setting(study, ACTION_CELLS_KEY, body)


def parse_touchpoint_names(text: str) -> dict[str, list[str]]:
    """``Name: variant, variant`` lines (or ``Name`` alone) into names and variants."""
    names: dict[str, list[str]] = {}
    for line in text.splitlines():
        name, _, variants = line.strip().lstrip("-•*").partition(":")
        name = " ".join(name.split())
        if name:
            names[name] = [" ".join(v.split()) for v in variants.split(",") if v.strip()]
    return names
