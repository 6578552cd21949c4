"""The map as pictures: the impact x feasibility chart of the action plan.

Drawn with matplotlib's Agg canvas in memory; matplotlib is imported inside each
function because it is slow to import and only exports need it.
"""

from __future__ import annotations

import io
import textwrap

from journeybot.core.models import ActionItem

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
