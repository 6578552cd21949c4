"""A job run again (after a restart) posts and uploads nothing it did before: against the
fake Slack Web API over real HTTP, with the notes kept as the catalog keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest
from slack_sdk import WebClient

from journeybot.bot.blocks.limits import Message
from journeybot.bot.once import (
    EVENT_TYPE,
    PENDING,
    UPLOADING,
    post_ephemeral,
    post_message,
    posting_once,
    upload_file,
)
from journeybot.bot.replies import ReplyTarget, send
from journeybot.service.catalog import Catalog
from tests.fakes.slack_api import BOT_TOKEN, FakeSlack

CHANNEL = "C07ONCE"


class Notes:
    """The job notes of a real catalog (what ``Workspace.remember`` writes)."""

    def __init__(self, path: Path) -> None:
        self.catalog = Catalog(path)

    def remember(self, key: str, value: str) -> None:
        self.catalog.note(key, value)

    def recall(self, key: str) -> str | None:
        return self.catalog.noted(key)


def _client(fake: FakeSlack) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=fake.api_url)


def _answer(client: WebClient, notes: Notes) -> list[str]:
    with posting_once("job-1", notes):
        return send(client, ReplyTarget(CHANNEL), [Message("Answer", []), Message("More", [])])


def test_a_job_run_twice_posts_its_messages_once(fake_slack: FakeSlack, tmp_path: Path) -> None:
    client, notes = _client(fake_slack), Notes(tmp_path / "catalog.sqlite3")
    first = _answer(client, notes)
    again = _answer(client, notes)
    assert again == first
    assert len(fake_slack.calls_to("chat.postMessage")) == 2
    assert fake_slack.state.messages[CHANNEL][1]["thread_ts"] == first[0]


def test_a_message_slack_took_before_the_cut_is_found_not_posted(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    client, notes = _client(fake_slack), Notes(tmp_path / "catalog.sqlite3")
    # What a run killed while waiting for Slack's answer leaves: Slack has the message,
    # the notes say only that it was being posted.
    notes.remember("post:job-1:0", "pending@0")
    held = client.chat_postMessage(
        channel=CHANNEL,
        text="Answer",
        metadata={"event_type": EVENT_TYPE, "event_payload": {"key": "post:job-1:0"}},
    )["ts"]
    posted = _answer(client, notes)
    assert posted[0] == held
    assert [m["text"] for m in fake_slack.state.messages[CHANNEL]] == ["Answer", "More"]
    assert notes.recall("post:job-1:0") == held


def test_a_message_that_never_reached_slack_is_posted(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    client, notes = _client(fake_slack), Notes(tmp_path / "catalog.sqlite3")
    notes.remember("post:job-1:0", "pending@0")
    with posting_once("job-1", notes):
        ts = post_message(client, channel=CHANNEL, text="Answer")
    assert [m["ts"] for m in fake_slack.state.messages[CHANNEL]] == [ts]


def test_messages_outside_a_job_are_posted_every_time(fake_slack: FakeSlack) -> None:
    client = _client(fake_slack)
    post_message(client, channel=CHANNEL, text="Hi")
    post_message(client, channel=CHANNEL, text="Hi")
    assert len(fake_slack.state.messages[CHANNEL]) == 2


def test_a_job_run_twice_uploads_its_file_once(fake_slack: FakeSlack, tmp_path: Path) -> None:
    client, notes = _client(fake_slack), Notes(tmp_path / "catalog.sqlite3")
    export = tmp_path / "map.docx"
    export.write_bytes(b"draft")
    for _ in range(2):
        with posting_once("job-2", notes):
            upload_file(client, channel=CHANNEL, file=str(export), filename="map.docx")
    assert len(fake_slack.calls_to("files.completeUploadExternal")) == 1


def test_a_job_cut_off_midway_posts_the_rest_once(fake_slack: FakeSlack, tmp_path: Path) -> None:
    client, notes = _client(fake_slack), Notes(tmp_path / "catalog.sqlite3")
    target = ReplyTarget(CHANNEL)
    with posting_once("job-3", notes):  # the first run posts its status, then is cut off
        status = send(client, target, [Message("Reading 1 file...", [])])[0]
    with posting_once("job-3", notes):  # run again from the start, to the end
        assert send(client, target, [Message("Reading 1 file...", [])])[0] == status
        send(client, target.in_thread(status), [Message("Done", [])])
    texts = [m["text"] for m in fake_slack.state.messages[CHANNEL]]
    assert texts == ["Reading 1 file...", "Done"]


def _exported_map(folder: Path) -> Path:
    export = folder / "map.docx"
    export.write_bytes(b"draft journey map")
    return export


def _completed_uploads(fake: FakeSlack) -> list[str]:
    return [i for i, u in fake.state.uploads.items() if u.get("channel") and u["content"]]


def test_an_upload_slack_finished_just_before_the_cut_is_not_uploaded_again(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    client, notes = _client(fake_slack), Notes(tmp_path / "catalog.sqlite3")
    export = _exported_map(tmp_path)
    # The cut: Slack completes the upload, the bot never hears back (here its client
    # gives up; under kill -9 it is gone).
    fake_slack.hold_answers(lambda call: call.method == "files.completeUploadExternal")
    impatient = WebClient(token=BOT_TOKEN, base_url=fake_slack.api_url, timeout=1)
    with pytest.raises(OSError), posting_once("job-4", notes):
        upload_file(impatient, channel=CHANNEL, file=str(export), filename="map.docx")
    fake_slack.release()
    noted = notes.recall("upload:job-4:0")
    assert noted is not None and noted.startswith(UPLOADING)
    with posting_once("job-4", notes):
        upload_file(client, channel=CHANNEL, file=str(export), filename="map.docx")
    assert len(_completed_uploads(fake_slack)) == 1
    assert len(fake_slack.calls_to("files.completeUploadExternal")) == 1
    assert fake_slack.calls_to("files.info")  # it looked, by the noted file id
    assert notes.recall("upload:job-4:0") == "done"


def test_an_upload_cut_off_before_slack_completed_it_is_uploaded_again(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    client, notes = _client(fake_slack), Notes(tmp_path / "catalog.sqlite3")
    export = _exported_map(tmp_path)
    # The cut came after Slack handed out a file id and before completion.
    file_id = client.files_getUploadURLExternal(filename="map.docx", length=17)["file_id"]
    notes.remember("upload:job-5:0", f"{UPLOADING}{file_id}")
    with posting_once("job-5", notes):
        upload_file(client, channel=CHANNEL, file=str(export), filename="map.docx")
    assert len(_completed_uploads(fake_slack)) == 1
    assert notes.recall("upload:job-5:0") == "done"


def _ephemeral_answer(client: WebClient, notes: Notes) -> None:
    target = ReplyTarget(CHANNEL, user="U07ONCE", ephemeral=True)
    with posting_once("job-6", notes):
        send(client, target, [Message("Only you can see this", []), Message("And this", [])])


def test_a_job_run_twice_sends_its_ephemeral_replies_once(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    client, notes = _client(fake_slack), Notes(tmp_path / "catalog.sqlite3")
    _ephemeral_answer(client, notes)
    _ephemeral_answer(client, notes)
    sent = [call.args["text"] for call in fake_slack.calls_to("chat.postEphemeral")]
    assert sent == ["Only you can see this", "And this"]


def test_an_ephemeral_reply_cut_off_while_sending_is_not_sent_again(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    """Slack keeps no copy of an ephemeral reply to look for: at most once."""
    client, notes = _client(fake_slack), Notes(tmp_path / "catalog.sqlite3")
    notes.remember("ephemeral:job-6:0", f"{PENDING}0")
    _ephemeral_answer(client, notes)
    sent = [call.args["text"] for call in fake_slack.calls_to("chat.postEphemeral")]
    assert sent == ["And this"]


def test_ephemeral_replies_outside_a_job_are_sent_every_time(fake_slack: FakeSlack) -> None:
    client = _client(fake_slack)
    for _ in range(2):
        post_ephemeral(client, channel=CHANNEL, user="U07ONCE", text="Hi")
    assert len(fake_slack.calls_to("chat.postEphemeral")) == 2
