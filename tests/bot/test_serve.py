"""``journeybot serve`` as a user runs it: a real process, configured by environment."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.bot.harness import SIGNING_SECRET, signed_post
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.fakes.socket_mode import FakeSocketMode


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_healthy(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as reply:
                if reply.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)  # polling for the server to come up, not waiting blindly
    raise AssertionError("journeybot serve did not come up")


def test_serve_over_http_verifies_acks_and_answers(tmp_path: Path, fake_slack: FakeSlack) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "JOURNEYBOT_HOME": str(tmp_path / "home"),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "JOURNEYBOT_SLACK_API_URL": fake_slack.api_url,
        "JOURNEYBOT_PORT": str(port),
    }
    env.pop("SLACK_APP_TOKEN", None)
    env.pop("JOURNEYBOT_SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "journeybot", "serve"], env=env, stderr=subprocess.PIPE
    )
    try:
        _wait_healthy(port, process)
        url = f"http://127.0.0.1:{port}/slack/events"
        challenge = json.dumps({"type": "url_verification", "challenge": "c-42", "token": "t"})
        assert "c-42" in signed_post(url, challenge, "application/json").body

        event = {"type": "app_home_opened", "user": "UHOME", "tab": "home"}
        body = json.dumps({"type": "event_callback", "event_id": "EvSERVE", "event": event})
        assert signed_post(url, body, "application/json").status == 200
        assert signed_post(url, body, "application/json", secret="wrong").status == 401
        view = fake_slack.wait_for("views.publish", timeout=60)[0]
        assert view.args["user_id"] == "UHOME" and view.token == BOT_TOKEN
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert BOT_TOKEN not in (process.stderr.read().decode() if process.stderr else "")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # nothing keeps listening once serve has stopped
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return
        time.sleep(0.1)
    raise AssertionError("something kept listening after serve stopped")


def test_serve_in_socket_mode_acks_over_the_socket_and_answers(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    socket_mode = FakeSocketMode().start()
    fake_slack.socket_url = socket_mode.url
    env = {
        **os.environ,
        "JOURNEYBOT_HOME": str(tmp_path / "home"),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "JOURNEYBOT_SLACK_API_URL": fake_slack.api_url,
    }
    for unset in ("SLACK_SIGNING_SECRET", "JOURNEYBOT_SLACK_SIGNING_SECRET"):
        env.pop(unset, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "journeybot", "serve"], env=env, stderr=subprocess.PIPE
    )
    try:
        socket_mode.wait_connected(timeout=60)
        opened = fake_slack.calls_to("apps.connections.open")
        assert opened and opened[0].token == APP_TOKEN

        event = {"type": "app_home_opened", "user": "UHOME", "tab": "home"}
        socket_mode.send(
            {
                "envelope_id": "env-home",
                "type": "events_api",
                "accepts_response_payload": False,
                "payload": {"type": "event_callback", "event_id": "EvSOCKET", "event": event},
            }
        )
        assert socket_mode.wait_ack("env-home", timeout=30) == {"envelope_id": "env-home"}
        view = fake_slack.wait_for("views.publish", timeout=60)[0]
        assert view.args["user_id"] == "UHOME" and view.token == BOT_TOKEN

        command = {
            "command": "/journey",
            "text": "help",
            "user_id": "UHOME",
            "channel_id": "CSOCKET",
            "team_id": "TFAKE",
            "trigger_id": "trig-1",
            "response_url": f"{fake_slack.root}/respond",
        }
        socket_mode.send(
            {
                "envelope_id": "env-help",
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": command,
            }
        )
        reply = socket_mode.wait_ack("env-help", timeout=30)["payload"]
        assert reply["response_type"] == "ephemeral"
        assert "/journey sources" in json.dumps(reply)
    finally:
        process.terminate()
        process.wait(timeout=20)
        socket_mode.close()
    logged = process.stderr.read().decode() if process.stderr else ""
    assert BOT_TOKEN not in logged and APP_TOKEN not in logged
