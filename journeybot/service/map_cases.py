"""Use cases about the map as a plan: scope, touchpoint names, changes, the action plan.

A part of ``Workspace`` kept in its own module so each stays small; ``Workspace``
inherits it and provides the catalog, the draft service and the map use case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeybot.core.models import ActionItem, JourneyMap, Scope

if TYPE_CHECKING:
    from journeybot.service.catalog import Catalog
    from journeybot.service.changes import MapChanges
    from journeybot.service.drafting import DraftService
    from journeybot.service.living_map import LivingMap


class MapUseCases:
    catalog: Catalog

    @property
    def drafts(self) -> DraftService:
        raise NotImplementedError

    def _require_study(self, study: str) -> None:
        raise NotImplementedError

    def journey_map(self, study: str, *, persona: str | None = None) -> JourneyMap:
        raise NotImplementedError

    def scope(self, study: str) -> Scope:
        self._require_study(study)
        return self.drafts.extras.scopes.get(study)

    def set_scope(
        self,
        study: str,
        *,
        scenario: str | None = None,
        goal: str | None = None,
        actor: str | None = None,
    ) -> Scope:
        """Set the map's scope; a value that is empty or too long changes nothing."""
        self._require_study(study)
        return self.drafts.extras.scopes.update(study, scenario=scenario, goal=goal, actor=actor)

    def touchpoint_names(self, study: str) -> dict[str, list[str]]:
        self._require_study(study)
        return self.drafts.extras.touchpoint_names(study)

    def add_touchpoint_names(self, study: str, names: dict[str, list[str]]) -> None:
        self._require_study(study)
        self.drafts.extras.add_touchpoint_names(study, names)

    def map_changes(self, study: str, since: str) -> MapChanges:
        """What changed in the map since a stored draft (id) or date."""
        self._require_study(study)
        return self._living_map().since(study, since)

    def refresh_map(self, study: str) -> MapChanges | None:
        """Re-draft after new evidence; None when the study had no map draft before."""
        self._require_study(study)
        return self._living_map().refresh(study)

    def latest_map(self, study: str) -> JourneyMap | None:
        """The last map drafted for the study, if any (held before a forget, to compare)."""
        return self._living_map().latest(study) if self.catalog.study_exists(study) else None

    def map_changes_from(self, study: str, before: JourneyMap) -> MapChanges:
        self._require_study(study)
        return self._living_map().changes_from(study, before)

    def _living_map(self) -> LivingMap:
        from journeybot.service.living_map import LivingMap

        return LivingMap(
            self.catalog,
            self.drafts,
            lambda study, persona: self.journey_map(study, persona=persona),
        )

    def actions(self, study: str, *, persona: str | None = None) -> list[ActionItem]:
        """The action plan: opportunities by impact, with the team's cells."""
        return self.journey_map(study, persona=persona).action_plan
