"""The HTTP front: HTTP/1.1 handling, and the edge process that keeps acks independent."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient

from journeybot.bot import build_app
from journeybot.bot.edge import EdgeServer
from journeybot.core.settings import Settings
from tests.bot.harness import SIGNING_SECRET, BotHarness, signed_post, wait_answer
from tests.fakes.slack_api import BOT_TOKEN, FakeSlack


def _connection(bot: BotHarness) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", bot.server.port, timeout=10)


def test_health_unknown_paths_and_unframed_bodies(bot: BotHarness) -> None:
    conn = _connection(bot)
    conn.request("GET", "/healthz")
    health = conn.getresponse()
    assert (health.status, health.read()) == (200, b"ok")
    for method, path, status in (("GET", "/slack/events", 405), ("POST", "/elsewhere", 404)):
        conn.request(method, path, body=b"{}")
        response = conn.getresponse()
        assert response.status == status
        response.read()
    conn.close()

    chunked = _connection(bot)
    chunked.putrequest("POST", "/slack/events")
    chunked.putheader("Transfer-Encoding", "chunked")
    chunked.endheaders()
    chunked.send(b"2\r\n{}\r\n0\r\n\r\n")
    assert chunked.getresponse().status == 411


def test_keep_alive_serves_several_requests_on_one_connection(bot: BotHarness) -> None:
    conn = _connection(bot)
    for _ in range(3):
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        assert response.status == 200 and response.read() == b"ok"
    conn.close()


@pytest.fixture
def edge(bot_settings: Settings, fake_slack: FakeSlack, workspace: Any) -> Iterator[BotHarness]:
    app = build_app(
        bot_settings,
        client=WebClient(token=BOT_TOKEN, base_url=fake_slack.api_url),
        workspace=workspace,
    )
    server = EdgeServer(app, signing_secret=SIGNING_SECRET, host="127.0.0.1", port=0)
    yield BotHarness(fake_slack, server, workspace)
    server.close()


def test_the_edge_process_acks_events_and_relays_commands(edge: BotHarness) -> None:
    edge.workspace.link_channel("CEDGE", "CEDGE")
    ts = edge.mention("CEDGE", "UEDGE", "anything about onboarding?")
    assert "no evidence" in wait_answer(edge.fake, "CEDGE", ts).args["text"].lower()

    reply = edge.command("help", channel="CEDGE", user="UEDGE")
    assert reply.status == 200 and reply.json()["response_type"] == "ephemeral"

    body = json.dumps({"type": "event_callback", "event_id": "EvFORGED", "event": {}})
    forged = signed_post(edge.server.url, body, "application/json", secret="not-the-secret")
    assert forged.status == 401
