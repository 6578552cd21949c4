"""What one LLM draft carries from step to step: refs, the verifier, budgets, versions.

A run is made per draft, so its verifier counts exactly that draft's dropped quotes and
its version map holds exactly the templates that draft used.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from journeybot.core.errors import (
    ContextOverflowError,
    DraftingError,
    ModelOutputError,
    ModelUnavailableError,
)
from journeybot.core.models import Citation, Segment
from journeybot.core.text import find_verbatim
from journeybot.prompts import PromptRenderer, RenderedPrompt
from journeybot.synthesis.llm.calls import StructuredCaller
from journeybot.synthesis.llm.chunks import Passage, RefTable, TokenCounter, pack_passages
from journeybot.synthesis.llm.schema import QuoteRef
from journeybot.synthesis.verify import CitationVerifier

_DIGITS = re.compile(r"(\d+)")
_END_PUNCTUATION = " .,;:!?\u2026"
X = TypeVar("X")
Y = TypeVar("Y")

#: Share of the context kept free for the model's answer, and its floor in tokens.
ANSWER_SHARE = 5
MIN_ANSWER_TOKENS = 256
#: Without the model's own tokenizer token counts are estimates, often short by a tenth
#: or more for small models' vocabularies: only this share of the estimate is filled.
ESTIMATE_HEADROOM = 0.8
#: How many times an overflowing part is halved before it is left out.
MAX_SHRINK = 2


def answer_tokens(context_tokens: int) -> int:
    """Tokens kept for the model's answer; also the cap on what it may write."""
    return max(MIN_ANSWER_TOKENS, context_tokens // ANSWER_SHARE)


class DraftRun:
    """One draft's state; the model calls themselves go through ``caller``."""

    def __init__(
        self,
        caller: StructuredCaller,
        segments: Sequence[Segment],
        *,
        context_tokens: int,
        concurrency: int = 1,
        permalinks: dict[str, str] | None = None,
    ) -> None:
        self.caller = caller
        self.segments = list(segments)
        self.refs = RefTable(self.segments)
        self.verifier = CitationVerifier(self.segments, permalinks)
        self.context_tokens = context_tokens
        self.concurrency = max(1, concurrency)
        self.claims_dropped = 0
        #: Single-participant claims not shown beside a stage's shared themes.
        self.single_voices_set_aside = 0
        #: Quotes cited from the shown passage that holds them, not the one the model named.
        self.quotes_moved = 0
        #: Parts of the evidence no usable reply came back for: named in the coverage.
        self.left_out: list[str] = []
        self.failures: list[str] = []
        self._versions: dict[str, str] = {}
        self._keys: dict[str, itertools.count[int]] = {}
        self._key_lock = threading.Lock()

    @property
    def renderer(self) -> PromptRenderer:
        return self.caller.renderer

    @property
    def counter(self) -> TokenCounter:
        return self.caller.counter

    def new_key(self, prefix: str) -> str:
        """The next id in a series (F1, F2... or I1, I2...), unique within the run."""
        with self._key_lock:
            counter = self._keys.setdefault(prefix, itertools.count(1))
            return f"{prefix}{next(counter)}"

    def prompt(self, name: str, /, **variables: Any) -> RenderedPrompt:
        rendered = self.renderer.render(name, **variables)
        self._use(rendered)
        return rendered

    def budget(self, frame: RenderedPrompt) -> int:
        """Tokens left for evidence in a prompt whose fixed part is ``frame``."""
        usable = self.context_tokens - answer_tokens(self.context_tokens)
        if not self.counter.uses_model:
            usable = int(usable * ESTIMATE_HEADROOM)
        fixed = self.counter.count(self.caller.system.text) + self.counter.count(frame.text)
        return usable - fixed

    def chunks(self, frame: RenderedPrompt) -> list[list[Passage]]:
        """Every segment of the run, packed to fit beside ``frame``."""
        self._versions["passages"] = self.renderer.version("passages")
        return pack_passages(
            self.segments, self.refs, budget=self.budget(frame), cost=self.passage_cost
        )

    def passage_cost(self, passage: Passage) -> int:
        return self.counter.count(self.renderer.fragment("passages", "passage", passage))

    def each(self, work: Callable[[X], Y], items: Iterable[X]) -> list[Y]:
        """``work`` over ``items`` in order, up to ``concurrency`` model calls at a time."""
        batch = list(items)
        if self.concurrency == 1 or len(batch) < 2:
            return [work(item) for item in batch]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(batch))) as pool:
            return list(pool.map(work, batch))

    def verify(
        self, quotes: Iterable[QuoteRef], shown: set[str], participant: str | None = None
    ) -> list[Citation]:
        """Verified citations for ``quotes``; unshown refs and others' words are dropped."""
        citations: list[Citation] = []
        seen: set[tuple[str, str]] = set()
        for proposed in quotes:
            seg_id = self.refs.segment_id(proposed.ref)
            if seg_id is None or seg_id not in shown:
                self.verifier.cite(f"unshown:{proposed.ref}", proposed.quote)
                continue
            seg = self._holder(proposed.quote, seg_id, shown, participant)
            if participant is not None and seg is not None and seg.participant != participant:
                self.verifier.dropped["other_participant"] += 1
                continue
            seg_id = seg.id if seg is not None else seg_id
            quote = proposed.quote if seg is None else fit_end(proposed.quote, seg.text)
            citation = self.verifier.cite(seg_id, quote)
            if citation is not None and (citation.segment_id, citation.quote) not in seen:
                seen.add((citation.segment_id, citation.quote))
                citations.append(citation)
        return citations

    def _holder(
        self, quote: str, seg_id: str, shown: set[str], participant: str | None
    ) -> Segment | None:
        """The segment to cite ``quote`` from: the one the model named or, when the quote
        is not there but word for word in another shown passage (of ``participant``, if
        given), that one. A weak model often pairs a real sentence with the wrong ref;
        the verifier still checks the quote against the segment returned."""
        named = self.verifier.segment(seg_id)
        if named is None or find_verbatim(quote, named.text) is not None:
            return named
        for other_id in sorted(shown):
            other = self.verifier.segment(other_id)
            if (
                other is not None
                and (participant is None or other.participant == participant)
                and find_verbatim(quote, other.text) is not None
            ):
                with self._key_lock:
                    self.quotes_moved += 1
                return other
        return named

    def notes(self) -> list[str]:
        """Coverage notes: what the verifier dropped and why, and the model's bill."""
        notes: list[str] = []
        if self.verifier.dropped_total:
            reasons = ", ".join(
                f"{count} {reason.replace('_', ' ')}"
                for reason, count in sorted(self.verifier.dropped.items())
            )
            notes.append(f"Quotes the model proposed that failed verification: {reasons}.")
        if self.left_out:
            notes.append(
                "Left out of this draft because the model gave no usable reply for them: "
                + "; ".join(self.left_out)
                + ". Their quotes were not read; draft again or use a stronger model."
            )
        if self.claims_dropped:
            notes.append(
                f"{self.claims_dropped} proposed finding(s) were left out because none of "
                "their quotes passed verification."
            )
        if self.quotes_moved:
            notes.append(
                f"{self.quotes_moved} quote(s) the model attributed to the wrong passage were "
                "cited from the passage that holds them word for word."
            )
        if self.single_voices_set_aside:
            notes.append(
                f"{self.single_voices_set_aside} single-participant finding(s) were not shown "
                "because their stage has themes two or more participants share."
            )
        usage = self.caller.meter.usage
        notes.append(
            f"Language model: {usage.calls} call(s) ({usage.retries} retried), about "
            f"{usage.input_tokens} input and {usage.output_tokens} output tokens."
        )
        return notes

    def leave_out(self, label: str, passages: Sequence[Passage], exc: DraftingError) -> None:
        who = natural_sorted({p.participant for p in passages})
        reason = (
            "too long for the context window"
            if isinstance(exc, ContextOverflowError)
            else ("the reply stayed unusable" if isinstance(exc, ModelOutputError) else str(exc))
        )
        with self._key_lock:
            self.failures.append(str(exc))
            self.left_out.append(
                f"{label} ({len(passages)} segments from {', '.join(who)}: {reason})"
            )

    @property
    def versions(self) -> dict[str, str]:
        """Every template this run rendered, name to version, for ``Coverage``."""
        return dict(sorted({**self.caller.versions, **self._versions}.items()))

    def _use(self, rendered: RenderedPrompt) -> None:
        self._versions[rendered.name] = rendered.version


