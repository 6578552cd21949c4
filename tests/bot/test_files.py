"""Downloads: only from Slack's file hosts, size-checked first, login pages recognised."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import SecretStr

from journeybot.core.settings import Settings
from tests.bot.conftest import serve_bot
from tests.bot.harness import BotHarness
from tests.fakes.slack_api import FakeFile, FakeSlack

CHANNEL = "CFILES"
USER = "UFILES"
TRANSCRIPT = b"Dan: Hi.\nLee: The app crashed on login every morning.\n"


def _harness(settings: Settings, fake: FakeSlack, workspace: Any, **changes: Any) -> BotHarness:
    return serve_bot(settings.model_copy(update=changes), fake, workspace)


@pytest.fixture
def closing() -> Iterator[list[BotHarness]]:
    harnesses: list[BotHarness] = []
    yield harnesses
    for harness in harnesses:
        harness.close()


def _share_and_wait(bot: BotHarness, file: FakeFile) -> str:
    stub = bot.fake.add_file(file)
    assert bot.event(bot.file_share_event(CHANNEL, USER, [stub])).status == 200
    final = bot.fake.wait_for("chat.update", lambda c: bool(c.args.get("blocks")))[0]
    return str(final.args["blocks"])


def test_a_wrong_token_gets_the_login_page_and_says_so(
    bot_settings: Settings, fake_slack: FakeSlack, workspace: Any, closing: list[BotHarness]
) -> None:
    bot = _harness(bot_settings, fake_slack, workspace, slack_bot_token=SecretStr("xoxb-stale"))
    closing.append(bot)
    shown = _share_and_wait(bot, FakeFile("FTOK", "lee.txt", TRANSCRIPT))
    assert "Slack returned a web page instead of the file" in shown
    assert "files:read scope" in shown
    assert fake_slack.calls_to("download")[0].token == "xoxb-stale"
    assert workspace.ingested == []


def test_an_oversized_file_is_refused_before_downloading(bot: BotHarness) -> None:
    huge = FakeFile("FBIG", "huge.txt", TRANSCRIPT, size=10**9)
    shown = _share_and_wait(bot, huge)
    assert "huge.txt" in shown and "over the" in shown and "JOURNEYBOT_MAX_FILE_MB" in shown
    assert bot.fake.calls_to("download") == []


def test_a_download_url_on_another_host_is_never_fetched(
    bot_settings: Settings, fake_slack: FakeSlack, workspace: Any, closing: list[BotHarness]
) -> None:
    bot = _harness(bot_settings, fake_slack, workspace, slack_file_hosts=["files.slack.com"])
    closing.append(bot)
    shown = _share_and_wait(bot, FakeFile("FHOST", "lee.txt", TRANSCRIPT))
    assert "not an allowed Slack file host" in shown
    assert fake_slack.calls_to("download") == []


def test_slack_connect_stubs_are_resolved_with_files_info(bot: BotHarness) -> None:
    bot.fake.add_file(FakeFile("FCONNECT", "lee.txt", TRANSCRIPT))
    stub = {"id": "FCONNECT", "mode": "file_access", "file_access": "check_file_info"}
    assert bot.event(bot.file_share_event(CHANNEL, USER, [stub])).status == 200
    final = bot.fake.wait_for("chat.update", lambda c: bool(c.args.get("blocks")))[0]
    assert "*lee.txt*: 1 participant (Lee)" in str(final.args["blocks"])
    assert [c.args["file"] for c in bot.fake.calls_to("files.info")] == ["FCONNECT"]
    assert bot.fake.calls_to("download")[0].token == bot.fake.token
