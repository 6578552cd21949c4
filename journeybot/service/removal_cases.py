"""Use cases that take evidence away or check what is kept: forget, erase, doctor.

A part of ``Workspace`` kept in its own module so each stays small; ``Workspace``
inherits it and provides the writer lock, the eraser, the doctor and the catalog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeybot.core.models import Source

if TYPE_CHECKING:
    from journeybot.service.catalog import Catalog
    from journeybot.service.doctor import Doctor, DoctorReport
    from journeybot.service.erasure import Eraser, ParticipantErasure
    from journeybot.service.writer import WriterLock


class RemovalUseCases:
    catalog: Catalog
    writer: WriterLock

    @property
    def eraser(self) -> Eraser:
        raise NotImplementedError

    @property
    def doctor(self) -> Doctor:
        raise NotImplementedError

    def _require_study(self, study: str) -> None:
        raise NotImplementedError

    def sources(self, study: str) -> list[Source]:
        raise NotImplementedError

    def _find_source(self, study: str, name_or_id: str) -> Source:
        raise NotImplementedError

    def forget(self, study: str, name_or_id: str) -> Source:
        """Erase a source everywhere, bytes included (see ``service.erasure``)."""
        with self.writer.hold():
            source = self._find_source(study, name_or_id)
            self.eraser.forget_source(source)
        return source

    def forget_participant(self, study: str, participant: str) -> ParticipantErasure:
        """Erase one person's words from a study (withdrawn consent)."""
        self._require_study(study)
        with self.writer.hold():
            return self.eraser.forget_participant(study, participant.strip())

    def check_home(self, *, repair: bool = False) -> DoctorReport:
        """Catalog against store; with ``repair``, fix what stored data allows."""
        with self.writer.hold():
            report = self.doctor.check()
            return self.doctor.repair(report) if repair else report

    def _quick_check(self, study: str) -> list[str]:
        with self.writer.hold():
            return self.doctor.quick_problems(study) if self.catalog.study_exists(study) else []

    def delete_study(self, study: str) -> list[Source]:
        """Erase a whole study: every segment, source, draft, verdict and channel link."""
        sources = self.sources(study)
        with self.writer.hold():
            self.eraser.forget_study(study)
        return sources
