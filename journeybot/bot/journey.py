"""The ``/journey`` command: parsing, and one small handler per subcommand.

Read-only answers (sources, stages, help) go only to the person who asked; drafts and
anything that changes the study (stages set, forget, diary, study) are posted to the
channel, so the team sees what changed and who changed it.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from slack_sdk import WebClient

from journeybot.bot.blocks.actions import (
    actions_messages,
    changes_messages,
    scope_messages,
    touchpoints_messages,
)
from journeybot.bot.blocks.drafts import map_messages, personas_messages
from journeybot.bot.blocks.limits import Message
from journeybot.bot.blocks.study import (
    help_messages,
    sources_messages,
    stages_messages,
    suggested_stages_messages,
)
from journeybot.bot.deps import BotDeps
from journeybot.bot.mrkdwn import escape, unescape
from journeybot.bot.once import upload_file
from journeybot.bot.replies import ReplyTarget, reporting_failures, send
from journeybot.bot.speakers_command import speakers
from journeybot.core.errors import NoEvidenceError, UsageError
from journeybot.core.models import JourneyMap, PersonaSet, Stage
from journeybot.core.stages import parse_stages, slugify
from journeybot.core.text import short_list
from journeybot.service.map_extras import parse_touchpoint_names

Draft = TypeVar("Draft", JourneyMap, PersonaSet)

#: Subcommands worth an immediate "working on it" while they run.
SLOW = frozenset({"personas", "map", "export", "actions"})


@dataclass(frozen=True)
class JourneyRequest:
    name: str
    arg: str
    channel: str
    user: str

    @property
    def private(self) -> ReplyTarget:
        return ReplyTarget(self.channel, self.user, ephemeral=True)

    @property
    def public(self) -> ReplyTarget:
        return ReplyTarget(self.channel, self.user)


#: ``/journey stages suggest``: propose stages from the interviews (sets nothing).
SUGGEST = "suggest"


def parse_command(text: str) -> tuple[str, str]:
    """(subcommand, rest): ``help`` when empty; the rest keeps its line breaks."""
    words = unescape(text).strip().split(maxsplit=1)
    if not words:
        return "help", ""
    return words[0].lower(), words[1].strip() if len(words) > 1 else ""


def is_known(name: str) -> bool:
    return name in HANDLERS


def run_command(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    with reporting_failures(client, request.private, f"running /journey {request.name}"):
        HANDLERS[request.name](deps, client, request)


def linked_study(deps: BotDeps, channel: str) -> str:
    study = deps.workspace.channel_links().get(channel)
    if study is None:
        raise NoEvidenceError(
            "This channel has no study yet; share transcripts here first, start one with "
            "/journey study NAME, or link one you can see with /journey link STUDY."
        )
    return study


def _help(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    send(client, request.private, help_messages())


def _sources(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    study = linked_study(deps, request.channel)
    sources = [deps.names.people_in(s) for s in deps.workspace.sources(study)]
    send(client, request.private, sources_messages(deps.study_name(study), sources))


def _stages(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    if request.arg.strip().lower() == SUGGEST:
        study = linked_study(deps, request.channel)
        proposed = deps.workspace.suggest_stages(study)
        send(client, request.private, suggested_stages_messages(deps.study_name(study), proposed))
        return
    if not request.arg:
        study = linked_study(deps, request.channel)
        stages = deps.workspace.stages(study)
        send(client, request.private, stages_messages(deps.study_name(study), stages))
        return
    stages = parse_stage_text(request.arg)
    study = deps.channel_study(request.channel)
    deps.workspace.set_stages(study, stages)
    shown = deps.study_name(study)
    send(client, request.public, stages_messages(shown, stages, changed_by=request.user))


def _personas(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    study = linked_study(deps, request.channel)
    personas = deps.workspace.personas(study)
    send(client, request.public, personas_messages(shown_draft(deps, personas)))


def _map(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    study = linked_study(deps, request.channel)
    journey = deps.workspace.journey_map(study, persona=request.arg or None)
    posted = send(client, request.public, map_messages(shown_draft(deps, journey)))
    if posted and posted[0]:
        _post_map_picture(deps, client, request, study, posted[0])


def _post_map_picture(
    deps: BotDeps, client: WebClient, request: JourneyRequest, study: str, thread_ts: str
) -> None:
    """The map on one page, in the thread of its text version."""
    persona = request.arg or None
    name = f"{slugify(study)}-journey-map{'-' + slugify(persona) if persona else ''}.png"
    with tempfile.TemporaryDirectory(prefix="journeybot-picture-") as folder:
        path = deps.workspace.export(study, Path(folder) / name, persona=persona, fmt="png")
        upload_file(
            client,
            channel=request.channel,
            thread_ts=thread_ts,
            file=str(path),
            filename=name,
            title=f"Journey map on one page: {study}",
        )


def _export(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    study = linked_study(deps, request.channel)
    shown = deps.study_name(study)
    persona = request.arg or None
    name = f"{slugify(shown)}-journey-map{'-' + slugify(persona) if persona else ''}.docx"
    with tempfile.TemporaryDirectory(prefix="journeybot-export-") as folder:
        path = deps.workspace.export(study, Path(folder) / name, persona=persona)
        upload_file(
            client,
            channel=request.channel,
            file=str(path),
            filename=name,
            title=f"Journey map draft: {shown}" + (f" ({persona})" if persona else ""),
            initial_comment=(
                f"<@{request.user}> here is the draft journey map for *{escape(shown)}*. "
                "Mark each claim in the review column and share the file back here to "
                "record the verdicts."
            ),
        )


def _scope(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    """``/journey scope`` shows it; ``scenario: ...``, ``goal: ...``, ``actor: ...`` set it."""
    study = linked_study(deps, request.channel)
    if not request.arg:
        send(client, request.private, scope_messages(study, deps.workspace.scope(study)))
        return
    values = parse_scope_text(request.arg)
    scope = deps.workspace.set_scope(study, **values)
    send(client, request.public, scope_messages(study, scope, changed_by=request.user))


def parse_scope_text(text: str) -> dict[str, str]:
    """``scenario: ... goal: ...`` (lines or one line) into the fields to set."""
    found = re.findall(
        r"\b(scenario|goal|actor)\s*:\s*(.*?)(?=\b(?:scenario|goal|actor)\s*:|$)",
        text,
        re.IGNORECASE | re.DOTALL,
    )
    if not found:
        raise UsageError(
            "Say what to set, for example: /journey scope scenario: moving house goal: "
            "broadband working on day one"
        )
    return {name.lower(): value.strip() for name, value in found}


def _touchpoints(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    """``/journey touchpoints`` shows the study's own names; ``Name: variant, ...`` adds."""
    study = linked_study(deps, request.channel)
    if request.arg:
        deps.workspace.add_touchpoint_names(study, parse_touchpoint_names(request.arg))
    names = deps.workspace.touchpoint_names(study)
    target = request.public if request.arg else request.private
    send(
        client,
        target,
        touchpoints_messages(study, names, changed_by=request.user if request.arg else None),
    )


