"""A study's map scope (actor, scenario, goal): checked, stored, and put on every map.

The scope is not evidence, so it is not part of a draft's cache key: changing it shows
on the next map handed out without re-drafting anything.
"""

from __future__ import annotations

from journeybot.core.errors import UsageError
from journeybot.core.models import JourneyMap, Scope
from journeybot.service.catalog import Catalog

SCOPE_KEY = "scope"
#: Longer values do not fit a cover page or a Slack header; a scope is one sentence.
MAX_SCOPE_CHARS = 200
ALL_PARTICIPANTS = "All participants"


def checked_value(field: str, value: str) -> str:
    """``value`` with spacing normalised; a clear message when it is empty or too long."""
    cleaned = " ".join(value.split())
    if not cleaned:
        raise UsageError(f"The {field} is empty; say in a sentence what it is.")
    if len(cleaned) > MAX_SCOPE_CHARS:
        raise UsageError(
            f"The {field} is {len(cleaned)} characters; keep it to {MAX_SCOPE_CHARS} "
            f"(one sentence), starting '{cleaned[:30]}...'."
        )
    return cleaned


class ScopeBook:
    """Reads and writes the scope of each study in the catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def get(self, study: str) -> Scope:
        stored = self.catalog.setting(study, SCOPE_KEY)
        return Scope.model_validate(stored) if stored else Scope(actor=ALL_PARTICIPANTS)

    def update(
        self,
        study: str,
        *,
        scenario: str | None = None,
        goal: str | None = None,
        actor: str | None = None,
    ) -> Scope:
        """Set the values given (others unchanged); nothing is stored if one is bad."""
        if scenario is None and goal is None and actor is None:
            raise UsageError("Give a scenario, a goal or an actor to set the scope.")
        changes: dict[str, str] = {}
        for field, value in (("scenario", scenario), ("goal", goal), ("actor", actor)):
            if value is not None:
                changes[field] = checked_value(field, value)
        scope = self.get(study).model_copy(update=changes)
        self.catalog.set_setting(study, SCOPE_KEY, scope.model_dump())
        return scope

    def apply(self, journey: JourneyMap) -> JourneyMap:
        """The map with its study's scope; a persona map's actor is the persona."""
        scope = self.get(journey.study)
        if journey.persona_name and scope.actor == ALL_PARTICIPANTS:
            scope = scope.model_copy(update={"actor": f"Persona: {journey.persona_name}"})
        return journey.model_copy(update={"scope": scope})
