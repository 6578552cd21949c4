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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from journeybot.core.models import Role
from journeybot.core.text import shortened
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
#: How ticked options are joined in one cell: commas, semicolons, lines, " - " lists.
_OPTION_PARTS = re.compile(r"[,;\n]|\s+-\s+|^\s*-\s+")
#: A phrase this many respondents gave word for word is an option from a list.
PRESET_RESPONDENTS = 3


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
        if _written_answers(values) or _feelings_told(header, values):
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
    sieves = {
        column: _AnswerSieve([cell(row, column) for _, row in body], question)
        for column, question in layout.questions.items()
    }
    for (number, row), date in zip(body, dates, strict=True):
        who = cell(row, layout.participant) or f"Respondent {number}"
        for column, question in layout.questions.items():
            answer = cell(row, column)
            if answer and not _LINKS_ONLY.fullmatch(answer) and sieves[column].keeps(answer):
                where = f"row {number}, {_short(question)}"
                turns.append(RawTurn(who, answer, where, date, question, Role.PARTICIPANT))
    picked = [answer for sieve in sieves.values() for answer in sieve.options]
    copies = [answer for sieve in sieves.values() for answer in sieve.copies]
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
    if copies:
        notes.append(
            f"left out {len(copies)} answer(s) that repeat an earlier respondent's answer to "
            f"the same question word for word, such as '{shortened(copies[0], 60)}': "
            "the same submission sent again is one voice, not several"
        )
    if picked:
        notes.append(
            f"left out {len(picked)} answer(s) made only of options (phrases the question "
            f"lists, or that {PRESET_RESPONDENTS} or more respondents gave word for word, "
            f"such as '{shortened(picked[0], 60)}'): ticked from a list or 'N/A', not anyone's "
            "own words"
        )
    return turns, notes


class _AnswerSieve:
    """Which answers of one written column are someone's own words.

    The export of a tick-box question with an "Other" box puts the options people ticked
    in the same column as what they wrote, one option or several joined by commas,
    semicolons, lines or " - ". A phrase the question lists ("For example: - Debugging
    instrumentation ...") or ``PRESET_RESPONDENTS`` or more answers give word for word is
    such an option (or "N/A"); an answer made only of options is not quoted.
    A long answer given word for word more than once is one submission sent again: its
    first copy is kept. The two differ in how their phrases recur: an option turns up
    alone and in other combinations, a resent answer only ever whole."""

    def __init__(self, answers: Sequence[str], question: str) -> None:
        counts: Counter[str] = Counter()
        combinations: dict[str, set[str]] = {}
        for answer in (answer for answer in answers if answer):
            parts = set(_parts(answer))
            counts.update(parts)
            for part in parts:
                combinations.setdefault(part, set()).add(_flat(answer))
        self._listed = set(_parts(question))  # "For example: - Debugging ..." in the header
        self._presets = {part for part, count in counts.items() if count >= PRESET_RESPONDENTS}
        self._presets |= self._listed
        self._combined = {part for part, whole in combinations.items() if len(whole) > 1}
        self._seen: set[str] = set()
        self.options: list[str] = []
        self.copies: list[str] = []

    def keeps(self, answer: str) -> bool:
        parts = _parts(answer)
        long = len(_WORD.findall(answer)) >= SENTENCE_WORDS
        only_presets = bool(parts) and all(part in self._presets for part in parts)
        recurring = any(part in self._combined or part in self._listed for part in parts)
        if only_presets and (not long or recurring):
            self.options.append(answer)
            return False
        if long and _flat(answer) in self._seen:
            self.copies.append(answer)
            return False
        self._seen.add(_flat(answer))
        return True


def _parts(answer: str) -> list[str]:
    pieces = _OPTION_PARTS.split(answer)
    return [part.strip(" .-").casefold() for part in pieces if part.strip(" .-")]


def _flat(answer: str) -> str:
    return " ".join(answer.casefold().split())


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


#: A question about how someone felt ("How did you feel?", "What was your mood?").
_ASKS_FEELING = re.compile(r"\b(?:feel|feels|felt|feeling|feelings|mood|emotions?)\b", re.I)
#: Share of a feelings column's answers that must be told in words, not ticked.
MIN_WORDED_SHARE = 0.8


def _feelings_told(header: str, values: Sequence[str]) -> bool:
    """Short answers to a question about feelings, each in the person's own words
    ("Really fed up.", "Nervous but it went well."): the map's feelings row needs them,
    though they are shorter than written answers run. A scale or a list of moods to
    tick repeats its few options, and numbers are no words, so both stay out."""
    if not values or not _ASKS_FEELING.search(header):
        return False
    worded = [v for v in values if re.search(r"[^\W\d_]{2,}", v)]
    if len(worded) < MIN_WORDED_SHARE * len(values):
        return False
    distinct = {" ".join(_WORD.findall(v.casefold())) for v in worded}
    return len(distinct) / len(worded) >= MIN_DISTINCT_SHARE and len(worded) >= 2


def cell(row: Sequence[str], index: int | None) -> str:
    """A CSV cell, stripped; empty when the column is absent or the row is short."""
    return row[index].strip() if index is not None and index < len(row) else ""


def _short(header: str) -> str:
    return f"'{shortened(header, 50)}'"
