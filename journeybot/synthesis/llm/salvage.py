"""Keeping the whole items of a JSON reply the output cap cut off.

A small model asked for a list writes items until it hits the cap on output tokens, so
its reply stops mid-item: ``{"findings": [{...}, {...}, {"stage": "pay``. Thrown away,
the whole part would be asked again and cut off again. Instead the reply is cut back to
the end of its last complete list item and the open brackets are closed; what is kept
is exactly what the model wrote, item for item, and still goes through the schema and
the verifier. Items cut short are never completed or guessed.
"""

from __future__ import annotations

import json
from typing import Any

_CLOSER = {"{": "}", "[": "]"}


def salvage_truncated(text: str) -> dict[str, Any] | None:
    """The object ``text`` starts, closed after its last complete list item, or ``None``.

    ``None`` when the object is complete (nothing to salvage), is not JSON, or has no
    complete list item. The cut at the shallowest list is preferred: it keeps whole
    top-level items rather than a deeper fragment of the first one.
    """
    start = text.find("{")
    if start < 0:
        return None
    cuts = _item_ends(text, start)
    if cuts is None:
        return None
    for end, still_open in sorted(cuts.values(), key=lambda cut: len(cut[1])):
        repaired = text[start:end] + "".join(_CLOSER[c] for c in reversed(still_open))
        try:
            value = json.loads(repaired)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
    return None


def _item_ends(text: str, start: int) -> dict[int, tuple[int, list[str]]] | None:
    """Per list depth, where its last complete item ends and which brackets are open
    there; ``None`` if the object closes (complete) or the brackets do not match."""
    stack: list[str] = []
    cuts: dict[int, tuple[int, list[str]]] = {}
    in_string = escaped = False
    for index in range(start, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
                if stack and stack[-1] == "[":  # a whole string item of a list
                    cuts[len(stack)] = (index + 1, list(stack))
            continue
        if char == '"':
            in_string = True
        elif char in _CLOSER:
            stack.append(char)
        elif char in "}]":
            if not stack or _CLOSER[stack.pop()] != char:
                return None
            if not stack:
                return None
            if stack[-1] == "[":
                cuts[len(stack)] = (index + 1, list(stack))
    return cuts