def fit_end(quote: str, text: str) -> str:
    """``quote`` without the end punctuation a model added, if only that kept it out.

    "I had to call them." for a text that goes on "I had to call them, twice" is the
    participant's words with a full stop of the model's; the words alone are verbatim.
    Nothing else is forgiven: the verifier still checks every character that remains.
    """
    if find_verbatim(quote, text) is not None:
        return quote
    trimmed = quote.rstrip(_END_PUNCTUATION)
    return trimmed if trimmed and find_verbatim(trimmed, text) is not None else quote


def merge_citations(groups: Iterable[Sequence[Citation]]) -> list[Citation]:
    """Citations of several pieces of evidence, in order, each quote once."""
    merged: list[Citation] = []
    seen: set[tuple[str, str]] = set()
    for group in groups:
        for citation in group:
            key = (citation.segment_id, citation.quote)
            if key not in seen:
                seen.add(key)
                merged.append(citation)
    return merged


def condense(
    items: list[X],
    *,
    cost: Callable[[X], int],
    budget: int,
    merge: Callable[[list[X]], list[X]],
    what: str,
) -> list[X]:
    """Merge ``items`` in prompt-sized batches until all of them fit in ``budget``.

    The hierarchical half of map-reduce: nothing is cut, only merged. A round that
    does not shrink the items means the model is not merging, which is an error.
    """
    total = sum(cost(item) for item in items)
    while total > budget:
        batches = pack_items(items, cost=cost, budget=budget, what=what)
        merged = [out for batch in batches for out in merge(batch)]
        shrunk = sum(cost(item) for item in merged)
        if shrunk >= total:
            raise DraftingError(
                f"The language model did not shorten the {what} when asked to merge them, "
                "so they cannot fit in its context; raise JOURNEYBOT_LLM_CONTEXT_TOKENS or "
                "use the extractive engine."
            )
        items, total = merged, shrunk
    return items


