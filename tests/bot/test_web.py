"""The HTTP side: Bolt's WSGI adapter under waitress, with a health check and size cap."""

from __future__ import annotations

import http.client

from tests.bot.harness import BotHarness, signed_post


def _connection(bot: BotHarness) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", bot.server.port, timeout=10)


def test_health_unknown_paths_and_oversized_bodies(bot: BotHarness) -> None:
    conn = _connection(bot)
    conn.request("GET", "/healthz")
    health = conn.getresponse()
    assert (health.status, health.read()) == (200, b"ok")
    for method, path in (("GET", "/slack/events"), ("POST", "/elsewhere")):
        conn.request(method, path, body=b"{}")
        response = conn.getresponse()
        assert response.status == 404
        response.read()
    conn.close()

    huge = "x" * 2_000_000
    assert signed_post(bot.server.url, huge, "application/json").status == 413


def test_keep_alive_serves_several_requests_on_one_connection(bot: BotHarness) -> None:
    conn = _connection(bot)
    for _ in range(3):
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        assert response.status == 200 and response.read() == b"ok"
    conn.close()
