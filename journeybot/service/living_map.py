"""Keeping a study's map alive: re-draft when evidence lands, say what changed.

``refresh`` runs after an ingest into a study that already has a map draft: it drafts
again (same persona as the last map), compares with the last draft, and carries
reviewers' verdicts and the team's action-plan cells to themes whose id changed.
``since`` answers ``journeybot map --changes-since DRAFT|DATE``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from journeybot.core.errors import UsageError
from journeybot.core.models import ClaimReview, JourneyMap
from journeybot.service.catalog import Catalog
from journeybot.service.changes import MapChanges, compare
from journeybot.service.drafting import MAP, DraftService

#: Drafts a map of a study for a persona (or everyone), as the Workspace does.
DraftMap = Callable[[str, str | None], JourneyMap]


class LivingMap:
    def __init__(self, catalog: Catalog, drafts: DraftService, draft_map: DraftMap) -> None:
        self.catalog = catalog
        self.drafts = drafts
        self.draft_map = draft_map

    def refresh(self, study: str) -> MapChanges | None:
        """What new evidence changed, or None when the study has no map draft yet."""
        stored = self.catalog.latest_draft(study, MAP)
        if stored is None:
            return None
        before = JourneyMap.model_validate_json(stored)
        return self._compare(before, study)

    def latest(self, study: str) -> JourneyMap | None:
        stored = self.catalog.latest_draft(study, MAP)
        return JourneyMap.model_validate_json(stored) if stored else None

    def changes_from(self, study: str, before: JourneyMap) -> MapChanges:
        """Changes from a map held in memory (taken before a forget deleted the drafts)."""
        return self._compare(before, study)

    def since(self, study: str, since: str) -> MapChanges:
        """Changes from a stored draft (by id) or from the last draft before a date."""
        before = self._stored(study, since.strip())
        return self._compare(before, study)

    def _compare(self, before: JourneyMap, study: str) -> MapChanges:
        after = self.draft_map(study, before.persona)
        sources = {source.id for source in self.catalog.sources(study)}
        changes = compare(before, after, sources)
        self._carry_over(study, changes.renamed)
        return changes

    def _stored(self, study: str, since: str) -> JourneyMap:
        found = self.catalog.draft(since)
        if found is not None:
            if found[0] != study or found[1] != MAP:
                raise UsageError(f"Draft '{since}' is not a journey map of study '{study}'.")
            return JourneyMap.model_validate_json(found[2])
        moment = _moment(since)
        body = self.catalog.draft_before(study, MAP, moment)
        if body is None:
            raise UsageError(
                f"Study '{study}' has no journey map drafted on or before {since}; "
                "give a later date or a draft id."
            )
        return JourneyMap.model_validate_json(body)

    def _carry_over(self, study: str, renamed: dict[str, str]) -> None:
        """Verdicts and action-plan cells follow a theme whose id changed."""
        if not renamed:
            return
        reviews = self.catalog.reviews(study)
        moved = [
            ClaimReview(claim_id=new, status=reviews[old].status, comment=reviews[old].comment)
            for old, new in renamed.items()
            if old in reviews and new not in reviews
        ]
        if moved:
            self.catalog.save_reviews(study, moved)
        cells = self.drafts.extras.action_cells(study)
        carried = {
            new: cells[old] for old, new in renamed.items() if old in cells and new not in cells
        }
        if carried:
            self.drafts.extras.save_action_cells(study, carried)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(
            f"'{text}' is neither a draft id nor a date; give a draft id (map-...) or a "
            "date such as 2026-12-01."
        ) from exc
    if len(text) == 10:  # a bare date means the end of that day
        moment = moment.replace(hour=23, minute=59, second=59)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
