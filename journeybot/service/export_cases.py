"""Use cases that leave the workspace as files and come back: export, then validate.

A part of ``Workspace`` kept in its own module so each stays small; ``Workspace``
inherits it and provides the catalog, the draft service and the drafting use cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from journeybot.core.errors import ReviewFileError, UsageError
from journeybot.core.models import JourneyMap, PersonaSet, ReviewReport, Stage, utc_now
from journeybot.service import review

if TYPE_CHECKING:
    from journeybot.service.catalog import Catalog
    from journeybot.service.drafting import DraftService

EXPORT_FORMATS = ("docx", "md", "json", "png", "pdf")


class ExportUseCases:
    catalog: Catalog

    @property
    def drafts(self) -> DraftService:
        raise NotImplementedError

    def _require_study(self, study: str) -> None:
        raise NotImplementedError

    def stages(self, study: str) -> list[Stage]:
        raise NotImplementedError

    def personas(self, study: str) -> PersonaSet:
        raise NotImplementedError

    def journey_map(
        self,
        study: str,
        *,
        persona: str | None = None,
        stages: Sequence[Stage] | None = None,
        save_stages: bool = False,
    ) -> JourneyMap:
        raise NotImplementedError

    def export(
        self,
        study: str,
        out: Path,
        *,
        persona: str | None = None,
        stages: Sequence[Stage] | None = None,
        save_stages: bool = False,
        fmt: str = "docx",
    ) -> Path:
        from journeybot.exporters import (
            ExportBundle,
            render_json,
            render_markdown,
            write_docx,
            write_text_file,
        )

        if fmt not in EXPORT_FORMATS:
            raise UsageError(
                f"Unknown export format '{fmt}'; use one of {', '.join(EXPORT_FORMATS)}."
            )
        journey = self.journey_map(study, persona=persona, stages=stages, save_stages=save_stages)
        persona_set = self.personas(study)
        personas = persona_set.personas
        if persona:
            personas = [p for p in personas if p.id == journey.persona]
        reason = str(persona_set.clustering.get("reason", ""))
        bundle = ExportBundle(
            study=study,
            draft_id=journey.draft_id,
            journey=journey,
            personas=personas,
            stages=list(stages or self.stages(study)),
            generated_at=utc_now(),
            persona_notes=[n for n in (reason, *persona_set.coverage.notes) if n],
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "docx":
            return write_docx(bundle, out)
        if fmt in ("png", "pdf"):
            from journeybot.exporters.map_picture import write_map_picture

            return write_map_picture(journey, out, fmt)
        text = render_markdown(bundle) if fmt == "md" else render_json(bundle)
        return write_text_file(out, text)

    def validate(self, path: Path, study: str) -> ReviewReport:
        """Apply a reviewed Word file's verdicts; a file that does not fit changes nothing."""
        from journeybot.exporters import read_review

        self._require_study(study)
        reviewed = read_review(path)
        if reviewed.study != study:
            raise ReviewFileError(
                f"{path.name} is a review of study '{reviewed.study}', not '{study}'; "
                "nothing was changed."
            )
        report, applicable = review.tally(
            study, reviewed.reviews, self.drafts.known_claim_ids(study)
        )
        if reviewed.reviews and not applicable and len(report.unknown) == len(reviewed.reviews):
            raise ReviewFileError(
                f"None of the {len(reviewed.reviews)} claim ids in {path.name} belong to a "
                f"draft of study '{study}'; nothing was changed."
            )
        self.catalog.save_reviews(study, applicable)
        known = self.drafts.known_claim_ids(study)
        cells = {key: value for key, value in reviewed.action_cells.items() if key in known}
        self.drafts.extras.save_action_cells(study, cells)
        return report.model_copy(
            update={"actions_applied": len(cells), "action_problems": reviewed.action_problems}
        )