def _actions(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    study = linked_study(deps, request.channel)
    plan = deps.workspace.actions(study, persona=request.arg or None)
    send(client, request.public, actions_messages(study, plan))


def _forget(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    if not request.arg:
        raise UsageError("Name the file to forget, for example: /journey forget interview_03.txt")
    study = linked_study(deps, request.channel)
    before = deps.workspace.latest_map(study)  # in memory only: forget deletes the drafts
    source = deps.workspace.forget(study, request.arg)
    text = (
        f"<@{request.user}> removed *{escape(source.file_name)}* from study "
        f"*{escape(deps.study_name(study))}*: its {source.segments} segments are gone and "
        "drafts will be redone."
    )
    posted = send(client, request.public, [Message(text, [])])
    if before is not None and deps.workspace.sources(study):
        changes = deps.workspace.map_changes_from(study, before)
        thread = request.public.in_thread(posted[0]) if posted and posted[0] else request.public
        send(client, thread, changes_messages(changes))


def _diary(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    setting = request.arg.lower()
    if setting not in {"on", "off"}:
        raise UsageError("Say /journey diary on or /journey diary off.")
    deps.workspace.set_diary(request.channel, setting == "on")
    text = (
        f"<@{request.user}> made this a diary channel: every message becomes a dated diary "
        "entry (start a post with `P07:` to post for participant P07)."
        if setting == "on"
        else f"<@{request.user}> turned diary mode off for this channel."
    )
    send(client, request.public, [Message(text, [])])


def _study(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    """Show or rename the channel's study; renaming keeps everything in it."""
    current = deps.workspace.channel_links().get(request.channel)
    if not request.arg:
        text = (
            f"This channel feeds study *{escape(deps.study_name(current))}*."
            if current
            else "This channel has no study yet; share transcripts here or name one with "
            "/journey study NAME."
        )
        send(client, request.private, [Message(text, [])])
        return
    study = current or deps.channel_study(request.channel)
    holder = deps.workspace.find_study(request.arg)
    if holder is not None and holder != study:
        raise UsageError(
            f"Another study is already called '{request.arg}'; to feed it from this channel "
            f"use /journey link {request.arg}, or pick another name."
        )
    deps.access.check_can_link(request.user, study, request.channel)
    before = deps.study_name(study)
    after = deps.workspace.rename_study(study, request.arg)
    text = (
        f"<@{request.user}> renamed this channel's study *{escape(before)}* to "
        f"*{escape(after)}*; its sources, drafts and reviews stay with it."
    )
    send(client, request.public, [Message(text, [])])


def _link(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    """Feed another study (one the user can already see) from this channel."""
    if not request.arg:
        raise UsageError("Name the study to link, for example: /journey link onboarding-2026.")
    study = deps.workspace.find_study(request.arg)
    visible = deps.access.visible_studies(request.user)
    if study is None or study not in visible:
        names = short_list(sorted(deps.study_name(s) for s in visible), limit=10) or "none"
        raise UsageError(
            f"There is no study called '{request.arg}' that you can see; studies you can "
            f"see: {names}."
        )
    deps.access.check_can_link(request.user, study, request.channel)
    previous = deps.workspace.channel_links().get(request.channel)
    deps.workspace.link_channel(request.channel, study)
    text = f"<@{request.user}> linked this channel to study *{escape(deps.study_name(study))}*."
    if previous and previous != study:
        old = escape(deps.study_name(previous))
        text += (
            f" Sources shared here before stay in study *{old}* (`/journey link {old}` returns)."
        )
    send(client, request.public, [Message(text, [])])


def shown_draft(deps: BotDeps, draft: Draft) -> Draft:
    """A draft as people read it: the study's name and participants' names."""
    return deps.names.people_in(draft).model_copy(update={"study": deps.study_name(draft.study)})


def parse_stage_text(text: str) -> list[Stage]:
    """Stages typed in the command: YAML/JSON, ``Name: description`` lines, or a list."""
    stripped = text.strip()
    origin = "The stages you typed"
    if stripped[:1] in "[{-" or stripped.lower().startswith("stages:"):
        return parse_stages(stripped, origin=origin)
    lines = [ln.strip().lstrip("•*").strip() for ln in stripped.splitlines()]
    lines = [ln for ln in lines if ln]
    if len(lines) == 1 and ":" not in lines[0]:
        lines = [part.strip() for part in lines[0].split(",") if part.strip()]
    items = []
    for line in lines:
        name, _, description = line.partition(":")
        items.append({"name": name.strip(), "description": description.strip()})
    return parse_stages(json.dumps(items), origin=origin)


Handler = Callable[[BotDeps, WebClient, JourneyRequest], None]

HANDLERS: dict[str, Handler] = {
    "help": _help,
    "sources": _sources,
    "stages": _stages,
    "personas": _personas,
    "map": _map,
    "export": _export,
    "scope": _scope,
    "actions": _actions,
    "touchpoints": _touchpoints,
    "forget": _forget,
    "diary": _diary,
    "study": _study,
    "link": _link,
    "speakers": speakers,
}
