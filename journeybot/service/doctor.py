"""``journeybot doctor``: is the catalog in step with the evidence store?

An ingest killed between writing segments and committing its catalog row leaves
segments no search returns (orphans); a forget killed mid-rebuild leaves a half-made
collection. Orphans and unfinished rebuilds can be repaired from what is stored; a
source whose segments went missing can only be ingested again, so that is reported.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from journeybot.core.models import Segment
from journeybot.retrieval import maintenance
from journeybot.retrieval.store import EvidenceStore
from journeybot.service.catalog import Catalog


@dataclass
class Problem:
    #: orphan_segments | orphan_study | missing_segments | unfinished_rebuild | lexical_index
    #: | catalog
    kind: str
    study: str
    message: str
    repairable: bool
    repaired: bool = False
    source_ids: list[str] = field(default_factory=list)


@dataclass
class DoctorReport:
    home: str
    studies: int = 0
    sources: int = 0
    segments: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def repaired(self) -> int:
        return sum(p.repaired for p in self.problems)

    def summary(self) -> str:
        return f"{self.studies} studies, {self.sources} sources, {self.segments} segments"


class Doctor:
    def __init__(self, home: Path, store: EvidenceStore, catalog: Catalog) -> None:
        self.home = home
        self.store = store
        self.catalog = catalog

    def check(self) -> DoctorReport:
        report = DoctorReport(home=str(self.home))
        report.problems += self._catalog_integrity()
        report.problems += [
            Problem("unfinished_rebuild", study, _rebuild_message(study), repairable=True)
            for study in maintenance.unfinished_rebuilds(self.store)
        ]
        studies = sorted(set(self.catalog.study_ids()) | set(self.store.studies()))
        report.studies = len(studies)
        for study in studies:
            report.problems += self._check_study(study, report)
        return report

    def quick_problems(self, study: str) -> list[str]:
        """The cheap part, run before an ingest: counts only, no record reads."""
        expected = sum(source.segments for source in self.catalog.sources(study))
        stored = self.store.count(study)
        notes = []
        if stored != expected:
            notes.append(
                f"study '{study}' holds {stored} segments where its sources account for "
                f"{expected}; run `journeybot doctor` to see why"
            )
        if maintenance.unfinished_rebuilds(self.store):
            notes.append("an erasure was interrupted; run `journeybot doctor --repair`")
        return notes

    def repair(self, report: DoctorReport) -> DoctorReport:
        for problem in report.problems:
            if problem.repairable and not problem.repaired:
                self._repair(problem)
                problem.repaired = True
        if report.repaired:
            maintenance.compact(self.store)
            self.catalog.flush_erasures()
        return report

    # --- checks --------------------------------------------------------------------

    def _catalog_integrity(self) -> list[Problem]:
        try:
            verdict = self.catalog.integrity()
        except sqlite3.DatabaseError as exc:
            verdict = str(exc)
        if verdict == "ok":
            return []
        message = f"the catalog file is damaged ({verdict}); restore it from a backup"
        return [Problem("catalog", "", message, repairable=False)]

    def _check_study(self, study: str, report: DoctorReport) -> list[Problem]:
        sources = {s.id: s for s in self.catalog.sources(study)}
        counts = maintenance.source_counts(self.store, study)
        report.sources += len(sources)
        report.segments += sum(counts.values())
        problems = []
        orphans = sorted(set(counts) - set(sources))
        if orphans and not sources and not self.catalog.study_exists(study):
            message = f"study '{study}' has {sum(counts.values())} segments but no catalog entry"
            problems.append(Problem("orphan_study", study, message, True, source_ids=orphans))
        elif orphans:
            total = sum(counts[o] for o in orphans)
            message = (
                f"study '{study}' has {total} segments of {len(orphans)} source(s) that were "
                "never committed (an interrupted ingest)"
            )
            problems.append(Problem("orphan_segments", study, message, True, source_ids=orphans))
        indexed = maintenance.lexical_rows(self.store, study)
        if indexed != sum(counts.values()):
            message = (
                f"the word index of study '{study}' has {indexed} rows for "
                f"{sum(counts.values())} segments"
            )
            problems.append(Problem("lexical_index", study, message, True))
        for source in sources.values():
            if counts.get(source.id, 0) < source.segments:
                message = (
                    f"{source.file_name} in '{study}' has {counts.get(source.id, 0)} of its "
                    f"{source.segments} segments; forget it and ingest the file again"
                )
                problems.append(
                    Problem("missing_segments", study, message, False, source_ids=[source.id])
                )
        return problems

    def _repair(self, problem: Problem) -> None:
        if problem.kind == "unfinished_rebuild":
            maintenance.finish_rebuild(self.store, problem.study)
        elif problem.kind == "lexical_index":
            maintenance.rebuild_lexical(self.store, problem.study)
        elif problem.kind == "orphan_study":
            self.store.delete_study(problem.study)
        elif problem.kind == "orphan_segments":
            orphans = set(problem.source_ids)

            def drop(segment: Segment) -> bool:
                return segment.source_id in orphans

            maintenance.rebuild_without(self.store, problem.study, drop)


def _rebuild_message(study: str) -> str:
    return f"an erasure in study '{study}' was interrupted before it finished"
