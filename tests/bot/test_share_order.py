"""One status message per share, whatever order Slack's two events about it arrive in."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bot.harness import BotHarness, interview, share
from tests.fakes.slack_api import FakeFile

CHANNEL = "CORDER"
USER = "UORDER"


@pytest.fixture
def workspace(real_workspace: Any) -> Any:
    return real_workspace


def _files(tag: str) -> list[FakeFile]:
    people = ("Ana", "Ben", "Cai")
    return [
        FakeFile(
            f"F{tag}{i}",
            f"{tag.lower()}-{name.lower()}.txt",
            interview(
                name,
                f"In round {tag} my export failed twice before it worked.",
                f"After that I stopped trusting it and kept a {name.lower()} spreadsheet.",
            ),
        )
        for i, name in enumerate(people)
    ]


def _orders(message: dict[str, Any], shared: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {
        "file_shared first": [*shared, message],
        "file_shared last": [message, *shared],
        "message between": [shared[0], message, *shared[1:]],
    }


@pytest.mark.parametrize("order", ["file_shared first", "file_shared last", "message between"])
def test_one_status_message_per_share_in_any_event_order(bot: BotHarness, order: str) -> None:
    files = _files(order.split()[0][:4].upper())
    message, shared = share(bot, CHANNEL, USER, files)
    for event in _orders(message, shared)[order]:
        assert bot.event(event).status == 200

    done = bot.fake.wait_for(
        "chat.update", lambda c: "3 of 3 files done" in str(c.args.get("blocks"))
    )
    assert len(done) == 1
    status = [
        c
        for c in bot.fake.calls_to("chat.postMessage")
        if c.args.get("channel") == CHANNEL and "Reading" in c.args.get("text", "")
    ]
    assert [c.args["text"] for c in status] == ["Reading 3 files..."]
    assert status[0].args["thread_ts"] == message["ts"]
    assert sorted(bot.workspace.ingested) == sorted(f.name for f in files)
    progress = [
        c.args["text"]
        for c in bot.fake.calls_to("chat.update")
        if c.args.get("ts") == done[0].args["ts"] and not c.args.get("blocks")
    ]
    assert progress[-1] == "Reading 3 files... 3 of 3 done"
    assert all(c.token == bot.fake.token for c in bot.fake.calls_to("conversations.history"))
