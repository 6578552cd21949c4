"""Every per-text memo of the sentence readers can be forgotten at once."""

from __future__ import annotations

import re
from pathlib import Path

import journeybot.synthesis
from journeybot.synthesis import memo


def test_forget_all_makes_a_memo_compute_again() -> None:
    calls: list[str] = []

    @memo.per_text(maxsize=8)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert shout("late again") == shout("late again") == "LATE AGAIN"
    assert calls == ["late again"]
    memo.forget_all()
    assert shout("late again") == "LATE AGAIN"
    assert calls == ["late again", "late again"]


def test_drafting_keeps_no_memo_the_benchmark_cannot_clear() -> None:
    """A ``functools`` cache made elsewhere would let a timed run reuse the one before."""
    root = Path(journeybot.synthesis.__file__).parent
    stray = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if path.name != "memo.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"\blru_cache\(", line)
    ]
    assert stray == []
