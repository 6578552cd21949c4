"""The Word draft's action layer: scope on the cover, per-stage touchpoints, channel
switches, expectation gaps and moments of truth, and the action plan a lead fills in.

The action-plan table's header row is what ``read_action_plan`` looks for, so its
wording lives in ``ACTION_HEADERS`` and is shared with the reader.
"""

from __future__ import annotations

import io

from docx.document import Document as DocumentObject
from docx.shared import Cm, Emu, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from journeybot.core.models import ActionItem, Citation, StageInsight
from journeybot.exporters.bundle import (
    EvidenceIndex,
    ExportBundle,
    clean_text,
    participants_label,
)
from journeybot.exporters.docx_claims import evidence_anchor, write_claim
from journeybot.exporters.docx_kit import (
    ALERT,
    MUTED,
    WARN,
    add_body_row,
    add_link,
    add_run,
    cell_paragraph,
    headed_table,
    shade,
    text_width,
)
from journeybot.exporters.identity import ACTION_HEADERS

TABLE_FONT = 8.5
INPUT_FILL = "FFF8E1"  # the same pale yellow as the validation table's input cells


def write_scope(document: DocumentObject, bundle: ExportBundle) -> None:
    """Actor, scenario and goal, on the cover under the coverage statement."""
    scope = bundle.journey.scope
    for label, value, hint in (
        ("Actor", scope.actor, "all participants"),
        ("Scenario", scope.scenario, "not set yet (journeybot scope --scenario ...)"),
        ("Goal", scope.goal, "not set yet (journeybot scope --goal ...)"),
    ):
        paragraph = document.add_paragraph()
        add_run(paragraph, f"{label}: ", bold=True)
        if value:
            add_run(paragraph, clean_text(value))
        else:
            add_run(paragraph, hint, italic=True, color=MUTED)


def write_stage_extras(
    document: DocumentObject, bundle: ExportBundle, index: EvidenceIndex
) -> None:
    document.add_heading("Touchpoints, expectations and moments of truth", level=2)
    for stage in bundle.journey.stages:
        _write_stage(document, stage, index)


def _write_stage(document: DocumentObject, stage: StageInsight, index: EvidenceIndex) -> None:
    flag = stage.moment_of_truth
    title = f"{clean_text(stage.name)}{'  ★ Moment of truth' if flag else ''}"
    document.add_heading(title, level=3)
    if flag is not None:
        paragraph = document.add_paragraph()
        add_run(paragraph, "Moment of truth. ", bold=True, color=ALERT)
        add_run(paragraph, clean_text(flag.reason))
        _cite(paragraph, flag.citations, index)
    paragraph = document.add_paragraph()
    add_run(paragraph, "Touchpoints: ", bold=True)
    if not stage.touchpoints:
        add_run(paragraph, "none mentioned", italic=True, color=MUTED)
    for number, touchpoint in enumerate(stage.touchpoints):
        add_run(paragraph, ("; " if number else "") + clean_text(touchpoint.name))
        add_run(paragraph, f" ({participants_label(touchpoint.participants)})", color=MUTED)
        _cite(paragraph, touchpoint.citations, index)
    for switch in stage.channel_switches:
        paragraph = document.add_paragraph(style="List Bullet")
        add_run(paragraph, "Channel switch (friction): ", bold=True, color=WARN)
        add_run(paragraph, f"{' → '.join(switch.channels)}, {clean_text(switch.participant)}")
        _cite(paragraph, [switch.citation], index)
    for gap in stage.expectation_gaps:
        paragraph = document.add_paragraph(style="List Bullet")
        add_run(paragraph, "Expectation gap. ", bold=True)
        write_claim(paragraph, gap.expected, index)
        add_run(paragraph, " — ")
        write_claim(paragraph, gap.experienced, index)


def _cite(paragraph: Paragraph, citations: list[Citation], index: EvidenceIndex) -> None:
    for number in index.numbers(citations):
        add_run(paragraph, " ")
        add_link(paragraph, f"[{number}]", anchor=evidence_anchor(number))


