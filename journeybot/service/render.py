"""Terminal rendering of results for people (``--json`` is for machines).

Kept apart from the command definitions so ``cli.py`` stays a thin parse-call-print layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from journeybot.core.models import (
    Answer,
    Citation,
    Claim,
    Coverage,
    Feeling,
    IngestReport,
    IngestStatus,
    JourneyMap,
    PersonaSet,
    ReviewReport,
    Source,
    Stage,
)
from journeybot.core.text import short_list
from journeybot.service import render_actions

_STATUS_STYLE = {
    IngestStatus.INGESTED: "green",
    IngestStatus.DUPLICATE: "yellow",
    IngestStatus.ERROR: "red",
}


def ingest_report(console: Console, report: IngestReport) -> None:
    table = Table(title=f"Ingested into study '{report.study}'", expand=False)
    for column in ("file", "status", "participants", "segments", "note"):
        table.add_column(column)
    for item in report.sources:
        note = item.error or (f"same content as {item.duplicate_of}" if item.duplicate_of else "")
        if item.warnings and not note:
            note = "; ".join(item.warnings)
        table.add_row(
            item.file,
            Text(item.status.value, style=_STATUS_STYLE[item.status]),
            short_list(item.participants),
            str(item.segments),
            note,
        )
    console.print(table)
    failed = len(report.failed)
    done = len(report.sources) - failed
    console.print(f"{done} of {len(report.sources)} files done, {failed} failed.")
    for note in report.home_warnings:
        console.print(Text(f"Note: {note}."))


def sources(console: Console, study: str, items: Sequence[Source]) -> None:
    table = Table(title=f"Sources of study '{study}'")
    for column in ("file", "id", "kind", "participants", "segments", "added", "redacted"):
        table.add_column(column)
    for source in items:
        table.add_row(
            source.file_name,
            source.id[:12],
            source.kind.value,
            short_list(source.participants),
            str(source.segments),
            source.uploaded_at.strftime("%Y-%m-%d %H:%M"),
            "yes" if source.redacted else "no",
        )
    console.print(table)


def answer(console: Console, result: Answer) -> None:
    console.print(Text(result.answer, style="bold"))
    for number, citation in enumerate(result.citations, start=1):
        console.print(_quote(number, citation))


def _quote(number: int, citation: Citation) -> Text:
    text = Text(f"[{number}] ", style="dim")
    text.append(f"“{citation.quote}”")
    text.append(f"\n    — {citation.participant}, {citation.source}, {citation.location}", "dim")
    return text


def coverage(cov: Coverage) -> Text:
    model = f", model {cov.model}" if cov.model else ""
    return Text(
        f"Read {len(cov.sources)} sources from {len(cov.participants)} participants "
        f"({cov.segments_read} segments, {cov.segments_cited} cited, "
        f"{cov.quotes_dropped} quotes dropped by the verifier); engine {cov.engine}{model}.",
        style="dim",
    )


def _claims(title: str, claims: Iterable[Claim]) -> Group | None:
    rows: list[Text] = []
    for claim in claims:
        line = Text("• ")
        line.append(claim.text)
        if isinstance(claim, Feeling):
            line.append(f" ({claim.polarity:+.2f})", "dim")
        evidence = f"  [{claim.participants} participant{'s' if claim.participants != 1 else ''}"
        evidence += ", thin]" if claim.thin else "]"
        line.append(evidence, "yellow" if claim.thin else "dim")
        if not claim.supported:
            line.append("  unsupported", "red")
        if claim.status.value != "unreviewed":
            line.append(f"  {claim.status.value}", "cyan")
        rows.append(line)
        for citation in claim.citations[:2]:
            rows.append(Text(f"    “{citation.quote}” — {citation.participant}", "dim"))
    if not rows:
        return None
    return Group(Text(title, style="bold underline"), *rows)


def personas(console: Console, result: PersonaSet) -> None:
    console.print(coverage(result.coverage))
    for persona in result.personas:
        parts: list[Text | Group] = [Text(persona.summary)]
        for title, claims in (
            ("Goals", persona.goals),
            ("Pain points", persona.pain_points),
            ("Behaviours", persona.behaviours),
            ("Dissent", persona.dissent),
        ):
            group = _claims(title, claims)
            if group is not None:
                parts.append(group)
        subtitle = f"{persona.id} · {short_list(persona.participants)}"
        console.print(Panel(Group(*parts), title=persona.name, subtitle=subtitle))


def journey_map(console: Console, result: JourneyMap) -> None:
    who = result.persona_name or result.persona or "all participants"
    console.print(Text(f"Journey map of study '{result.study}' for {who}", style="bold"))
    console.print(render_actions.scope_text(result.scope))
    console.print(coverage(result.coverage))
    for stage in result.stages:
        if not stage.has_evidence:
            console.print(Panel(Text("No evidence for this stage.", "dim"), title=stage.name))
            continue
        bar = _emotion_bar(stage.emotion)
        parts: list[Text | Group] = [
            Text(f"emotion {stage.emotion:+.2f} {bar} ({stage.emotion_participants} participants)")
        ]
        for title, claims in (
            ("Actions", stage.actions),
            ("Thoughts", stage.thoughts),
            ("Feelings", stage.feelings),
            ("Pain points", stage.pain_points),
            ("Opportunities", stage.opportunities),
        ):
            group = _claims(title, claims)
            if group is not None:
                parts.append(group)
        parts.extend(render_actions.stage_extras(stage))
        console.print(Panel(Group(*parts), title=stage.name))


def _emotion_bar(score: float) -> str:
    filled = round(abs(score) * 5)
    return ("-" * filled).rjust(5) + "|" if score < 0 else "     |" + "+" * filled


def stages(console: Console, study: str, items: Sequence[Stage]) -> None:
    table = Table(title=f"Stages of study '{study}'")
    for column in ("id", "name", "description"):
        table.add_column(column)
    for stage in items:
        table.add_row(stage.id, stage.name, stage.description)
    console.print(table)


def review_report(console: Console, report: ReviewReport) -> None:
    console.print(
        f"Applied the review to study '{report.study}': {report.confirmed} confirmed, "
        f"{report.changed} to change, {report.removed} removed, {report.unreviewed} unreviewed"
        + (f", {len(report.unknown)} unknown claim ids" if report.unknown else "")
        + "."
    )
    if report.actions_applied or report.action_problems:
        console.print(f"Action plan: {report.actions_applied} rows read back.")
    for problem in report.action_problems:
        console.print(Text(problem, style="yellow"))
