"""Files shared with the bot: download, route, ingest, and keep the user posted.

One status message per share is posted at once and updated as files finish; at the end
it is replaced by one line per file. Besides transcripts, two kinds of file are
recognised: a stages file (``stages.yml`` / ``stages.json``) sets the study's journey
stages, and a reviewed Journeybot Word draft has its verdicts applied.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slack_sdk import WebClient

from journeybot.bot.blocks.actions import changes_messages
from journeybot.bot.blocks.ingest import (
    FileOutcome,
    ReviewApplied,
    StagesSet,
    progress_text,
    results_messages,
)
from journeybot.bot.blocks.limits import Message
from journeybot.bot.deps import BotDeps
from journeybot.bot.replies import ReplyTarget, replace_message, reporting_failures, send
from journeybot.bot.slackfiles import SharedFile
from journeybot.core.errors import (
    InputFileError,
    JourneybotError,
    NotADraftError,
    ReviewFileError,
    StudyNotFoundError,
)
from journeybot.core.models import IngestResult, IngestStatus
from journeybot.core.stages import parse_stages
from journeybot.service.records import IncomingFile

STAGES_FILE = re.compile(r"(?:^|[._-])stages\.(?:ya?ml|json)$", re.IGNORECASE)


@dataclass(frozen=True)
class Upload:
    """Files shared in one message (or one ``file_shared`` event we could not widen)."""

    channel: str
    user: str | None
    files: list[dict[str, Any]]
    message_ts: str | None = None
    thread_ts: str | None = None
    #: All the files of the message ``message_ts``, so the share itself can be claimed.
    whole_share: bool = True


def handle_upload(deps: BotDeps, client: WebClient, upload: Upload) -> None:
    """Ingest each newly shared file once, however often Slack tells us about it."""
    if (
        upload.whole_share
        and upload.message_ts
        and not deps.claim(f"share:{upload.channel}:{upload.message_ts}")
    ):
        return  # the other event about this share is already reporting on it
    fresh = [
        stub
        for stub in upload.files
        if stub.get("id") and deps.claim(f"file:{upload.channel}:{stub['id']}")
    ]
    if not fresh:
        return
    thread = upload.thread_ts or upload.message_ts or _share_thread(deps, upload, fresh)
    target = ReplyTarget(upload.channel, upload.user, thread_ts=thread)
    with reporting_failures(client, target, f"reading {len(fresh)} shared file(s)"):
        study = deps.channel_study(upload.channel)
        status_ts = _status_message(client, target, len(fresh))

        def show_progress(done: int) -> None:
            client.chat_update(
                channel=upload.channel, ts=status_ts, text=progress_text(len(fresh), done)
            )

        run = _UploadRun(deps, client, upload, study, show_progress)
        outcomes = run.process(fresh)
        results = results_messages(
            deps.study_name(study), named(deps, outcomes), proposals=run.proposals
        )
        replace_message(client, target, status_ts, results)
        if any(getattr(o, "status", None) is IngestStatus.INGESTED for o in outcomes):
            post_map_changes(deps, client, target, study)


def _status_message(client: WebClient, target: ReplyTarget, files: int) -> str:
    """Post the share's status message; a job resumed after a restart gets the one it
    posted before (``bot.once``), so the share still has one status message."""
    return send(client, target, [Message(progress_text(files), [])])[0]


def named(deps: BotDeps, outcomes: list[FileOutcome]) -> list[FileOutcome]:
    """Participants who are Slack users (diary exports) shown by their names."""
    return [deps.names.people_in(o) if isinstance(o, IngestResult) else o for o in outcomes]


def post_map_changes(deps: BotDeps, client: WebClient, target: ReplyTarget, study: str) -> None:
    """New evidence in a study with a map: re-draft it and say what changed, once."""
    changes = deps.workspace.refresh_map(study)
    if changes is not None:
        send(client, target, changes_messages(changes))


def _share_thread(deps: BotDeps, upload: Upload, stubs: list[dict[str, Any]]) -> str | None:
    """For a bare ``file_shared`` event: reply under the message that shared the file."""
    try:
        shared = deps.files.resolve(stubs[0], upload.channel)
    except (JourneybotError, OSError):
        return None  # the upload itself will report what is wrong with the file
    return shared.thread_ts or shared.shared_ts


class _UploadRun:
    def __init__(
        self,
        deps: BotDeps,
        client: WebClient,
        upload: Upload,
        study: str,
        show_progress: Callable[[int], None],
    ) -> None:
        self.deps = deps
        self.client = client
        self.upload = upload
        self.study = study
        self.show_progress = show_progress
        self.done = 0
        self.proposals: list[str] = []

    def tick(self) -> None:
        self.done += 1
        self.show_progress(self.done)

    def process(self, stubs: list[dict[str, Any]]) -> list[FileOutcome]:
        outcomes: dict[int, FileOutcome] = {}
        pending: list[tuple[int, IncomingFile]] = []
        for index, stub in enumerate(stubs):
            name = str(stub.get("name") or stub.get("id"))
            try:
                shared = self.deps.files.resolve(stub, self.upload.channel)
                name = shared.name
                data = self.deps.files.download(shared)
                special = self.special(shared, data)
            except JourneybotError as err:
                outcomes[index] = failed(name, err)
                self.tick()
                continue
            if special is not None:
                outcomes[index] = special
                self.tick()
            else:
                pending.append((index, IncomingFile(name, data, self.permalink(shared))))
        if pending:
            report = self.deps.workspace.ingest_files(
                [file for _, file in pending],
                self.study,
                uploaded_by=self.upload.user,
                channel=self.upload.channel,
                progress=lambda event: self.tick() if event.latest is not None else None,
            )
            for (index, file), result in zip(pending, report.sources, strict=True):
                outcomes[index] = self.same_share(result, file)
            self.proposals = list(report.proposals)
        return [outcomes[i] for i in sorted(outcomes)]

    def same_share(self, result: IngestResult, file: IncomingFile) -> IngestResult:
        """A "duplicate" of the source this very share stored (a job resumed after a
        crash that came after the ingest) is that upload, not a second one."""
        if result.status is not IngestStatus.DUPLICATE or not file.permalink:
            return result
        for source in self.deps.workspace.sources(self.study):
            if source.permalink == file.permalink and source.file_name == result.file:
                return IngestResult(
                    file=result.file,
                    status=IngestStatus.INGESTED,
                    participants=source.participants,
                    segments=source.segments,
                    source_id=source.id,
                )
        return result

    def special(self, shared: SharedFile, data: bytes) -> FileOutcome | None:
        """A stages file or a reviewed draft, handled here; ``None`` for a transcript."""
        if STAGES_FILE.search(shared.name):
            text = data.decode("utf-8-sig", errors="replace")
            stages = parse_stages(text, origin=shared.name)
            self.deps.workspace.set_stages(self.study, stages)
            return StagesSet(shared.name, stages)
        if shared.name.lower().endswith(".docx"):
            return self.review(shared.name, data)
        return None

    def review(self, name: str, data: bytes) -> ReviewApplied | None:
        with tempfile.TemporaryDirectory(prefix="journeybot-review-") as folder:
            path = Path(folder) / Path(name).name
            path.write_bytes(data)
            try:
                report = self.deps.workspace.validate(path, self.study)
            except StudyNotFoundError:
                return None
            except ReviewFileError as err:
                if is_not_a_draft(err):
                    return None
                raise
        return ReviewApplied(name, report)

    def permalink(self, shared: SharedFile) -> str | None:
        """A link to the message that shared the file, else to the file itself."""
        ts = self.upload.message_ts or shared.shared_ts
        if ts:
            response = self.client.chat_getPermalink(channel=self.upload.channel, message_ts=ts)
            link = response.get("permalink")
            if link:
                return str(link)
        return shared.permalink


def is_not_a_draft(err: ReviewFileError) -> bool:
    """The file is an ordinary Word document (say, a transcript), not a reviewed draft."""
    return isinstance(err, NotADraftError)


def failed(name: str, err: JourneybotError) -> IngestResult:
    reason = err.reason if isinstance(err, InputFileError) else err.user_message
    reason = reason.removeprefix(f"{name}: ")
    return IngestResult(
        file=name, status=IngestStatus.ERROR, error=f"{name}: {reason}", error_code=err.code
    )
