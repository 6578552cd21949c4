"""Unclosed quotes in CSV exports: found and closed before the CSV is read.

A cell that opens a quote and never closes it makes the csv module swallow every
following line into that one cell, so one broken row silently merged the next entries
into it. A quoted cell may legitimately run over several lines, so a line only ends a
broken cell when the next line reads as a row of its own: the header's number of cells,
and a short first cell (an id or a date, not continued prose).
"""

from __future__ import annotations

import csv


def close_unclosed_quotes(text: str, delimiter: str) -> tuple[str, list[int]]:
    """The text with broken quotes closed at their line's end, and those line numbers."""
    lines = text.split("\n")
    widths = [_width(line, delimiter) for line in lines]
    header = next((w for w in widths if w > 1), 0)
    fixed: list[int] = []
    open_quote = False
    for number, line in enumerate(lines):
        was_open = open_quote
        open_quote = _toggles(line) != was_open
        if not open_quote or number + 1 >= len(lines):
            continue
        following = lines[number + 1]
        if widths[number + 1] == header and _starts_a_row(following, delimiter):
            lines[number] = line + '"'
            fixed.append(number + 1)
            open_quote = False
    return "\n".join(lines), fixed


def _toggles(line: str) -> bool:
    """Whether the line leaves a quoted cell open (an odd number of quote marks)."""
    return line.count('"') % 2 == 1


def _width(line: str, delimiter: str) -> int:
    if line.count('"') % 2:
        return 0
    rows = list(csv.reader([line], delimiter=delimiter))
    return len(rows[0]) if rows else 0


def _starts_a_row(line: str, delimiter: str) -> bool:
    """A row begins with a value in its first cell, not with continued prose."""
    first = line.split(delimiter, 1)[0]
    return bool(first.strip()) and first == first.lstrip() and len(first.split()) <= 3
