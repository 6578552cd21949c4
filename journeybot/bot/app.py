"""The Slack app's composition root: settings in, a ready Bolt ``App`` out.

Listeners run on the request thread (``process_before_response``) and do nothing but
acknowledge and queue; all real work runs on a bounded pool of ``settings.workers``
threads, so a busy pool never delays an acknowledgement.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pydantic import SecretStr
from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk import WebClient

from journeybot.bot.access import ChannelAccess
from journeybot.bot.deps import BotDeps
from journeybot.bot.edge import EdgeServer
from journeybot.bot.listeners import register
from journeybot.bot.names import SlackNames
from journeybot.bot.ports import StudyService
from journeybot.bot.slackfiles import FileFetcher
from journeybot.core.errors import ConfigError
from journeybot.core.settings import Settings
from journeybot.service.workspace import Workspace

log = logging.getLogger(__name__)


def build_app(
    settings: Settings,
    *,
    client: WebClient | None = None,
    store: Any = None,
    llm: Any = None,
    workspace: StudyService | None = None,
) -> App:
    token = _bot_token(settings, client)
    secret = _signing_secret(settings)
    client = client or WebClient(token=token.get_secret_value(), base_url=settings.slack_api_url)
    pool = ThreadPoolExecutor(
        max_workers=max(settings.workers, 1), thread_name_prefix="journeybot-worker"
    )
    app = _bolt_app(client, secret, pool, settings.slack_api_url)
    if workspace is None:
        workspace = Workspace.open(settings, store=store, llm=llm)
    deps = BotDeps(
        settings=settings,
        workspace=workspace,
        access=ChannelAccess(client, workspace, cache_seconds=settings.membership_cache_seconds),
        files=FileFetcher(
            client,
            token,
            allowed_hosts=settings.slack_file_hosts,
            max_bytes=settings.max_file_bytes,
        ),
        pool=pool,
        names=SlackNames(client, cache_seconds=settings.name_cache_seconds),
    )
    register(app, deps)
    return app


def _bolt_app(client: WebClient, secret: str, pool: ThreadPoolExecutor, api_url: str) -> App:
    """Bolt checks the token with ``auth.test`` right here; a bad one fails at start-up."""
    try:
        return App(
            client=client,
            signing_secret=secret,
            process_before_response=True,
            listener_executor=pool,
            logger=logging.getLogger("journeybot.bot.bolt"),
        )
    except BoltError as err:
        raise ConfigError(
            "Slack rejected SLACK_BOT_TOKEN; copy the Bot User OAuth Token from the app's "
            "OAuth & Permissions page again."
        ) from err
    except OSError as err:
        raise ConfigError(
            f"Cannot reach Slack at {api_url} ({err}); check the network or "
            "JOURNEYBOT_SLACK_API_URL."
        ) from err


def serve(settings: Settings) -> None:
    """Run until interrupted: Socket Mode with an app token, else HTTP on ``settings.port``."""
    app = build_app(settings)
    if settings.slack_app_token is not None:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("connecting to Slack in Socket Mode")
        SocketModeHandler(app, settings.slack_app_token.get_secret_value()).start()
        return
    server = EdgeServer(app, signing_secret=_signing_secret(settings), port=settings.port)
    log.info("listening for Slack requests on port %s", server.port)
    try:
        server.serve_forever()
    finally:
        server.close()


def _bot_token(settings: Settings, client: WebClient | None) -> SecretStr:
    if settings.slack_bot_token is not None:
        return settings.slack_bot_token
    if client is not None and client.token:
        return SecretStr(client.token)
    raise ConfigError(
        "SLACK_BOT_TOKEN is not set; copy the Bot User OAuth Token (xoxb-...) from the app's "
        "OAuth & Permissions page into SLACK_BOT_TOKEN."
    )


def _signing_secret(settings: Settings) -> str:
    if settings.slack_signing_secret is not None:
        return settings.slack_signing_secret.get_secret_value()
    if settings.slack_app_token is not None:
        return ""  # Socket Mode: Slack does not sign these requests
    raise ConfigError(
        "SLACK_SIGNING_SECRET is not set; copy the Signing Secret from the app's Basic "
        "Information page, or set SLACK_APP_TOKEN to use Socket Mode."
    )
