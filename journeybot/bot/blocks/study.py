"""Help, a study's sources and stages, and the App Home view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from journeybot.bot.blocks.common import Block, context, divider, header, plural, sections
from journeybot.bot.blocks.limits import Message, paginate
from journeybot.bot.mrkdwn import escape
from journeybot.core.models import Source, Stage
from journeybot.core.text import short_list
from journeybot.service.records import StudySummary

#: Slack caps a Home tab view at 100 blocks.
HOME_BLOCK_LIMIT = 100
HOME_SOURCES_SHOWN = 10
HOME_REFRESH_ACTION = "home_refresh"
HOME_TAGLINE = "Your research evidence, every quote traceable to what a participant said."

COMMANDS: tuple[tuple[str, str], ...] = (
    ("help", "this list"),
    ("sources", "the files in this channel's study"),
    ("stages", "show the journey stages"),
    ("stages NAME: description, one per line (or YAML/JSON)", "set the stages"),
    ("stages suggest", "propose stages from the interviewer's questions (sets nothing)"),
    ("personas", "draft personas from the evidence"),
    ("map [persona]", "draft the journey map, for everyone or one persona"),
    ("export [persona]", "the journey map as a Word file, here"),
    ("scope scenario: ... goal: ... actor: ...", "show or set whose journey the map follows"),
    ("actions [persona]", "the action plan: opportunities by impact, and who owns what"),
    ("touchpoints NAME: variant, variant", "add a touchpoint name of this study"),
    ("forget FILE", "remove a source and everything drawn from it"),
    ("diary on|off", "make every message in this channel a diary entry"),
    ("study [NAME]", "show or rename this channel's study (its evidence stays with it)"),
    ("link STUDY", "feed another study you can see from this channel"),
    ("speakers [FILE]", "who speaks in each file, their role and why"),
    ('speakers set FILE "Name" --role ROLE [--as ID]', "correct a speaker's role"),
)

USAGE_NOTES = (
    "Share transcripts (.txt, .vtt, .srt, .docx, .pdf, .csv...) here to add them to the "
    "study. Mention me with a question to get an answer with verbatim quotes. A file named "
    "stages.yml or stages.json sets the stages; a reviewed Journeybot .docx applies its "
    "verdicts."
)


def help_messages(intro: str | None = None) -> list[Message]:
    lines = [f"`/journey {usage}`: {what}" for usage, what in COMMANDS]
    blocks: list[Block] = []
    if intro:
        blocks.extend(sections(intro))
    blocks.extend(sections("\n".join(lines)))
    blocks.append(context(USAGE_NOTES))
    return paginate(intro or "Journeybot commands", blocks)


def sources_messages(study: str, sources: Sequence[Source]) -> list[Message]:
    title = f"Study *{escape(study)}*: {plural(len(sources), 'source')}"
    lines = [_source_line(s) for s in sources] or ["No sources yet: share a transcript here."]
    return paginate(title, [*sections(title), *sections("\n".join(lines))])


def _source_line(source: Source) -> str:
    people = short_list([escape(p) for p in source.participants], limit=20) or "no participants"
    by = f" by <@{source.uploaded_by}>" if _is_slack_user(source.uploaded_by) else ""
    return (
        f"• *{escape(source.file_name)}*: {people}, {plural(source.segments, 'segment')}, "
        f"added {source.uploaded_at:%Y-%m-%d}{by} (id `{source.id[:12]}`)"
    )


def stages_messages(
    study: str, stages: Sequence[Stage], *, changed_by: str | None = None
) -> list[Message]:
    verb = "now has" if changed_by else "has"
    title = f"Study *{escape(study)}* {verb} {plural(len(stages), 'journey stage')}"
    lines = [
        f"{i}. *{escape(s.name)}* (`{escape(s.id)}`)"
        + (f": {escape(s.description)}" if s.description else "")
        for i, s in enumerate(stages, start=1)
    ]
    blocks = [*sections(title), *sections("\n".join(lines))]
    if changed_by:
        blocks.append(context(f"Stages set by <@{changed_by}>."))
    return paginate(title, blocks)


def suggested_stages_messages(study: str, stages: Sequence[Stage]) -> list[Message]:
    """Stages proposed from the interviews, and the command that sets them as they are
    (to edit first, copy it): nothing is set until someone sends it."""
    title = f"Stages the interviews of *{escape(study)}* suggest (not set)"
    lines = [
        f"{i}. *{escape(s.name)}*: {escape(s.description)}" for i, s in enumerate(stages, start=1)
    ]
    command = "/journey stages " + "\n".join(f"{s.name}: {s.description}" for s in stages)
    blocks = [
        *sections(title),
        *sections("\n".join(lines)),
        *sections("To use them, edit if you like and send:"),
        *sections(f"```{escape(command)}```"),
    ]
    return paginate(title, blocks)


def home_view(
    summaries: Sequence[StudySummary], sources: dict[str, list[Source]]
) -> dict[str, Any]:
    """The App Home tab: only the studies the viewer may see, passed in by the caller."""
    blocks: list[Block] = [
        header("Journeybot"),
        *sections(HOME_TAGLINE),
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": HOME_REFRESH_ACTION,
                    "text": {"type": "plain_text", "text": "Refresh"},
                }
            ],
        },
    ]
    if not summaries:
        blocks.extend(
            sections(
                "No studies you can see yet. Invite me to a channel and share transcripts "
                "there; studies of channels you are in appear here."
            )
        )
    tail = [divider(), *help_messages("*Commands*")[0].blocks]
    blocks.extend(_home_studies(summaries, sources, HOME_BLOCK_LIMIT - len(blocks) - len(tail)))
    return {"type": "home", "blocks": [*blocks, *tail]}


def _home_studies(
    summaries: Sequence[StudySummary], sources: dict[str, list[Source]], budget: int
) -> list[Block]:
    """As many studies as fit in ``budget`` blocks, and a line saying how many did not."""
    blocks: list[Block] = []
    budget -= 1  # room for the "more studies" line
    for shown, summary in enumerate(summaries):
        study_blocks = _home_study(summary, sources.get(summary.study, []))
        if len(study_blocks) > budget:
            more = len(summaries) - shown
            note = f"{more} more studies not shown here; run `/journey sources` in their channels."
            return [*blocks, context(note)]
        blocks.extend(study_blocks)
        budget -= len(study_blocks)
    return blocks


def _home_study(summary: StudySummary, sources: Sequence[Source]) -> list[Block]:
    channels = " ".join(f"<#{c}>" for c in summary.channels) or "no channel"
    people = short_list([escape(p) for p in summary.participants], limit=20) or "none yet"
    names = [escape(s.file_name) for s in sources[:HOME_SOURCES_SHOWN]]
    if len(sources) > HOME_SOURCES_SHOWN:
        names.append(f"and {len(sources) - HOME_SOURCES_SHOWN} more (`/journey sources`)")
    body = (
        f"*{escape(summary.name)}* · {channels}\n"
        f"{plural(summary.sources, 'source')}, {plural(summary.segments, 'segment')}; "
        f"participants: {people}\n"
        f"Sources: {', '.join(names) or 'none'}"
    )
    return [
        divider(),
        *sections(body),
        context(
            f"Last personas: {_when(summary.last_personas_at)}",
            f"Last journey map: {_when(summary.last_map_at)}",
        ),
    ]


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else "not drafted yet"


def _is_slack_user(value: str | None) -> bool:
    return value is not None and value[:1] in {"U", "W"} and value.isalnum()
