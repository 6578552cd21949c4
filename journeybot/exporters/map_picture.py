"""The map as pictures: the whole map on one landscape page (PNG for slides and
Slack, PDF for print), and the action plan's impact x feasibility chart.

Drawn with matplotlib's Agg canvas in memory; matplotlib is imported inside each
function because it is slow to import and only exports need it.
"""

from __future__ import annotations

import io
import math
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from journeybot.core.errors import ExportError
from journeybot.core.models import ActionItem, JourneyMap, StageInsight

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FEASIBILITY_X = {"low": 0.0, "medium": 1.0, "high": 2.0}
_INK = "#222222"
_DOT = "#1F5F8B"


def priority_chart_png(plan: list[ActionItem]) -> bytes:
    """Each opportunity with a feasibility: impact up, feasibility right (low..high)."""
    from matplotlib.figure import Figure

    placed = [(item, x) for item in plan if (x := _feasibility(item)) is not None]
    figure = Figure(figsize=(8.0, 4.5), dpi=150)
    axes = figure.add_subplot()
    top = max([item.impact for item, _ in placed] + [1.0]) * 1.2
    for number, (item, x) in enumerate(placed, start=1):
        jitter = ((number % 5) - 2) * 0.06
        axes.scatter([x + jitter], [item.impact], s=60, color=_DOT, zorder=3)
        label = textwrap.shorten(item.text, 40, placeholder="…")
        axes.annotate(
            label,
            (x + jitter, item.impact),
            xytext=(6, 4),
            textcoords="offset points",
            fontsize=7,
            color=_INK,
        )
    axes.set_xticks([0, 1, 2], ["Low", "Medium", "High"])
    axes.set_xlim(-0.5, 2.9)
    axes.set_ylim(0, top)
    axes.set_xlabel("Feasibility (the team's estimate)", fontsize=9)
    axes.set_ylabel("Impact (participants x strength)", fontsize=9)
    axes.axvline(1.0, color="#E3E6EA", linewidth=0.8)
    axes.axhline(top / 2.4, color="#E3E6EA", linewidth=0.8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _feasibility(item: ActionItem) -> float | None:
    value = (item.cells.feasibility or "").strip().lower()
    return FEASIBILITY_X.get(value.split()[0]) if value else None


# --- the map on one page --------------------------------------------------------------

PAGE_INCHES = (16.0, 9.0)  # a slide; the PDF is the same page, landscape
THEMES_SHOWN = 3
TOUCHPOINTS_SHOWN = 4
_EMPTY = "#F1F2F4"
_FLAG = "#B01E1E"
_MUTED = "#6B717A"


def map_png(journey: JourneyMap, *, dpi: int = 110) -> bytes:
    return _render(journey, "png", dpi)


def map_pdf(journey: JourneyMap) -> bytes:
    return _render(journey, "pdf", 72)


def write_map_picture(journey: JourneyMap, out: Path, fmt: str) -> Path:
    """The one-page map written to ``out`` (PNG or PDF), atomically."""
    body = map_pdf(journey) if fmt == "pdf" else map_png(journey)
    temporary = out.with_name(f".{out.name}.part")
    try:
        temporary.write_bytes(body)
        temporary.replace(out)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ExportError(
            f"Could not write {out}: {exc.strerror or exc}; check the folder is writable."
        ) from exc
    return out


def _render(journey: JourneyMap, fmt: str, dpi: int) -> bytes:
    from matplotlib.figure import Figure

    figure = Figure(figsize=PAGE_INCHES, dpi=dpi)
    grid = figure.add_gridspec(4, 1, height_ratios=[0.9, 2.4, 2.6, 1.4], hspace=0.08)
    stages = journey.stages
    layout = _Layout(len(stages))
    _title(figure, journey)
    head, curve, themes, channels = (figure.add_subplot(grid[i]) for i in range(4))
    for axes in (head, curve, themes, channels):
        axes.set_xlim(-0.5, max(len(stages), 1) - 0.5)
        _shade_empty(axes, stages)
    _headers(head, stages, layout)
    _curve(curve, stages, layout)
    _text_row(themes, "Top themes", [_themes(s) for s in stages], layout)
    _text_row(channels, "Touchpoints", [_touchpoints(s) for s in stages], layout)
    figure.subplots_adjust(left=0.07, right=0.99, top=0.9, bottom=0.02)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt)
    return buffer.getvalue()


class _Layout:
    """Type sizes and wrap widths that keep many stages legible."""

    def __init__(self, count: int) -> None:
        count = max(count, 1)
        self.name_size = 15 if count <= 5 else 12 if count <= 8 else 10
        self.text_size = 11 if count <= 5 else 9.5 if count <= 8 else 8
        column_points = PAGE_INCHES[0] * 0.9 / count * 72
        self.wrap = max(10, int(column_points / (self.text_size * 0.56)))
        self.name_wrap = max(8, int(column_points / (self.name_size * 0.7)))


