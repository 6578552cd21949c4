"""Survey exports in the wide layout: one row per respondent, one column per question.

Survey tools export open-ended answers under their question ("What are the biggest pain
points for you?"), next to tick-box and multiple-choice columns. The written answers are
customer evidence; the choices are not quotable. A column counts as written answers when
its cells run to several words, a fair share of them to a sentence, and are mostly
different from each other: "Every year", "Python, R, Julia" picked from a list, a course
title or a web address is left out (and the warning says how many columns were), while a
sentence about nbgrader is read as that respondent's answer to that question.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from journeybot.core.models import Role
from journeybot.ingestion.building import RawTurn

#: Written answers run to at least this many words on average.
MIN_MEAN_WORDS = 4.0
#: ...at least this share of them run to a sentence's worth of words...
SENTENCE_WORDS = 8
MIN_SENTENCE_SHARE = 0.25
#: ...and at least this share of their comma-separated parts are unique in the column.
MIN_DISTINCT_SHARE = 0.6
#: A question header: ends with "?" or runs to this many words.
QUESTION_WORDS = 4

_WORD = re.compile(r"\w+")
_PARTS = re.compile(r"[,;\n]")
_LINKS_ONLY = re.compile(r"\s*(?:(?:https?://|www\.)\S+\s*)+")


@dataclass(frozen=True)
class SurveyLayout:
    """Where a wide survey export keeps who answered, when, and the written answers."""

    participant: int | None
    date: int | None
    questions: dict[int, str]  # column -> question text
    skipped: int  # question columns of short or repeated choices, not quoted


def survey_layout(
    headers: Sequence[str],
    body: Sequence[Sequence[str]],
    participant: int | None,
    date: int | None,
) -> SurveyLayout | None:
    """The layout if some question column holds written answers, else ``None``."""
    questions: dict[int, str] = {}
    skipped = 0
    for index, header in enumerate(headers):
        if index in (participant, date) or not _is_question(header):
            continue
        values = [row[index].strip() for row in body if index < len(row) and row[index].strip()]
        if _written_answers(values):
            questions[index] = " ".join(header.split())
        elif values:
            skipped += 1
    if not questions:
        return None
    return SurveyLayout(participant, date, questions, skipped)


def survey_turns(
    body: Sequence[tuple[int, Sequence[str]]],
    layout: SurveyLayout,
    dates: Sequence[str | None],
) -> tuple[list[RawTurn], list[str]]:
    """One turn per written answer, its question as the prompt, located by row and column."""
    turns: list[RawTurn] = []
    for (number, row), date in zip(body, dates, strict=True):
        who = cell(row, layout.participant) or f"Respondent {number}"
        for column, question in layout.questions.items():
            answer = cell(row, column)
            if answer and not _LINKS_ONLY.fullmatch(answer):
                where = f"row {number}, {_short(question)}"
                turns.append(RawTurn(who, answer, where, date, question, Role.PARTICIPANT))
    notes = [
        f"read as a survey export: written answers to {len(layout.questions)} question(s), "
        f"one participant per row"
    ]
    if layout.participant is None:
        notes.append("no respondent id column, so respondents are named by their row")
    if layout.skipped:
        notes.append(
            f"left out {layout.skipped} question column(s) whose answers are choices, "
            "names or links rather than written answers"
        )
    return turns, notes


def _is_question(header: str) -> bool:
    flat = " ".join(header.split())
    return flat.endswith("?") or len(_WORD.findall(flat)) >= QUESTION_WORDS


def _written_answers(values: Sequence[str]) -> bool:
    values = [v for v in values if not _LINKS_ONLY.fullmatch(v)]
    if not values:
        return False
    counts = [len(_WORD.findall(v)) for v in values]
    if statistics.fmean(counts) < MIN_MEAN_WORDS:
        return False
    if sum(count >= SENTENCE_WORDS for count in counts) / len(counts) < MIN_SENTENCE_SHARE:
        return False  # names, titles and labels: several words, but never a sentence
    parts = [p.strip().casefold() for v in values for p in _PARTS.split(v) if p.strip()]
    return len(set(parts)) / len(parts) >= MIN_DISTINCT_SHARE


def cell(row: Sequence[str], index: int | None) -> str:
    """A CSV cell, stripped; empty when the column is absent or the row is short."""
    return row[index].strip() if index is not None and index < len(row) else ""


def _short(header: str) -> str:
    return f"'{header}'" if len(header) <= 50 else f"'{header[:47]}...'"
