"""App Home: the studies the viewer can see, published with ``views.publish``."""

from __future__ import annotations

from dataclasses import replace

from slack_sdk import WebClient

from journeybot.bot.blocks.study import home_view
from journeybot.bot.deps import BotDeps
from journeybot.bot.replies import report_failure


def publish_home(deps: BotDeps, client: WebClient, user: str) -> None:
    try:
        visible = set(deps.access.visible_studies(user))
        summaries = [
            replace(s, participants=[deps.names.person(p) for p in s.participants])
            for s in deps.workspace.studies()
            if s.study in visible
        ]
        sources = {
            s.study: [deps.names.people_in(source) for source in deps.workspace.sources(s.study)]
            for s in summaries
        }
        client.views_publish(user_id=user, view=home_view(summaries, sources))
    except Exception as error:  # the Home tab has no thread to answer in: log it
        report_failure(client, None, error, "drawing the Home tab")
