"""Terminal rendering of results for people (``--json`` is for machines).

Kept apart from the command definitions so ``cli.py`` stays a thin parse-call-print layer.

Everything shown here that a user or a file supplied (study, file and participant names,
quotes, warnings, stage names) is text, never markup: it is passed as ``Text`` or through
``safe`` (Rich markup escaped), and control characters are replaced by spaces
(``printable``), so a participant called ``[/red]`` or a file name with a newline or a
terminal escape prints as itself and cannot break or restyle the output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from rich.console import Console, Group
from rich.markup import escape
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
from journeybot.service.records import StudySummary

#: C0 and C1 control characters, and the Unicode marks that reorder text on screen.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(value: object) -> str:
    """``value`` as one line of plain text: control characters become spaces."""
    return _CONTROL.sub(" ", str(value))


def safe(value: object) -> str:
    """``value`` made printable and escaped, for use inside a Rich markup string."""
    return escape(printable(value))


def safe_list(items: Sequence[str]) -> str:
    return safe(short_list(items))


def console() -> Console:
    """A console that prints user text as written (no ``:emoji:`` codes replaced)."""
    return Console(emoji=False)


#: Quotes a claim shows on the terminal; the rest are counted and named, never hidden.
QUOTES_SHOWN = 2

_STATUS_STYLE = {
    IngestStatus.INGESTED: "green",
    IngestStatus.DUPLICATE: "yellow",
    IngestStatus.ERROR: "red",
}


def skipped_files(console: Console, report: IngestReport) -> None:
    """Every file of a folder that was not read, by name, with its reason."""
    if not report.skipped:
        return
    console.print(f"Skipped {_files(len(report.skipped))} in the folder(s) given:")
    for item in report.skipped:
        console.print(Text(f"  {printable(item.file)}: {printable(item.reason)}"))


def ingest_report(console: Console, report: IngestReport) -> None:
    """A table of what was done, headed by what happened; failures alone get no table
    (their sentences go to stderr). A warning that several files share is printed once,
    under the table, naming the files, instead of in every row."""
    skipped_files(console, report)
    total, failed = len(report.sources), len(report.failed)
    done = total - failed
    if done == 0:
        console.print(
            f"Nothing was ingested into study '{safe(report.study)}': {_files(failed)} failed."
        )
        return
    shared = _shared_warnings(report)
    table = Table(title=_ingest_title(report, done), expand=False)
    for column in ("file", "status", "participants", "segments", "note"):
        table.add_column(column)
    for item in report.sources:
        note = item.error or (f"same content as {item.duplicate_of}" if item.duplicate_of else "")
        own = [w for w in item.warnings if w not in shared]
        if own and not item.error:
            note = "; ".join([note, *own] if note else own)
        table.add_row(
            safe(item.file),
            Text(item.status.value, style=_STATUS_STYLE[item.status]),
            safe_list(item.participants),
            str(item.segments),
            safe(note),
        )
    console.print(table)
    for item in report.sources:
        if item.roles:
            console.print(Text(f"{printable(item.file)}: {printable(item.roles)}", style="bold"))
        for entry in item.speakers:
            if entry.decided_by in ("conversation", "header", "key"):
                console.print(
                    Text(f"  {printable(entry.speaker)}: {entry.role.value}, {entry.reason}")
                )
    for line in report.proposals:
        console.print(Text(printable(line), style="yellow"))
    for warning, files in shared.items():
        console.print(f"Note for {_files(len(files))} ({safe_list(files)}): {safe(warning)}")
    console.print(f"{done} of {_files(total)} done, {failed} failed.")
    for note in report.home_warnings:
        console.print(f"Note: {safe(note)}.")


def _ingest_title(report: IngestReport, done: int) -> str:
    study = safe(report.study)
    new = sum(1 for item in report.sources if item.status is IngestStatus.INGESTED)
    if new == 0:
        return f"Nothing new for study '{study}': {_files(done)} already there"
    if done < len(report.sources):
        return f"Ingested {done} of {_files(len(report.sources))} into study '{study}'"
    return f"Ingested into study '{study}'"


def _files(count: int) -> str:
    return f"{count} file{'s' if count != 1 else ''}"


def _shared_warnings(report: IngestReport) -> dict[str, list[str]]:
    """Warnings given for more than one file, each with the files it was given for."""
    by_warning: dict[str, list[str]] = {}
    for item in report.sources:
        for warning in dict.fromkeys(item.warnings):
            by_warning.setdefault(warning, []).append(item.file)
    return {warning: files for warning, files in by_warning.items() if len(files) > 1}


def studies(console: Console, items: Sequence[StudySummary]) -> None:
    if not items:
        console.print("No studies yet; `journeybot ingest PATH... --study NAME` starts one.")
        return
    for summary in items:
        console.print(
            f"{safe(summary.study)}: {summary.sources} sources, "
            f"{len(summary.participants)} participants"
        )


def sources(console: Console, study: str, items: Sequence[Source]) -> None:
    table = Table(title=f"Sources of study '{safe(study)}'")
    for column in ("file", "id", "kind", "participants", "segments", "added", "redacted"):
        table.add_column(column)
    for source in items:
        table.add_row(
            safe(source.file_name),
            safe(source.id[:12]),
            source.kind.value,
            safe_list(source.participants),
            str(source.segments),
            source.uploaded_at.strftime("%Y-%m-%d %H:%M"),
            "yes" if source.redacted else "no",
        )
    console.print(table)


def answer(console: Console, result: Answer) -> None:
    """Each theme with its participant count, then its quotes; numbered across themes."""
    if not result.themes:
        console.print(Text(printable(result.answer), style="bold"))
    placed: set[int] = set()
    for theme in result.themes:
        people = f"{theme.participants} participant{'s' if theme.participants != 1 else ''}"
        console.print(Text(f"{printable(theme.label)}: {people}", style="bold"))
        for index in theme.citations:
            if index < len(result.citations):
                console.print(_quote(index + 1, result.citations[index]))
                placed.add(index)
    for index, citation in enumerate(result.citations):
        if index not in placed:
            console.print(_quote(index + 1, citation))


def _more_quotes(rest: Sequence[Citation]) -> list[Text]:
    """A line saying whose quotes the terminal left out: a claim "[3 participants]"
    showing two quotes must not look as if the third person were missing."""
    if not rest:
        return []
    people = short_list(list(dict.fromkeys(c.participant for c in rest)))
    count = f"{len(rest)} more quote{'s' if len(rest) != 1 else ''}"
    return [
        Text(
            f"    + {count}, from {printable(people)} (--json and the Word export show all)",
            "dim italic",
        )
    ]


def _quote(number: int, citation: Citation) -> Text:
    text = Text(f"[{number}] ", style="dim")
    text.append(f"“{printable(citation.quote)}”")
    where = f"{citation.attribution}, {citation.source}, {citation.location}"
    text.append(f"\n    — {printable(where)}", "dim")
    return text


def coverage(cov: Coverage) -> Text:
    model = f", model {cov.model}" if cov.model else ""
    return Text(
        f"Read {len(cov.sources)} sources from {len(cov.participants)} participants "
        f"({cov.segments_read} segments, {cov.segments_cited} cited, "
        f"{cov.quotes_dropped} quotes dropped by the verifier); "
        + printable(f"engine {cov.engine}{model}."),
        style="dim",
    )


def claims_block(title: str, claims: Iterable[Claim]) -> Group | None:
    rows: list[Text] = []
    for claim in claims:
        line = Text("• ")
        line.append(printable(claim.text))
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
        for citation in claim.citations[:QUOTES_SHOWN]:
            quoted = f"“{citation.quote}” — {citation.attribution}"
            rows.append(Text(f"    {printable(quoted)}", "dim"))
        rows.extend(_more_quotes(claim.citations[QUOTES_SHOWN:]))
    if not rows:
        return None
    return Group(Text(title, style="bold underline"), *rows)


def notes(console: Console, lines: Iterable[str]) -> None:
    """What a draft says about itself (a stage list that fits badly, why this many
    personas), printed under its coverage line."""
    for line in lines:
        if line.strip():
            console.print(Text(printable(f"Note: {line}"), style="yellow"))


def personas(console: Console, result: PersonaSet) -> None:
    console.print(coverage(result.coverage))
    reason = str(result.clustering.get("reason", ""))
    notes(console, [reason, *result.coverage.notes])
    for persona in result.personas:
        parts: list[Text | Group] = [Text(printable(persona.summary))]
        for title, claims in (
            ("Goals", persona.goals),
            ("Pain points", persona.pain_points),
            ("Behaviours", persona.behaviours),
            ("Dissent", persona.dissent),
        ):
            group = claims_block(title, claims)
            if group is not None:
                parts.append(group)
        subtitle = f"{safe(persona.id)} · {safe_list(persona.participants)}"
        console.print(Panel(Group(*parts), title=safe(persona.name), subtitle=subtitle))


def journey_map(console: Console, result: JourneyMap) -> None:
    who = result.persona_name or result.persona or "all participants"
    console.print(Text(printable(f"Journey map of study '{result.study}' for {who}"), style="bold"))
    console.print(render_actions.scope_text(result.scope))
    console.print(coverage(result.coverage))
    notes(console, result.coverage.notes)
    for stage in result.stages:
        if not stage.has_evidence:
            console.print(Panel(Text("No evidence for this stage.", "dim"), title=safe(stage.name)))
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
            group = claims_block(title, claims)
            if group is not None:
                parts.append(group)
        parts.extend(render_actions.stage_extras(stage))
        console.print(Panel(Group(*parts), title=safe(stage.name)))


def _emotion_bar(score: float) -> str:
    filled = round(abs(score) * 5)
    return ("-" * filled).rjust(5) + "|" if score < 0 else "     |" + "+" * filled


def stages(
    console: Console, study: str, items: Sequence[Stage], saved_from: Path | None = None
) -> None:
    if saved_from is not None:
        console.print(
            f"Saved the {len(items)} stages in {safe(saved_from)} as study '{safe(study)}''s "
            "stages."
        )
    table = Table(title=f"Stages of study '{safe(study)}'")
    for column in ("id", "name", "description"):
        table.add_column(column)
    for stage in items:
        table.add_row(safe(stage.id), safe(stage.name), safe(stage.description))
    console.print(table)


def stages_used(console: Console, study: str, stages_file: Path, *, saved: bool) -> None:
    """Say whether a ``--stages`` file changed the study or served this draft only."""
    if saved:
        console.print(f"Saved the stages in {safe(stages_file)} as study '{safe(study)}''s stages.")
    else:
        console.print(
            f"Drafted with the stages in {safe(stages_file)} this time only; study "
            f"'{safe(study)}' keeps "
            "its own (add --save to keep these)."
        )


def written(console: Console, path: Path) -> None:
    console.print(f"Wrote {safe(path.resolve())}")


def review_report(console: Console, report: ReviewReport) -> None:
    console.print(
        f"Applied the review to study '{safe(report.study)}': {report.confirmed} confirmed, "
        f"{report.changed} to change, {report.removed} removed, {report.unreviewed} unreviewed"
        + (f", {len(report.unknown)} unknown claim ids" if report.unknown else "")
        + "."
    )
    if report.actions_applied or report.action_problems:
        console.print(f"Action plan: {report.actions_applied} rows read back.")
    for problem in report.action_problems:
        console.print(Text(problem, style="yellow"))
