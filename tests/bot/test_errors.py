"""Failures reach the user as one clear reply; requests are verified and acked at once."""

from __future__ import annotations

import json
import logging
import re
import time

import pytest
from pydantic import SecretStr
from slack_sdk import WebClient

from journeybot.bot import build_app
from journeybot.core.errors import ConfigError, DraftingError
from journeybot.core.settings import Settings
from tests.bot.harness import SIGNING_SECRET, BotHarness, signed_post, wait_answer
from tests.fakes.slack_api import FakeSlack

CHANNEL = "CERR"


def test_an_unexpected_error_gets_an_apology_with_an_id_that_is_logged(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot.workspace.link_channel(CHANNEL, CHANNEL)
    bot.workspace.fail_next_ask = RuntimeError("disk on fire")
    with caplog.at_level(logging.ERROR, logger="journeybot.bot"):
        ts = bot.mention(CHANNEL, "UASK", "anything?")
        reply = wait_answer(bot.fake, CHANNEL, ts).args["text"]
    error_id = re.search(r"error id `([0-9a-f]{8})`", reply)
    assert error_id and reply.startswith(":warning: Sorry")
    assert "disk on fire" not in reply
    assert any(error_id.group(1) in record.getMessage() for record in caplog.records)


def test_an_expected_error_shows_its_own_message(bot: BotHarness) -> None:
    bot.workspace.link_channel(CHANNEL, CHANNEL)
    bot.workspace.fail_next_ask = DraftingError("The model gave no usable answer; try again.")
    ts = bot.mention(CHANNEL, "UASK", "anything?")
    reply = wait_answer(bot.fake, CHANNEL, ts).args["text"]
    assert reply == ":warning: The model gave no usable answer; try again."


def test_an_empty_mention_asks_for_a_question(bot: BotHarness) -> None:
    ts = bot.mention(CHANNEL, "UASK", "")
    assert "Ask me a question" in wait_answer(bot.fake, CHANNEL, ts).args["text"]


def test_unsigned_or_stale_requests_are_rejected(bot: BotHarness) -> None:
    body = json.dumps({"type": "event_callback", "event_id": "EvBAD", "event": {}})
    forged = signed_post(bot.server.url, body, "application/json", secret="wrong-secret")
    stale = signed_post(bot.server.url, body, "application/json", timestamp=int(time.time()) - 3600)
    assert forged.status == 401 and stale.status == 401
    assert bot.workspace.claims == []


def test_url_verification_is_answered(bot: BotHarness) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"})
    reply = signed_post(bot.server.url, body, "application/json")
    assert reply.status == 200 and "abc123" in reply.body


def test_missing_tokens_are_a_clear_config_error(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN is not set"):
        build_app(settings, workspace=object())
    with_token = settings.model_copy(update={"slack_bot_token": SecretStr("xoxb-1")})
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET is not set"):
        build_app(with_token, workspace=object())


def test_tokens_never_appear_in_settings_reprs(bot_settings: Settings) -> None:
    shown = repr(bot_settings) + str(bot_settings.model_dump())
    assert SIGNING_SECRET not in shown and "xoxb-fake-bot-token" not in shown


def test_a_token_slack_rejects_is_a_clear_config_error(
    bot_settings: Settings, fake_slack: FakeSlack
) -> None:
    client = WebClient(token="xoxb-revoked", base_url=fake_slack.api_url)
    with pytest.raises(ConfigError, match="Slack rejected SLACK_BOT_TOKEN"):
        build_app(bot_settings, client=client, workspace=object())
    assert fake_slack.calls_to("auth.test")[0].token == "xoxb-revoked"
