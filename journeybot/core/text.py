"""Text normalisation shared by ingestion (what is stored) and the citation verifier.

Both sides must agree on what "the same words" means, so the rule lives here once:
whitespace runs count as one space, curly quotes and dashes count as their plain forms,
and case matters (a quote is verbatim or it is not).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_WS = re.compile(r"\s+")

_QUOTE_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """Control characters (terminal escapes, bidi overrides) out; newlines and tabs kept.

    They are never speech, and in a name or file name they can rewrite a terminal line.
    """
    return _CONTROL_RE.sub(" ", text)


def clean_name(name: str) -> str:
    """A name or file name as shown and stored: no controls, no line breaks."""
    return collapse_whitespace(without_controls(name)) or "unnamed"


def collapse_whitespace(text: str) -> str:
    return _WS.sub(" ", text).strip()


def match_form(text: str) -> str:
    """The form two texts are compared in: NFC, plain quotes, single spaces."""
    return collapse_whitespace(unicodedata.normalize("NFC", text).translate(_QUOTE_MAP))


def _match_form_with_map(text: str) -> tuple[str, list[int]]:
    """``match_form`` plus, for each output char, the index of its source char."""
    out: list[str] = []
    index: list[int] = []
    pending_space = False
    for i, ch in enumerate(unicodedata.normalize("NFC", text)):
        mapped = ch.translate(_QUOTE_MAP)
        if mapped.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            index.append(i)
            pending_space = False
        for piece in mapped:
            out.append(piece)
            index.append(i)
    return "".join(out), index


def find_verbatim(quote: str, haystack: str) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``haystack`` under ``match_form``; ``None`` if nowhere.

    Returns offsets into ``haystack`` (NFC) so callers can cut the exact stored text.
    Only exact when ``haystack`` is already NFC, which ingestion guarantees.
    """
    needle = match_form(quote)
    if not needle:
        return None
    hay, index = _match_form_with_map(haystack)
    pos = hay.find(needle)
    if pos < 0:
        return None
    start = index[pos]
    end = index[pos + len(needle) - 1] + 1
    return start, end


def is_verbatim(quote: str, haystack: str) -> bool:
    needle = match_form(quote)
    return bool(needle) and needle in match_form(haystack)


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with "..." where it was longer:
    a column header or an answer named in a warning, not the whole of it."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def short_list(items: Sequence[str], limit: int = 8) -> str:
    """'a, b and c'; past ``limit`` items 'a, b, ... and 12 more', so a survey's five
    hundred respondents do not bury a summary (the full list stays in the draft)."""
    shown = list(items[:limit])
    hidden = len(items) - len(shown)
    if hidden > 0:
        return ", ".join(shown) + f" and {hidden} more"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]
