"""Fixtures: a fake Slack Web API over HTTP and the bot served over HTTP against it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import SecretStr
from slack_sdk import WebClient

from journeybot.bot import build_app
from journeybot.bot.app import bot_token, build_deps, local_jobs
from journeybot.bot.web import WebServer
from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.service.workspace import Workspace
from tests.bot.fake_workspace import FakeWorkspace
from tests.bot.harness import SIGNING_SECRET, BotHarness
from tests.bot.recording import RecordingWorkspace
from tests.fakes.slack_api import BOT_TOKEN, FakeSlack


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.close()


@pytest.fixture
def bot_settings(settings: Settings, fake_slack: FakeSlack) -> Settings:
    return settings.model_copy(
        update={
            "slack_bot_token": SecretStr(BOT_TOKEN),
            "slack_signing_secret": SecretStr(SIGNING_SECRET),
            "slack_api_url": fake_slack.api_url,
            "slack_file_hosts": ["127.0.0.1"],
            "workers": 2,
            "membership_cache_seconds": 60.0,
        }
    )


@pytest.fixture
def workspace() -> Any:
    """In memory and instant; tests that need the real thing use ``real_workspace``."""
    return FakeWorkspace()


@pytest.fixture
def real_workspace(settings: Settings, hashing_embedder: HashingEmbedder) -> Any:
    """The real ``Workspace`` (embedded Chroma and SQLite under ``tmp_path``), recorded."""
    return RecordingWorkspace(Workspace.open(settings, embedder=hashing_embedder))


def serve_bot(settings: Settings, fake: FakeSlack, workspace: Any) -> BotHarness:
    """Bolt through its WSGI adapter under waitress, jobs on a thread pool in-process.

    The harness's ``close`` waits for the pool, so a job still running after its test
    cannot log against the next test's capture or call a fake Slack that has gone.
    """
    client = WebClient(token=BOT_TOKEN, base_url=fake.api_url)
    deps = build_deps(settings, client, bot_token(settings, client), workspace)
    jobs = local_jobs(deps, client)
    app = build_app(settings, client=client, workspace=workspace, jobs=jobs)
    server = WebServer(app, signing_secret=SIGNING_SECRET, host="127.0.0.1", port=0).start()
    return BotHarness(fake, server, workspace, jobs=jobs)


@pytest.fixture
def bot(bot_settings: Settings, fake_slack: FakeSlack, workspace: Any) -> Iterator[BotHarness]:
    harness = serve_bot(bot_settings, fake_slack, workspace)
    yield harness
    harness.close()
