"""The Slack app's composition root: settings in, a ready Bolt ``App`` out.

Listeners run on the request thread (``process_before_response``) and only record a job
and acknowledge. With ``jobs`` given (``journeybot serve``: the durable queue) the work
is done by the worker process; without, by a pool of ``settings.workers`` threads here.
"""

from __future__ import annotations

import logging
import signal
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pydantic import SecretStr
from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk import WebClient

from journeybot.bot.access import ChannelAccess
from journeybot.bot.deps import BotDeps
from journeybot.bot.jobs import JobQueue, LocalJobs
from journeybot.bot.listeners import register
from journeybot.bot.names import SlackNames
from journeybot.bot.ports import StudyService
from journeybot.bot.slackfiles import FileFetcher
from journeybot.core.errors import ConfigError
from journeybot.core.settings import Settings

log = logging.getLogger(__name__)


def build_app(
    settings: Settings,
    *,
    client: WebClient | None = None,
    store: Any = None,
    llm: Any = None,
    workspace: StudyService | None = None,
    jobs: JobQueue | None = None,
    gated: bool = False,
) -> App:
    """``gated``: the app is only reached through ``bot/web.py``, whose gate checks every
    request's signature before Bolt parses it (or through Socket Mode, where Slack signs
    nothing), so Bolt's own check, the same HMAC again, is left out of each ack."""
    token = bot_token(settings, client)
    secret = _signing_secret(settings)
    client = client or slack_client(settings, token)
    app = _bolt_app(client, secret, settings.slack_api_url, verify=not gated)
    if jobs is None:
        if workspace is None:
            from journeybot.service.workspace import Workspace

            workspace = Workspace.open(settings, store=store, llm=llm)
        jobs = local_jobs(build_deps(settings, client, token, workspace), client)
    register(app, jobs)
    return app


def build_deps(
    settings: Settings, client: WebClient, token: SecretStr, workspace: StudyService
) -> BotDeps:
    """What the job handlers need; built once per process that does the work."""
    return BotDeps(
        settings=settings,
        workspace=workspace,
        access=ChannelAccess(client, workspace, cache_seconds=settings.membership_cache_seconds),
        files=FileFetcher(
            client,
            token,
            allowed_hosts=settings.slack_file_hosts,
            max_bytes=settings.max_file_bytes,
        ),
        names=SlackNames(client, cache_seconds=settings.name_cache_seconds),
    )


def local_jobs(deps: BotDeps, client: WebClient) -> LocalJobs:
    from journeybot.bot.work import job_runner

    pool = ThreadPoolExecutor(
        max_workers=max(deps.settings.workers, 1), thread_name_prefix="journeybot-worker"
    )
    return LocalJobs(pool, job_runner(deps, client))


def slack_client(settings: Settings, token: SecretStr) -> WebClient:
    return WebClient(token=token.get_secret_value(), base_url=settings.slack_api_url)


def _bolt_app(client: WebClient, secret: str, api_url: str, *, verify: bool) -> App:
    """Bolt checks the token with ``auth.test`` right here; a bad one fails at start-up.

    The assistant-thread and custom-function helpers Bolt attaches to every event are
    off: no listener uses them, and they were built on every acknowledgement."""
    try:
        return App(
            client=client,
            signing_secret=secret,
            process_before_response=True,
            logger=logging.getLogger("journeybot.bot.bolt"),
            request_verification_enabled=verify,
            attaching_conversation_kwargs_enabled=False,
            attaching_function_token_enabled=False,
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
    """Run until interrupted: the worker process, and in front of it Socket Mode with an
    app token, else HTTP on ``settings.port``. Acknowledged work waits in the durable
    queue under ``JOURNEYBOT_HOME`` until the worker has done it, across restarts."""
    from journeybot.bot.jobs import DurableJobs
    from journeybot.bot.worker import WorkerProcess

    secret = _signing_secret(settings)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if settings.slack_app_token is None:
        # The serving processes build their own apps; a bad token is said here, once.
        _bolt_app(
            slack_client(settings, bot_token(settings)),
            secret,
            settings.slack_api_url,
            verify=False,
        )
    DurableJobs.create(settings.home)  # before the worker and serving processes open it
    worker = WorkerProcess(settings).start()
    try:
        if settings.slack_app_token is not None:
            _serve_socket_mode(settings, settings.slack_app_token)
            return
        from journeybot.bot.serving import serve_http

        serve_http(settings, secret)
    finally:
        worker.stop()


def _serve_socket_mode(settings: Settings, app_token: SecretStr) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from journeybot.bot.jobs import DurableJobs

    jobs = DurableJobs(settings.home, checkpoint=False)
    try:
        app = build_app(settings, jobs=jobs, gated=True)
        log.info("connecting to Slack in Socket Mode")
        SocketModeHandler(app, app_token.get_secret_value()).start()
    finally:
        jobs.close()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)  # so the worker is stopped and the queue closed on the way out


def bot_token(settings: Settings, client: WebClient | None = None) -> SecretStr:
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