def pack_items(
    items: Sequence[X], *, cost: Callable[[X], int], budget: int, what: str
) -> list[list[X]]:
    """``items`` in order, in batches whose summed ``cost`` stays within ``budget``."""
    batches: list[list[X]] = []
    current: list[X] = []
    used = 0
    for item in items:
        price = cost(item)
        if price > budget:
            raise DraftingError(
                f"One of the {what} is longer than the model's context allows; raise "
                "JOURNEYBOT_LLM_CONTEXT_TOKENS or use the extractive engine."
            )
        if current and used + price > budget:
            batches.append(current)
            current, used = [], 0
        current.append(item)
        used += price
    if current:
        batches.append(current)
    return batches


def natural_sorted(values: Iterable[str]) -> list[str]:
    """P2 before P10: runs of digits compare as numbers."""

    def key(value: str) -> list[tuple[int, int | str]]:
        return [
            (0, int(part)) if part.isdigit() else (1, part.lower())
            for part in _DIGITS.split(value)
            if part
        ]

    return sorted(values, key=key)


def each_part(
    run: DraftRun,
    step: str,
    chunks: Sequence[list[Passage]],
    ask: Callable[[str, list[Passage]], Y],
) -> list[tuple[list[Passage], Y]]:
    """Each chunk's reply. A chunk that overflows the context is halved and retried (twice
    at most); one whose reply stays unusable is left out and named in the coverage, so
    one bad part does not sink the draft. An unreachable model, or every part failing,
    still fails the draft: there would be nothing to show."""

    def one(indexed: tuple[int, list[Passage]]) -> list[tuple[list[Passage], Y]]:
        index, passages = indexed
        return _attempt(run, step, f"part {index + 1} of {len(chunks)}", passages, ask, 0)

    results = [pair for pairs in run.each(one, enumerate(chunks)) for pair in pairs]
    if chunks and not results:
        first = run.failures[0] if run.failures else "no reply"
        raise DraftingError(
            f"No part of the evidence could be drafted in the {step} step, so no draft was "
            f"made. First failure: {first}"
        )
    return results


def _attempt(
    run: DraftRun,
    step: str,
    label: str,
    passages: list[Passage],
    ask: Callable[[str, list[Passage]], Y],
    depth: int,
) -> list[tuple[list[Passage], Y]]:
    try:
        return [(passages, ask(f"{step} ({label})", passages))]
    except ModelUnavailableError:
        raise
    except ContextOverflowError as exc:
        if depth < MAX_SHRINK and len(passages) > 1:
            half = len(passages) // 2
            return [
                *_attempt(run, step, f"{label}, first half", passages[:half], ask, depth + 1),
                *_attempt(run, step, f"{label}, second half", passages[half:], ask, depth + 1),
            ]
        run.leave_out(label, passages, exc)
    except DraftingError as exc:
        run.leave_out(label, passages, exc)
    return []
