"""Plain-text and Markdown transcripts: find the speaker labels, then the turns.

Labels are recognised in two passes: first every line that *could* start a turn is
noted, then only labels that recur (or are role words like "Interviewer") are kept. One
"Note:" or "Update:" inside an answer therefore stays part of the answer.

Some tools and typists put the speaker's name on a line of its own, the words below it
("Sarah Jones" / "Thanks for coming in.", "INTERVIEWER" / "How did it go?"). A file with
no other labels is read that way only when at least two such names each open a block of
text twice or more (or name a role) and one of them asks, as an interviewer does: read as
one participant's words instead, the interviewer's questions would be cited as the
participant's; read as speakers wrongly, a diary's "Monday" headings would be people.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from journeybot.core.models import Role, Transcript
from journeybot.core.text import short_list, shortened
from journeybot.ingestion.building import NOTES_SPEAKER, RawTurn, build_transcript, header_turn
from journeybot.ingestion.header import take_header
from journeybot.ingestion.label_lines import (
    BARE_TIME,
    WEAK_FORMS,
    Candidate,
    candidate,
    name_alone,
    without_cue_timings,
)
from journeybot.ingestion.labels import (
    label_role,
    looks_like_dialogue,
    participant_from_file_name,
)

#: Distinct names a standalone-label file needs: one alone is a heading, not a dialogue.
_ALONE_MIN_SPEAKERS = 2
_HEADING_RE = re.compile(r"^(?:#{1,6}\s+\S.*|#{1,6}|[=\-*_]{3,})$")
#: A tool's signature on its export, on a line of its own.
_TOOL_CREDIT = re.compile(
    r"^(?:(?:auto(?:matically|matic)?[- ]?)?(?:transcribed|transcription|transcript|"
    r"captions?|generated|created|exported|powered)(?: (?:was|were))?(?: (?:generated|"
    r"created|exported|produced|made))?(?: automatically)? (?:by|with|using|from) "
    r"(?:\S+://\S+|www\.\S+|[\w.]+\.(?:ai|com|io|app|co)\b\S*|"
    r"otter|rev|descript|trint|sonix|temi|zoom|teams|fireflies|fathom|grain|tactiq|"
    r"whisper|dovetail|happy ?scribe|notta|airgram|tl;?dv|microsoft teams)"
    r"(?:[\w.:/ -]{0,40})?\.?)$",
    re.IGNORECASE,
)
_TITLE_MAX_WORDS = 8
#: A file whose lines mostly open with a known label writes one turn per line.
LINE_TURN_SHARE = 0.6
LINE_TURNS_MIN = 4
_TERMINAL = tuple(".?!…,;:\"'”’)")
#: A line that finishes a sentence (not one that runs on after a comma or a colon).
_SENTENCE_END = tuple(mark for mark in _TERMINAL if mark not in ",;:")

_FRONT_MATTER_FENCE = "---"
_MD_CLEANUPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\{\{[<%].*?[%>]\}\}"), ""),
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>]*>"), " "),
    (re.compile(r"^\s*>\s?"), ""),
)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")


def read_plain_text(
    text: str,
    file_name: str,
    *,
    format: str,
    interviewers: Sequence[str] = (),
    markdown: bool = False,
    locate: Callable[[int], str] | None = None,
) -> Transcript:
    lines = text.split("\n")
    if markdown:
        lines = clean_markdown(lines)
    turns, warnings = parse_lines(
        lines,
        locate=locate or _line_number,
        markdown=markdown,
        participant=participant_from_file_name(file_name),
    )
    return build_transcript(
        turns, file_name=file_name, format=format, interviewers=interviewers, warnings=warnings
    )


def _line_number(index: int) -> str:
    return f"line {index + 1}"


def clean_markdown(lines: list[str]) -> list[str]:
    """Markup out, words kept; dropped lines become blank so line numbers still hold."""
    cleaned = list(lines)
    if cleaned and cleaned[0].strip() == _FRONT_MATTER_FENCE:
        closing = next(
            (i for i in range(1, len(cleaned)) if cleaned[i].strip() == _FRONT_MATTER_FENCE),
            None,
        )
        if closing is not None:
            cleaned[: closing + 1] = [""] * (closing + 1)
    for index, line in enumerate(cleaned):
        for pattern, replacement in _MD_CLEANUPS:
            line = pattern.sub(replacement, line)
        cleaned[index] = html.unescape(line)
    return cleaned


def parse_lines(
    lines: Sequence[str],
    *,
    locate: Callable[[int], str],
    markdown: bool = False,
    participant: str = "",
) -> tuple[list[RawTurn], list[str]]:
    """Turns from lines; ``locate`` names a line's place when it carries no timestamp.

    A header block at the top is taken out first and kept as a notes turn that carries
    what it says about the people in the session.
    """
    header, lines = take_header(lines)
    listed = header.participants()
    if len(listed) == 1:  # the name their words are filed under (``assign_speakers``)
        participant = listed[0].code or listed[0].name
    lines, credits = _without_credits(lines)
    turns, warnings = _body_turns(lines, locate=locate, markdown=markdown, participant=participant)
    if header:
        turns.insert(0, header_turn(header, locate(0)))
    if credits:
        shown = short_list([f"'{shortened(line, 60)}'" for line in credits])
        warnings.append(f"left out the transcription tool's credit line(s): {shown}")
    return turns, warnings


def _without_credits(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """Lines a transcription tool signs its export with ("Transcribed by
    https://otter.ai"), blanked so line numbers hold: left in, they ran on as the last
    speaker's words and were quoted as theirs."""
    kept = list(lines)
    credits = []
    for index, line in enumerate(lines):
        if _TOOL_CREDIT.match(line.strip()):
            credits.append(line.strip())
            kept[index] = ""
    return kept, credits


def _body_turns(
    lines: Sequence[str],
    *,
    locate: Callable[[int], str],
    markdown: bool,
    participant: str,
) -> tuple[list[RawTurn], list[str]]:
    written = lines
    lines, cue_starts = without_cue_timings(written)
    candidates = _weak_labels(
        {i: c for i, line in enumerate(lines) if (c := candidate(line.strip()))}
    )
    accepted = _accepted_labels(list(candidates.values()))
    if accepted or _every_paragraph_labelled(lines, candidates):
        accepted |= _paragraph_labels(lines, candidates)
        accepted |= _line_labels(lines, candidates, accepted)
    if not accepted:
        candidates = _standalone_labels(lines)
        accepted = {_key(found.label) for found in candidates.values()}
    if not accepted:  # a time alone on its line stays as written where no one is labelled
        lines = [
            w if BARE_TIME.match(w.strip()) else line
            for w, line in zip(written, lines, strict=True)
        ]
        turns = _paragraph_turns(lines, locate, markdown)
        return turns, [_unlabelled_warning(participant)] if turns else []
    for index, start in cue_starts.items():
        if index in candidates and candidates[index].timestamp is None:
            candidates[index] = replace(candidates[index], timestamp=start)
    return _labelled_turns(lines, candidates, accepted, locate, markdown)


def _standalone_labels(lines: Sequence[str]) -> dict[int, Candidate]:
    """Names alone on a line that open a block of text, kept when two or more speakers
    each recur (or name a role); otherwise none, and the file stays unlabelled."""
    found: dict[int, Candidate] = {}
    for index, raw in enumerate(lines):
        label = name_alone(raw)
        if label and _opens_block(lines, index):
            found[index] = Candidate(label=label, rest="", timestamp=None, form="alone")
    counts = Counter(_key(c.label) for c in found.values())
    speakers = {
        _key(c.label)
        for c in found.values()
        if counts[_key(c.label)] >= 2 or label_role(c.label) is not None
    }
    kept = {i: c for i, c in found.items() if _key(c.label) in speakers}
    if len(speakers) < _ALONE_MIN_SPEAKERS or not looks_like_dialogue(_blocks(lines, kept)):
        return {}
    return kept


def _blocks(lines: Sequence[str], labels: dict[int, Candidate]) -> list[tuple[str, str]]:
    """Each label's words: the lines up to the next label."""
    starts = sorted(labels)
    ends = [*starts[1:], len(lines)]
    return [
        (_key(labels[start].label), " ".join(lines[start + 1 : end]))
        for start, end in zip(starts, ends, strict=True)
    ]


def _opens_block(lines: Sequence[str], index: int) -> bool:
    """Starts a paragraph (after a blank line, a finished sentence or the title, as text
    taken from a PDF runs on without blank lines) and has words under it (after at most
    one blank line, as a Word paragraph per line leaves) that are not another name alone."""
    before = lines[index - 1].strip() if index > 0 else ""
    title = not any(line.strip() for line in lines[: max(index - 1, 0)])
    if before and not (before.endswith(_SENTENCE_END) or title or name_alone(before)):
        return False
    words = next((line.strip() for line in lines[index + 1 : index + 3] if line.strip()), "")
    return bool(words) and name_alone(words) is None


def _accepted_labels(candidates: list[Candidate]) -> set[str]:
    """Labels that recur or name a role; strong forms ride on a recurring sibling."""
    counts = Counter(_key(c.label) for c in candidates)
    accepted = {
        _key(c.label)
        for c in candidates
        if label_role(c.label) is not None or counts[_key(c.label)] >= 2
    }
    trusted_forms = (
        {c.form for c in candidates if _key(c.label) in accepted} - {"plain"} - WEAK_FORMS
    )
    accepted.update(_key(c.label) for c in candidates if c.form in trusted_forms)
    return accepted


def _weak_labels(candidates: dict[int, Candidate]) -> dict[int, Candidate]:
    """The candidates, with those of a weak form kept only where, in that form, two or
    more labels each recur and someone asks ("- **Interviewer:** ..." / "Q. ... A. ..."),
    or a label says a role. A list of terms and meanings ("- Servers: ...") is left as
    text, and so is a list of guests' hellos even when a guest speaks under their name
    later: the items after theirs would otherwise run on as their words."""
    kept = {i: c for i, c in candidates.items() if c.form not in WEAK_FORMS}
    for form in WEAK_FORMS:
        weak = {i: c for i, c in candidates.items() if c.form == form}
        if _a_conversation(list(weak.values())):
            kept.update(weak)
    return dict(sorted(kept.items()))


def _a_conversation(found: list[Candidate]) -> bool:
    counts = Counter(_key(c.label) for c in found)
    speakers = {
        _key(c.label)
        for c in found
        if counts[_key(c.label)] >= 2 or label_role(c.label) is not None
    }
    blocks = [(_key(c.label), c.rest) for c in found if _key(c.label) in speakers]
    return len(speakers) >= 2 and looks_like_dialogue(blocks)


def _paragraph_labels(lines: Sequence[str], candidates: dict[int, Candidate]) -> set[str]:
    """Once a file has real labels, a name label opening a paragraph counts even if the
    person speaks only once (a short interview, a partner's one interjection); a
    ``Name:`` in the middle of a paragraph still needs to recur."""
    return {
        _key(found.label)
        for index, found in candidates.items()
        if found.rest
        and found.form not in WEAK_FORMS
        and (index == 0 or not lines[index - 1].strip())
    }


def _line_labels(
    lines: Sequence[str], candidates: dict[int, Candidate], accepted: set[str]
) -> set[str]:
    """Where a file gives each turn its own line ('Sarah: ...' / 'Interviewer: ...'), a
    name that opens a line once is someone speaking once ('Dave: Sorry, is this room
    booked?'), not words of the speaker before: read as a label, the roles make a
    passer-by someone present, never quoted; merged, their words became the
    participant's."""
    written = [i for i, line in enumerate(lines) if line.strip()]
    opened = [i for i in written if i in candidates and _key(candidates[i].label) in accepted]
    if len(opened) < LINE_TURNS_MIN or len(opened) < LINE_TURN_SHARE * len(written):
        return set()
    return {_key(c.label) for c in candidates.values() if c.rest and c.form in ("plain", "bold")}


def _every_paragraph_labelled(lines: Sequence[str], candidates: dict[int, Candidate]) -> bool:
    """A short exchange ('Kit: Hi?' / 'Roz: ...'): two or more people, each paragraph
    opening with a label, is labelled even though no label recurs."""
    openings = [
        i for i, line in enumerate(lines) if line.strip() and (i == 0 or not lines[i - 1].strip())
    ]
    labels = {_key(candidates[i].label) for i in openings if i in candidates}
    return len(openings) >= 2 and len(labels) >= 2 and all(i in candidates for i in openings)


def _key(label: str) -> str:
    return " ".join(label.casefold().split())


def _labelled_turns(
    lines: Sequence[str],
    candidates: dict[int, Candidate],
    accepted: set[str],
    locate: Callable[[int], str],
    markdown: bool,
) -> tuple[list[RawTurn], list[str]]:
    """Lines after a label continue its turn until the next label or heading.

    Text that follows no label (a preamble, or a section after a heading) is kept as
    notes: it stays in the record but is nobody's evidence.
    """
    turns: list[RawTurn] = []
    current: RawTurn | None = None
    notes_lines = 0
    label_lines = {i for i, found in candidates.items() if _key(found.label) in accepted}
    for index, raw in enumerate(lines):
        line = raw.strip()
        found = candidates.get(index)
        if found is not None and _key(found.label) in accepted:
            location = found.timestamp or locate(index)
            current = RawTurn(found.label, _tidy(found.rest, markdown), location)
            turns.append(current)
        elif _HEADING_RE.match(line):
            current = None
        elif not line or (current is None and _is_title(lines, index, label_lines)):
            continue
        else:
            if current is None:
                current = RawTurn("", "", locate(index), role=Role.OTHER, speaker=NOTES_SPEAKER)
                turns.append(current)
            notes_lines += current.speaker == NOTES_SPEAKER
            current.add(_tidy(line, markdown))
    if not notes_lines:
        return turns, []
    warning = (
        f"kept {notes_lines} line(s) that follow no speaker label as notes, not as anyone's words"
    )
    return turns, [warning]


def _paragraph_turns(
    lines: Sequence[str], locate: Callable[[int], str], markdown: bool
) -> list[RawTurn]:
    """No labels at all: one speaker, one turn per paragraph."""
    turns: list[RawTurn] = []
    current: RawTurn | None = None
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line or _HEADING_RE.match(line):
            current = None
            continue
        if not turns and current is None and _is_title(lines, index):
            continue
        if current is None:
            current = RawTurn(label="", text="", location=locate(index))
            turns.append(current)
        current.add(_tidy(line, markdown))
    return turns


def _is_title(lines: Sequence[str], index: int, label_lines: Collection[int] = ()) -> bool:
    """A short, unpunctuated line standing alone, like 'Interview' or 'Session 3'."""
    line = lines[index].strip().rstrip("*_").strip()
    after = index + 1
    alone_after = after >= len(lines) or not lines[after].strip() or after in label_lines
    alone_before = index == 0 or not lines[index - 1].strip()
    return (
        alone_after
        and alone_before
        and len(line.split()) <= _TITLE_MAX_WORDS
        and not line.endswith(_TERMINAL)
    )


def _tidy(text: str, markdown: bool) -> str:
    if not markdown:
        return text
    return _MD_ITALIC.sub(r"\1", _MD_EMPHASIS.sub(r"\2", text))


def _unlabelled_warning(participant: str) -> str:
    return (
        f"no speaker labels were found, so all text was taken as the words of one "
        f"participant ({participant}); add labels like 'Interviewer:' if others speak"
    )
