"""Acknowledged work survives ``kill -9``: a real ``journeybot serve`` killed right after
it acknowledged an upload finishes that upload once when it is started again."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest

from journeybot.service.catalog import Catalog
from tests.bot.harness import interview, signed_post
from tests.bot.test_serve import _free_port, _wait_healthy
from tests.fakes.slack_api import BOT_TOKEN, FakeFile, FakeSlack

CHANNEL, USER = "C07KILL", "U07KILL"
TRANSCRIPT = interview(
    "Noor",
    "The reminder emails came after the deadline, so I paid a late fee twice.",
    "Now I keep my own list and ignore the app's reminders.",
)


def _start(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``journeybot serve`` in a session of its own, once it answers its health check; if
    it never does, the failure quotes what it wrote to stderr (kept in a file beside its
    home, as a pipe nobody reads could fill and stall it)."""
    log = Path(env["JOURNEYBOT_HOME"]).with_name("serve-stderr.log")
    with log.open("ab") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "journeybot", "serve"],
            env=env,
            stderr=stderr,
            start_new_session=True,
        )
    try:
        _wait_healthy(int(env["JOURNEYBOT_PORT"]), server)
    except AssertionError as failed:
        with contextlib.suppress(ProcessLookupError):  # it may have ended on its own
            os.killpg(server.pid, signal.SIGKILL)
        said = log.read_text(errors="replace")[-4000:]
        raise AssertionError(f"{failed}\njourneybot serve wrote:\n{said}") from None
    except BaseException:
        os.killpg(server.pid, signal.SIGKILL)
        raise
    return server


@contextmanager
def _served(env: dict[str, str], *, kill: bool) -> Iterator[int]:
    """A healthy ``journeybot serve`` on the env's port, in a session of its own so its
    worker ends with it: by ``kill -9`` with no warning (``kill``), else by SIGTERM."""
    server = _start(env)
    try:
        yield int(env["JOURNEYBOT_PORT"])
    finally:
        os.killpg(server.pid, signal.SIGKILL if kill else signal.SIGTERM)
        server.wait(timeout=20 if kill else 30)


@pytest.fixture
def env(tmp_path: Path, fake_slack: FakeSlack) -> Iterator[dict[str, str]]:
    environment = {
        **os.environ,
        "JOURNEYBOT_HOME": str(tmp_path / "home"),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "test-signing-secret-0123456789",
        "JOURNEYBOT_SLACK_API_URL": fake_slack.api_url,
        "JOURNEYBOT_SLACK_FILE_HOSTS": '["127.0.0.1"]',
        "JOURNEYBOT_PORT": str(_free_port()),
    }
    for unset in ("SLACK_APP_TOKEN", "JOURNEYBOT_SLACK_APP_TOKEN"):
        environment.pop(unset, None)
    yield environment


def _share(fake: FakeSlack, port: int) -> None:
    ts = fake.next_ts()
    stub = fake.add_file(
        FakeFile("F07KILL", "noor.txt", TRANSCRIPT, channel=CHANNEL, user=USER, share_ts=ts)
    )
    fake.state.messages.setdefault(CHANNEL, []).append(
        {"type": "message", "user": USER, "text": "", "ts": ts, "files": [stub]}
    )
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel": CHANNEL,
        "channel_type": "channel",
        "user": USER,
        "files": [stub],
        "ts": ts,
    }
    body = json.dumps({"type": "event_callback", "event_id": "Ev07KILL", "event": event})
    url = f"http://127.0.0.1:{port}/slack/events"
    assert signed_post(url, body, "application/json").status == 200


@pytest.mark.parametrize("moment", ["right after the ack", "while downloading"])
def test_an_upload_acknowledged_before_kill_9_is_finished_once_after_restart(
    env: dict[str, str], fake_slack: FakeSlack, tmp_path: Path, moment: str
) -> None:
    with _served(env, kill=True) as port:
        _share(fake_slack, port)
        if moment == "while downloading":
            fake_slack.wait_for("download", timeout=60)

    with _served(env, kill=False):
        done = fake_slack.wait_for("chat.update", lambda c: bool(c.args.get("blocks")), timeout=120)

    assert len(done) == 1
    assert done[0].args["text"].endswith("1 of 1 file done")
    assert ":white_check_mark: *noor.txt*: 1 participant (Noor)" in str(done[0].args["blocks"])
    status = [c for c in fake_slack.calls_to("chat.postMessage") if "Reading" in c.args["text"]]
    assert len(status) == 1
    sources = Catalog(tmp_path / "home" / "catalog.sqlite3").sources(CHANNEL)
    assert [s.file_name for s in sources] == ["noor.txt"]