def _title(figure: Figure, journey: JourneyMap) -> None:
    who = journey.persona_name or journey.scope.actor or "All participants"
    figure.text(
        0.07,
        0.965,
        f"{journey.study}: journey map ({who})",
        fontsize=15,
        fontweight="bold",
        color=_INK,
        va="top",
    )
    scope = journey.scope
    parts = [
        f"Scenario: {scope.scenario}" if scope.scenario else "",
        f"Goal: {scope.goal}" if scope.goal else "",
        f"{len(journey.coverage.participants)} participants, "
        f"{len(journey.coverage.sources)} sources",
    ]
    line = textwrap.shorten("   ·   ".join(p for p in parts if p), 190, placeholder="…")
    figure.text(0.07, 0.925, line, fontsize=10, color=_MUTED, va="top")


def _shade_empty(axes: Axes, stages: list[StageInsight]) -> None:
    axes.set_yticks([])
    axes.set_xticks([])
    for side in ("top", "right", "left", "bottom"):
        axes.spines[side].set_visible(False)
    for x, stage in enumerate(stages):
        if not stage.has_evidence:
            axes.axvspan(x - 0.48, x + 0.48, color=_EMPTY, zorder=0)
        if x:
            axes.axvline(x - 0.5, color="#E3E6EA", linewidth=0.8, zorder=0)


def _headers(axes: Axes, stages: list[StageInsight], layout: _Layout) -> None:
    axes.set_ylim(0, 1)
    for x, stage in enumerate(stages):
        shortened = textwrap.shorten(stage.name, layout.name_wrap * 2, placeholder="…")
        name = textwrap.fill(shortened, layout.name_wrap)
        axes.text(
            x,
            0.62,
            name,
            ha="center",
            va="center",
            fontsize=layout.name_size,
            fontweight="bold",
            color=_INK,
        )
        plural = "" if stage.segments == 1 else "s"
        note = f"{stage.segments} segment{plural}" if stage.has_evidence else "no evidence"
        axes.text(
            x, 0.08, note, ha="center", va="bottom", fontsize=layout.text_size - 1, color=_MUTED
        )


def _curve(axes: Axes, stages: list[StageInsight], layout: _Layout) -> None:
    scores = [
        s.emotion if s.has_evidence and s.emotion_participants > 0 else math.nan for s in stages
    ]
    axes.set_ylim(-1.35, 1.35)
    axes.axhline(0, color="#C9CDD2", linewidth=0.8)
    axes.plot(range(len(stages)), scores, color=_DOT, linewidth=2.2, marker="o", markersize=7)
    axes.text(-0.48, 1.25, "Feeling (−1 to +1)", fontsize=layout.text_size, color=_MUTED, va="top")
    for x, (stage, score) in enumerate(zip(stages, scores, strict=True)):
        if math.isnan(score):
            axes.text(x, 0.05, "no score", ha="center", fontsize=layout.text_size, color=_MUTED)
            continue
        label = f"{score:+.2f}  n={stage.emotion_participants}"
        below = score > 0.7
        axes.annotate(
            label,
            (x, score),
            xytext=(0, -16 if below else 12),
            textcoords="offset points",
            ha="center",
            va="top" if below else "bottom",
            fontsize=layout.text_size,
            color=_INK,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
            zorder=5,
        )
        if stage.moment_of_truth is not None:
            axes.scatter([x], [score], s=380, marker="*", color=_FLAG, zorder=4)
            axes.text(
                x,
                -1.3,
                "★ moment of truth",
                ha="center",
                va="bottom",
                fontsize=layout.text_size,
                color=_FLAG,
                fontweight="bold",
            )


def _text_row(axes: Axes, title: str, cells: list[list[str]], layout: _Layout) -> None:
    axes.set_ylim(0, 1)
    axes.text(
        -0.5,
        1.0,
        title,
        fontsize=layout.text_size + 1,
        fontweight="bold",
        color=_MUTED,
        va="bottom",
        transform=axes.transData,
    )
    for x, lines in enumerate(cells):
        body = "\n".join(textwrap.fill(line, layout.wrap) for line in lines) or "—"
        axes.text(
            x - 0.46,
            0.96,
            body,
            ha="left",
            va="top",
            fontsize=layout.text_size,
            color=_INK,
            linespacing=1.25,
        )


def _themes(stage: StageInsight) -> list[str]:
    claims = sorted(
        [*stage.pain_points, *stage.feelings, *stage.actions], key=lambda c: -c.participants
    )[:THEMES_SHOWN]
    return [f"• {textwrap.shorten(c.text, 70, placeholder='…')} ({c.participants})" for c in claims]


def _touchpoints(stage: StageInsight) -> list[str]:
    names = [f"{t.name} ({t.participants})" for t in stage.touchpoints[:TOUCHPOINTS_SHOWN]]
    switches = [" → ".join(s.channels) for s in stage.channel_switches[:2]]
    return [", ".join(names)] * bool(names) + [f"switch: {s}" for s in switches]
