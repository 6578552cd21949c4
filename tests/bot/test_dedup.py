"""Slack retries and redeliveries never ingest twice or answer twice."""

from __future__ import annotations

from typing import Any

import pytest

from journeybot.service.records import IncomingFile
from tests.bot.harness import BotHarness, ingest, interview, share
from tests.fakes.slack_api import FakeFile

CHANNEL = "CDEDUP"
USER = "UDEDUP"
TRANSCRIPT = interview(
    "Ria", "Setup took two days because the import kept failing.", "Then it worked fine."
)


@pytest.fixture
def workspace(real_workspace: Any) -> Any:
    """These rules are checked against the real Workspace, not a stand-in."""
    return real_workspace


def test_a_retried_file_share_is_ingested_once(bot: BotHarness) -> None:
    stub = bot.fake.add_file(FakeFile("FDUP1", "ria.txt", TRANSCRIPT, channel=CHANNEL))
    event = bot.file_share_event(CHANNEL, USER, [stub])
    assert bot.event(event, event_id="EvSAME").status == 200
    assert bot.event(event, event_id="EvSAME", retry=1).status == 200

    assert bot.workspace.wait_claims("event:EvSAME", 2) == [True, False]
    bot.fake.wait_for("chat.update", lambda c: bool(c.args.get("blocks")))
    assert bot.workspace.ingested == ["ria.txt"]
    assert len(bot.fake.calls_to("chat.postMessage")) == 1


def test_a_retried_question_is_answered_once(bot: BotHarness) -> None:
    ingest(bot, CHANNEL, USER, {"ria.txt": TRANSCRIPT})
    posted_before = len(bot.fake.calls_to("chat.postMessage"))
    ts = bot.fake.add_message(CHANNEL, USER, "<@UJOURNEYBOT> why did setup take long?")
    mention = {
        "type": "app_mention",
        "channel": CHANNEL,
        "user": USER,
        "text": "<@UJOURNEYBOT> why did setup take long?",
        "ts": ts,
    }
    for retry in (None, 1, 2):
        assert bot.event(mention, event_id="EvASK", retry=retry).status == 200

    assert bot.workspace.wait_claims("event:EvASK", 3) == [True, False, False]
    bot.fake.wait_for("chat.postMessage", lambda c: c.args.get("thread_ts") == ts)
    assert len(bot.workspace.asked) == 1
    assert len(bot.fake.calls_to("chat.postMessage")) == posted_before + 1


def test_file_shared_and_file_share_message_for_one_file_ingest_once(bot: BotHarness) -> None:
    stub = bot.fake.add_file(
        FakeFile("FBOTH", "ria.txt", TRANSCRIPT, channel=CHANNEL, share_ts="1700000000.000001")
    )
    shared = {
        "type": "file_shared",
        "file_id": "FBOTH",
        "user_id": USER,
        "file": {"id": "FBOTH"},
        "channel_id": CHANNEL,
        "event_ts": "1700000000.000002",
    }
    assert bot.event(shared).status == 200
    assert bot.event(bot.file_share_event(CHANNEL, USER, [stub])).status == 200

    assert bot.workspace.wait_claims(f"file:{CHANNEL}:FBOTH", 2) == [True, False]
    bot.fake.wait_for("chat.update", lambda c: bool(c.args.get("blocks")))
    assert bot.workspace.ingested == ["ria.txt"]


def test_a_file_its_own_share_already_stored_reads_as_ingested(bot: BotHarness) -> None:
    """What a job resumed after a crash between ingest and reply sees; a new share of the
    same file elsewhere is still a duplicate."""
    message, _ = share(bot, CHANNEL, USER, [FakeFile("FRESUME", "ria.txt", TRANSCRIPT)])
    link = f"https://fake.slack.com/archives/{CHANNEL}/p{message['ts'].replace('.', '')}"
    study = bot.workspace.study_for_channel(CHANNEL)
    bot.workspace.ingest_files([IncomingFile("ria.txt", TRANSCRIPT, link)], study)

    assert bot.event(message).status == 200
    first = bot.fake.wait_for("chat.update", lambda c: bool(c.args.get("blocks")))[0]
    assert ":white_check_mark: *ria.txt*: 1 participant (Ria)" in str(first.args["blocks"])

    again, _ = share(bot, CHANNEL, USER, [FakeFile("FAGAIN", "ria.txt", TRANSCRIPT)])
    assert bot.event(again).status == 200
    second = bot.fake.wait_for("chat.update", lambda c: bool(c.args.get("blocks")), count=2)[1]
    assert ":recycle: *ria.txt*: duplicate" in str(second.args["blocks"])