def _mention(fake: FakeSlack, port: int, text: str) -> str:
    ts = fake.add_message(CHANNEL, USER, f"<@UJOURNEYBOT> {text}")
    event = {
        "type": "app_mention",
        "channel": CHANNEL,
        "user": USER,
        "text": f"<@UJOURNEYBOT> {text}",
        "ts": ts,
        "event_ts": ts,
    }
    body = json.dumps({"type": "event_callback", "event_id": "Ev07ASK", "event": event})
    assert signed_post(f"http://127.0.0.1:{port}/slack/events", body, "application/json").status
    return ts


def _wait_until_no_jobs(home: Path, timeout: float = 120) -> None:
    """The restarted bot finishes every job it had recorded (or the test fails)."""
    deadline = time.monotonic() + timeout
    while _jobs_left(home) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _jobs_left(home) == 0


def _jobs_left(home: Path) -> int:
    """Jobs not yet done in the durable queue (waiting, or taken and unfinished)."""
    from persistqueue import SQLiteAckQueue

    queue = SQLiteAckQueue(str(home), db_file_name="jobs.sqlite3", auto_resume=False)
    try:
        return int(queue.ready_count()) + int(queue.unack_count())
    finally:
        queue.close()


def test_an_answer_slack_took_just_before_kill_9_is_not_posted_again(
    env: dict[str, str], fake_slack: FakeSlack, tmp_path: Path
) -> None:
    """The worst moment: Slack has the answer, the bot was killed before it heard back."""
    try:
        with _served(env, kill=True) as port:
            _share(fake_slack, port)
            fake_slack.wait_for("chat.update", lambda c: bool(c.args.get("blocks")), timeout=120)
            asked = _mention(fake_slack, port, "What do people say about reminders?")
            in_thread = lambda call: call.args.get("thread_ts") == asked  # noqa: E731
            fake_slack.hold_answers(lambda c: c.method == "chat.postMessage" and in_thread(c))
            fake_slack.wait_for("chat.postMessage", in_thread, timeout=120)
    finally:
        fake_slack.release()

    with _served(env, kill=False):
        fake_slack.wait_for(
            "conversations.replies", lambda c: c.args.get("include_all_metadata"), timeout=120
        )
        _wait_until_no_jobs(tmp_path / "home")

    replies = [m for m in fake_slack.state.messages[CHANNEL] if m.get("thread_ts") == asked]
    assert len(replies) == 1, [m["text"] for m in replies]
    assert "late fee" in str(replies[0]["blocks"]) + replies[0]["text"]
    assert len([c for c in fake_slack.calls_to("chat.postMessage") if in_thread(c)]) == 1


def _export_command(port: int) -> None:
    form = {
        "team_id": "TFAKE",
        "channel_id": CHANNEL,
        "user_id": USER,
        "command": "/journey",
        "text": "export",
        "trigger_id": "trig-07KILL",
    }
    url = f"http://127.0.0.1:{port}/slack/events"
    assert signed_post(url, urlencode(form), "application/x-www-form-urlencoded").status == 200


def test_an_export_slack_finished_just_before_kill_9_is_not_uploaded_again(
    env: dict[str, str], fake_slack: FakeSlack, tmp_path: Path
) -> None:
    """Slack completed the upload of the Word file; the bot was killed before it heard
    back. After the restart it finds the upload by the file id it noted, not again."""
    try:
        with _served(env, kill=True) as port:
            _share(fake_slack, port)
            fake_slack.wait_for("chat.update", lambda c: bool(c.args.get("blocks")), timeout=120)
            fake_slack.hold_answers(lambda c: c.method == "files.completeUploadExternal")
            _export_command(port)
            fake_slack.wait_for("files.completeUploadExternal", timeout=120)
    finally:
        fake_slack.release()

    with _served(env, kill=False):
        _wait_until_no_jobs(tmp_path / "home")

    shared = [u for u in fake_slack.state.uploads.values() if u.get("channel") == CHANNEL]
    assert len(shared) == 1 and str(shared[0]["filename"]).endswith(".docx")
    assert len(fake_slack.calls_to("files.completeUploadExternal")) == 1
    assert fake_slack.calls_to("files.info")  # the resumed job looked the upload up


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def test_serving_processes_end_with_a_parent_killed_alone(env: dict[str, str]) -> None:
    """kill -9 of the main process alone (not its group) must not leave serving processes
    holding the port and acknowledging work no worker will do."""
    port = int(env["JOURNEYBOT_PORT"])
    server = _start(env)
    try:
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=20)
        deadline = time.monotonic() + 20
        while _answers(port) and time.monotonic() < deadline:
            time.sleep(0.1)  # polling for the orphans to go
        assert not _answers(port)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
    with _served(env, kill=False) as again:  # the port is free for the next start
        assert _answers(again)
