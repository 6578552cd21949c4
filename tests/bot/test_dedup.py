"""Slack retries and redeliveries never ingest twice or answer twice."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bot.harness import BotHarness, ingest, interview
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
