"""Forgetting for good: a source, a participant who withdrew consent, or a study.

Deleting rows is not erasing. Chroma keeps added documents in its log and SQLite keeps
deleted rows in free pages and in its write-ahead log, so each forget ends with the
steps that remove the bytes: the study's collection is rebuilt without the forgotten
segments (dropping a collection drops its log), Chroma's file is vacuumed, and the
catalog (``secure_delete`` on) checkpoints its WAL. Cached drafts of the study go too:
they quote the evidence. Reviewers' verdicts stay; they are keyed by claim id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from journeybot.core.errors import UsageError
from journeybot.core.models import Role, Segment, Source, Utterance
from journeybot.ingestion.building import utterance_header
from journeybot.retrieval import maintenance
from journeybot.retrieval.store import EvidenceStore
from journeybot.service.catalog import Catalog

_MARKER = "[withdrawn]"
WITHDRAWN = "withdrawn"


class ErasableIndex(Protocol):
    """Any further copy of segment text (a lexical index) that must forget with us."""

    def erase(self, study: str, drop: Callable[[Segment], bool]) -> None: ...

    def erase_study(self, study: str) -> None: ...


@dataclass
class ParticipantErasure:
    """What ``forget --participant`` removed."""

    study: str
    participant: str
    sources_removed: list[str] = field(default_factory=list)
    sources_edited: list[str] = field(default_factory=list)
    segments_removed: int = 0


class Eraser:
    def __init__(
        self, store: EvidenceStore, catalog: Catalog, indexes: Sequence[ErasableIndex] = ()
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.indexes = list(indexes)

    def forget_source(self, source: Source) -> int:
        def drop(segment: Segment) -> bool:
            return segment.source_id == source.id

        removed = self._erase_segments(source.study, drop)
        self.catalog.delete_source(source.study, source.id)
        self._finish(source.study)
        return removed

    def forget_participant(self, study: str, participant: str) -> ParticipantErasure:
        sources = [s for s in self.catalog.sources(study) if participant in s.participants]
        if not sources:
            known = sorted({p for s in self.catalog.sources(study) for p in s.participants})
            raise UsageError(
                f"Study '{study}' has no participant '{participant}' "
                f"(participants: {', '.join(known) or 'none'})."
            )
        theirs = {s.id for s in sources}

        def drop(segment: Segment) -> bool:
            return segment.source_id in theirs and segment.participant == participant

        spans = self._spans(study, theirs, participant)
        report = ParticipantErasure(study, participant)
        report.segments_removed = self._erase_segments(study, drop)
        for source in sources:
            if set(source.participants) == {participant}:
                self.catalog.delete_source(study, source.id)
                report.sources_removed.append(source.file_name)
            else:
                self._blank_words(source, spans.get(source.id, []), participant)
                report.sources_edited.append(source.file_name)
        self._finish(study)
        return report

    def forget_study(self, study: str) -> None:
        self.store.delete_study(study)
        for index in self.indexes:
            index.erase_study(study)
        self.catalog.delete_study(study)
        maintenance.compact(self.store)
        self.catalog.flush_erasures()

    # --- steps ---------------------------------------------------------------------

    def _erase_segments(self, study: str, drop: Callable[[Segment], bool]) -> int:
        from journeybot.retrieval.scrub import scrubbed_allocations

        with scrubbed_allocations():  # no stale heap bytes in the rebuilt index files
            removed = maintenance.rebuild_without(self.store, study, drop)
        for index in self.indexes:
            index.erase(study, drop)
        return removed

    def _finish(self, study: str) -> None:
        self.catalog.delete_drafts(study)
        maintenance.compact(self.store)
        self.catalog.flush_erasures()

    def _spans(
        self, study: str, source_ids: set[str], participant: str
    ) -> dict[str, list[tuple[int, int]]]:
        spans: dict[str, list[tuple[int, int]]] = {}
        for source_id in source_ids:
            for segment in self.store.segments(study, source_id=source_id):
                if segment.participant == participant:
                    spans.setdefault(source_id, []).append((segment.start, segment.end))
        return spans

    def _blank_words(self, source: Source, spans: list[tuple[int, int]], participant: str) -> None:
        """Overwrite their words (and labels) in the stored text, keeping every offset valid.

        Their turns, where the source records them, are blanked whole, label included, and
        handed to no one (role ``other``, speaker "withdrawn"), so a later re-segmentation
        cannot cite the marker; otherwise the spans of their segments are blanked.
        """
        text = self.catalog.source_text(source.study, source.id) or ""
        removed = len(spans)
        theirs = [t for t in source.turns if t.speaker == participant]
        for turn in theirs:
            header = len(utterance_header(turn.label, turn.location))
            spans.append((max(turn.start - header, 0), turn.end))
        for start, end in spans:
            text = text[:start] + erased_span(end - start) + text[end:]
        updated = source.model_copy(
            update={
                "participants": [p for p in source.participants if p != participant],
                "segments": max(source.segments - removed, 0),
                "speakers": [s for s in source.speakers if s.speaker != participant],
                "turns": [_withdrawn(t) if t.speaker == participant else t for t in source.turns],
            }
        )
        self.catalog.rewrite_source(updated, text)


def _withdrawn(turn: Utterance) -> Utterance:
    return turn.model_copy(update={"speaker": WITHDRAWN, "label": WITHDRAWN, "role": Role.OTHER})


def erased_span(length: int) -> str:
    """A same-length stand-in for erased words: says what happened, keeps offsets."""
    if length < len(_MARKER):
        return "_" * length
    return _MARKER + "_" * (length - len(_MARKER))