def write_action_plan(document: DocumentObject, bundle: ExportBundle) -> None:
    heading = document.add_heading("Action plan", level=1)
    heading.paragraph_format.page_break_before = True
    _write_plan_instructions(document)
    plan = bundle.journey.action_plan
    if not plan:
        add_run(document.add_paragraph(), "This draft carries no action plan.", italic=True)
        return
    width = text_width(document.sections[-1])
    fixed = [Cm(3.4), Cm(2.2), Cm(2.8), Cm(2.5), Cm(2.8), Cm(2.8), Cm(2.3)]
    widths = [fixed[0], width - sum(fixed), *fixed[1:]]
    table = headed_table(document, widths, ACTION_HEADERS, size=TABLE_FONT + 0.5)
    for item in plan:
        _write_plan_row(add_body_row(table, widths), item)
    if any(item.cells.feasibility for item in plan):
        _write_priority_chart(document, plan, width)


def _write_plan_instructions(document: DocumentObject) -> None:
    paragraph = document.add_paragraph()
    add_run(paragraph, "How to use it. ", bold=True)
    add_run(
        paragraph,
        "Opportunities are sorted by impact: participants affected times how strongly they "
        "feel (the mean absolute feeling of their quotes, 0 to 1; both are under each "
        "figure). Fill in the yellow cells: Feasibility (High, "
        "Medium or Low), Owner, Metric (the suggestion fits the stage: CES where effort "
        "hurts, CSAT at a touchpoint, NPS for the relationship) and Due date (YYYY-MM-DD). "
        "Send the file back with journeybot validate; your cells carry over to later drafts.",
    )
    paragraph.paragraph_format.space_after = Pt(4)


def _write_plan_row(cells: tuple[_Cell, ...], item: ActionItem) -> None:
    add_run(cell_paragraph(cells[0], first=True), item.opportunity_id, size=TABLE_FONT)
    text = cell_paragraph(cells[1], first=True)
    add_run(text, clean_text(item.text), size=TABLE_FONT)
    add_run(text, f" · {item.stage}", color=MUTED, size=TABLE_FONT)
    impact = cell_paragraph(cells[2], first=True)
    add_run(impact, f"{item.impact:.2f}", bold=True, size=TABLE_FONT)
    basis = cell_paragraph(cells[2], first=False)
    add_run(basis, _compact_basis(item), color=MUTED, size=TABLE_FONT - 1)
    add_run(cell_paragraph(cells[3], first=True), item.suggested_metric, size=TABLE_FONT)
    values = (item.cells.feasibility, item.cells.owner, item.cells.metric, item.cells.due)
    for cell, value in zip(cells[4:], values, strict=True):
        shade(cell, INPUT_FILL)
        add_run(cell_paragraph(cell, first=True), clean_text(value or ""), size=TABLE_FONT)


def _compact_basis(item: ActionItem) -> str:
    """ "3 people × 0.62": the full basis is in the JSON and under ``journeybot actions``."""
    if item.participants <= 0:
        return clean_text(item.impact_basis)
    people = "person" if item.participants == 1 else "people"
    return f"{item.participants} {people} × {item.impact / item.participants:.2f}"


def _write_priority_chart(document: DocumentObject, plan: list[ActionItem], width: int) -> None:
    from journeybot.exporters.map_picture import priority_chart_png

    document.add_heading("Impact and feasibility", level=2)
    png = priority_chart_png(plan)
    shape = document.add_picture(io.BytesIO(png), width=min(width, Emu(914400 * 8)))
    shape._inline.docPr.set("descr", "Opportunities by impact (up) and feasibility (right).")


def write_map_picture(document: DocumentObject, bundle: ExportBundle, width: int) -> None:
    """The one-page picture of the map, opening the map section."""
    from journeybot.exporters.map_picture import map_png

    journey = bundle.journey
    if not journey.stages:
        return
    shape = document.add_picture(io.BytesIO(map_png(journey)), width=width)
    flagged = [s.name for s in journey.stages if s.moment_of_truth is not None]
    alt = f"The journey map of {journey.study} on one page: {len(journey.stages)} stages"
    alt += f"; moments of truth at {', '.join(flagged)}." if flagged else "."
    shape._inline.docPr.set("descr", clean_text(alt))
