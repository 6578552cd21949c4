"""The action plan reads on an 80-column terminal: the opportunity keeps most of the width
and every cell of the team's is shown, nothing cut to an ellipsis."""

from __future__ import annotations

import io

from rich.console import Console
from syrupy.assertion import SnapshotAssertion

from journeybot.core.models import ActionCells, ActionItem
from journeybot.service.render_actions import action_plan

PLAN = [
    ActionItem(
        opportunity_id="getting-paid-oppo-c6362c30",
        stage="Invoicing and getting paid",
        text="How might we address this: it charges you for the failed one as well, a fee?",
        impact=2.12,
        impact_basis="3 participants, strongly negative",
        participants=3,
        suggested_metric="CES (effort hurts here)",
    ),
    ActionItem(
        opportunity_id="signing-up-oppo-f8c024e3",
        stage="Signing up and paying for the first subscription month",
        text="How might we address this: The money that came into the bank was less than "
        "the app said and I panicked?",
        impact=1.23,
        impact_basis="2 participants",
        participants=2,
        suggested_metric="CSAT at the app touchpoint",
        cells=ActionCells(
            feasibility="high", owner="Payments squad", metric="Refund tickets", due="2026-03-01"
        ),
    ),
]


def rendered(width: int) -> str:
    out = io.StringIO()
    action_plan(Console(file=out, width=width, emoji=False), "demo", PLAN)
    return out.getvalue()


def test_action_plan_at_80_columns(snapshot: SnapshotAssertion) -> None:
    page = rendered(80)
    assert page == snapshot
    assert max(len(line) for line in page.splitlines()) <= 80
    assert "…" not in page
    for cell in ("getting-paid-oppo-c6362c30", "Payments squad", "Refund tickets", "2026-03-01"):
        assert cell in page


def test_opportunity_text_is_not_a_word_per_line() -> None:
    lines = [line for line in rendered(80).splitlines() if line.startswith("│")]
    opportunity = [line.split("│")[3].strip() for line in lines]
    words = [len(text.split()) for text in opportunity if text]
    assert sum(words) / len(words) >= 5, opportunity
