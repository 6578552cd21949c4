"""The emotion curve as a PNG, drawn in memory with matplotlib's Agg canvas.

A stage with no evidence has no score: it is drawn as a gap in the line, never as a zero,
because a zero would read as "neutral" to a workshop audience.
"""

from __future__ import annotations

import io
import math
import textwrap
from typing import TYPE_CHECKING

from journeybot.core.models import StageInsight
from journeybot.exporters.bundle import signed

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_LINE = "#1F5F8B"
_MUTED = "#8A8F98"
_FLAG = "#B01E1E"  # a star marks a moment of truth


def stage_score(stage: StageInsight) -> float | None:
    """The stage's emotion, or None when nothing at that stage supports a score."""
    if not stage.has_evidence or stage.emotion_participants <= 0:
        return None
    return stage.emotion


def emotion_alt_text(stages: list[StageInsight]) -> str:
    """The chart in words, for screen readers and the document's alt text."""
    parts = []
    for stage in stages:
        score = stage_score(stage)
        if score is None:
            parts.append(f"{stage.name}: no evidence")
        else:
            flag = ", a moment of truth" if stage.moment_of_truth is not None else ""
            parts.append(f"{stage.name}: {signed(score)} (n={stage.emotion_participants}){flag}")
    return "Emotion curve by stage. " + "; ".join(parts) + "."


def emotion_curve_png(stages: list[StageInsight], *, width_in: float = 10.0) -> bytes:
    """Score per stage on -1..1 with a zero line; each point labelled with its n."""
    # Imported here: matplotlib is slow to import and only this function needs it.
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_in, 3.6), dpi=150)
    axes = figure.add_subplot()
    positions = list(range(len(stages)))
    scores = [stage_score(stage) for stage in stages]
    values = [math.nan if score is None else score for score in scores]
    axes.axhline(0.0, color=_MUTED, linewidth=0.8)
    axes.plot(positions, values, color=_LINE, linewidth=2.0, marker="o", markersize=6)
    for x, stage, score in zip(positions, stages, scores, strict=True):
        _annotate(axes, x, stage, score)
        if score is not None and stage.moment_of_truth is not None:
            axes.scatter([x], [score], s=260, marker="*", color=_FLAG, zorder=4)
    _style_axes(axes, stages)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _annotate(axes: Axes, x: int, stage: StageInsight, score: float | None) -> None:
    if score is None:
        axes.text(x, 0.06, "no evidence", ha="center", va="bottom", fontsize=8, color=_MUTED)
        return
    above = score < 0.75
    axes.annotate(
        f"{signed(score)}\nn={stage.emotion_participants}",
        (x, score),
        textcoords="offset points",
        xytext=(0, 9 if above else -11),
        ha="center",
        va="bottom" if above else "top",
        fontsize=8,
        color="#222222",
    )


def _style_axes(axes: Axes, stages: list[StageInsight]) -> None:
    labels = [textwrap.fill(stage.name, 14) for stage in stages]
    axes.set_xticks(range(len(stages)), labels, fontsize=9)
    axes.set_xlim(-0.5, len(stages) - 0.5)
    axes.set_ylim(-1.15, 1.15)
    axes.set_yticks([-1.0, -0.5, 0.0, 0.5, 1.0])
    axes.set_ylabel("Feeling (−1 to +1)", fontsize=9)
    axes.tick_params(axis="y", labelsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color="#E3E6EA", linewidth=0.6)
