"""Requests that are not Slack's get 400/401 with one log line each and no traceback."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.bot.harness import BotHarness, Reply, signed_post

EVENT = json.dumps({"type": "event_callback", "event_id": "EvOK", "event": {"type": "x"}})


def _unsigned(url: str, body: str, content_type: str) -> Reply:
    request = urllib.request.Request(
        url, data=body.encode(), method="POST", headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, response.read().decode())
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.read().decode())


CASES = {
    "signed malformed JSON": (
        400,
        lambda url: signed_post(url, '{"type": "event_', "application/json"),
    ),
    "signed JSON that is not an object": (
        400,
        lambda url: signed_post(url, "[1, 2]", "application/json"),
    ),
    "signed form with a malformed payload": (
        400,
        lambda url: signed_post(
            url, urlencode({"payload": "{nope"}), "application/x-www-form-urlencoded"
        ),
    ),
    "unsigned malformed JSON": (401, lambda url: _unsigned(url, "{oops", "application/json")),
    "unsigned event": (401, lambda url: _unsigned(url, EVENT, "application/json")),
    "wrong secret": (401, lambda url: signed_post(url, EVENT, "application/json", secret="guess")),
    "old timestamp": (
        401,
        lambda url: signed_post(url, EVENT, "application/json", timestamp=int(time.time()) - 600),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_requests_that_are_not_slacks_are_refused_quietly(
    bot: BotHarness, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    status, send = CASES[case]
    with caplog.at_level(logging.INFO):
        reply = send(bot.server.url)
    assert reply.status == status
    ours = [r for r in caplog.records if r.name == "journeybot.bot.gate"]
    assert len(ours) == 1, [r.getMessage() for r in ours]
    assert all(r.exc_info is None for r in caplog.records)
    assert not [r for r in caplog.records if r.name.startswith("slack_bolt")]
    assert f"HTTP {status}" in ours[0].getMessage()
    assert bot.fake.calls_to("chat.postMessage") == []


def test_a_signed_well_formed_request_still_goes_through(bot: BotHarness) -> None:
    challenge = json.dumps({"type": "url_verification", "challenge": "c-7", "token": "t"})
    reply = signed_post(bot.server.url, challenge, "application/json")
    assert reply.status == 200 and "c-7" in reply.body
