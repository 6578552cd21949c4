"""PII redaction before anything is embedded or stored.

Transcripts are full of numbers that are evidence (prices, years, counts, versions,
timestamps) and a few that are personal (phones, cards, accounts). Patterns are anchored
on the shapes of the personal ones, and cards and IBANs must pass their checksums, so
"30 or 40 features" and "version 10.4.1" stay as said.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from journeybot.core.models import Transcript
from journeybot.ingestion.building import assemble
from journeybot.ingestion.labels import natural_order

PLACEHOLDERS = {
    "email": "[EMAIL]",
    "card": "[CARD]",
    "account": "[ACCOUNT]",
    "phone": "[PHONE]",
    "address": "[ADDRESS]",
    "ssn": "[SSN]",
    "ni_number": "[NI_NUMBER]",
    "dob": "[DATE_OF_BIRTH]",
    "name": "[NAME]",
}
_STREET_TYPES = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Place|Pl|Court|Ct|"
    "Close|Crescent|Terrace|Parkway|Pkwy|Square|Sq|Gardens|Grove|Row|Mews|Walk|Highway|Hwy"
)
_US_STATES = frozenset(
    {
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "PR",
    }
)


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    valid: Callable[[re.Match[str]], bool] = lambda match: True
    group: str | int = 0


def _luhn(match: re.Match[str]) -> bool:
    digits = [int(ch) for ch in match.group(0) if ch.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _iban(match: re.Match[str]) -> bool:
    compact = match.group(0).replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    rotated = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rotated)
    return int(number) % 97 == 1


def _phone_digits(match: re.Match[str]) -> bool:
    return 9 <= sum(ch.isdigit() for ch in match.group(0)) <= 15


def _us_state(match: re.Match[str]) -> bool:
    return match.group("state") in _US_STATES


def _ssn(match: re.Match[str]) -> bool:
    """Never issued: area 000, 666 or 900-999, group 00, serial 0000."""
    area, group, serial = match.group("area"), match.group("group"), match.group("serial")
    return area not in {"000", "666"} and area[0] != "9" and group != "00" and serial != "0000"


def _ni_prefix(match: re.Match[str]) -> bool:
    return match.group("prefix").upper() not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


_EMAIL_RE = re.compile(r"\b[\w.+%-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_CARD_RE = re.compile(
    r"(?<![\d.,:/-])(?:\d{13,19}"
    r"|\d{4}(?P<sep>[ -])\d{4}(?P=sep)\d{4}(?P=sep)\d{1,4}(?:(?P=sep)\d{1,3})?"
    r"|\d{4}(?P<sep6>[ -])\d{6}(?P=sep6)\d{4,5})(?!\d)(?![.,:/]\d)"
)
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_SORT_CODE_AND_ACCOUNT_RE = re.compile(
    r"\b(?:sort code:?\s*)?\d{2}-\d{2}-\d{2}[,;]?\s+"
    r"(?:(?:account|acct)\.?\s*(?:number|no\.?|#)?:?\s*)?\d{8}\b",
    re.IGNORECASE,
)
_SORT_CODE_RE = re.compile(r"(?i:\bsort code:?\s*)(?P<num>\d{2}-\d{2}-\d{2})\b")
_ACCOUNT_NUMBER_RE = re.compile(
    r"(?i:\b(?:account|acct|a/c)\.?\s*(?:number|no\.?|num|#)?\s*(?:is|was|:)?\s*)"
    r"(?P<num>\d(?:[ -]?\d){5,16})\b"
)
_INTERNATIONAL_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[ .\-]?(?:\(0?\d{1,4}\)[ .\-]?)?"
    r"\d{1,4}(?:[ .\-]?\d{2,4}){1,4}(?![\d.,:]\d|\w)"
)
_UK_PHONE_RE = re.compile(
    r"(?<![\w.,:/-])\(?0\d{2,4}\)?[ \-]?\d{3,4}[ \-]?\d{3,4}(?![\d.,:/]\d|\w)"
)
_US_PHONE_RE = re.compile(
    r"(?<![\w.,:/$£€-])(?:\([2-9]\d{2}\) ?[2-9]\d{2}[ .\-]"
    r"|[2-9]\d{2}(?P<sep>[.\-])[2-9]\d{2}(?P=sep))\d{4}(?![\d.,:/]\d|\w)"
)
_STREET_RE = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'’\-]+\s+){{1,4}}(?:{_STREET_TYPES})\b\.?"
)
_UK_POSTCODE_RE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b")
_US_CITY_ZIP_RE = re.compile(
    r"\b[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+){0,2}, (?P<state>[A-Z]{2}) \d{5}(?:-\d{4})?\b"
)

_SSN_RE = re.compile(
    r"(?<![\d-])(?P<area>\d{3})(?P<sep>[- ])(?P<group>\d{2})(?P=sep)(?P<serial>\d{4})(?![\d-])"
)
# HMRC: first letter not D F I Q U V, second not D F I O Q U V; suffix A-D.
_NI_RE = re.compile(
    r"\b(?P<prefix>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH},? \d{{4}}"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|{_MONTH},? \d{{4}})"
)
# A date is a date of birth when a birth cue stands just before it.
_DOB_RE = re.compile(
    rf"(?i:\b(?:date of birth|d\.?o\.?b\.?|birth ?date|birthday|born)\b"
    rf"(?:\s*(?:is|was|on|in|:|-|,))*\s*)(?P<date>{_DATE})",
)

#: In priority order: an earlier rule's match is never re-read by a later one.
_RULES: tuple[_Rule, ...] = (
    _Rule("email", _EMAIL_RE),
    _Rule("dob", _DOB_RE, group="date"),
    _Rule("ssn", _SSN_RE, _ssn),
    _Rule("ni_number", _NI_RE, _ni_prefix),
    _Rule("card", _CARD_RE, _luhn),
    _Rule("account", _IBAN_RE, _iban),
    _Rule("account", _SORT_CODE_AND_ACCOUNT_RE),
    _Rule("account", _SORT_CODE_RE, group="num"),
    _Rule("account", _ACCOUNT_NUMBER_RE, group="num"),
    _Rule("phone", _INTERNATIONAL_PHONE_RE, _phone_digits),
    _Rule("phone", _UK_PHONE_RE, _phone_digits),
    _Rule("phone", _US_PHONE_RE),
    _Rule("address", _STREET_RE),
    _Rule("address", _UK_POSTCODE_RE),
    _Rule("address", _US_CITY_ZIP_RE, _us_state),
)
_NAME_WORD_RE = re.compile(r"\b[A-Z][a-z][A-Za-z'’\-]*\b")
_PARENTHETICAL_RE = re.compile(r"\([^)]*\)")
#: Labels such as "Participant 2" or "Speaker One" name a role, not a person.
_ROLE_WORDS = frozenset(
    {
        "participant",
        "interviewer",
        "speaker",
        "moderator",
        "researcher",
        "facilitator",
        "guest",
        "user",
        "respondent",
        "host",
        "observer",
        "note",
        "taker",
        "unknown",
        "customer",
    }
)
_ADDRESS_GAP_RE = re.compile(r"^[,\s]*(?:[A-Z][a-zA-Z'’\-]+[,\s]+){0,3}$")


def redact_text(text: str) -> tuple[str, Counter[str]]:
    """Text with PII replaced by typed placeholders, and how many of each kind."""
    spans = _merge_addresses(_find_spans(text), text)
    counts: Counter[str] = Counter(kind for _, _, kind in spans)
    pieces: list[str] = []
    cursor = 0
    for start, end, kind in spans:
        pieces.extend((text[cursor:start], PLACEHOLDERS[kind]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), counts


def _find_spans(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping spans; earlier rules win, so a card is never also a phone."""
    spans: list[tuple[int, int, str]] = []
    for rule in _RULES:
        for match in _valid_matches(rule, text):
            start, end = match.span(rule.group)
            if any(start < other_end and other_start < end for other_start, other_end, _ in spans):
                continue
            spans.append((start, end, rule.kind))
    return sorted(spans)


def _valid_matches(rule: _Rule, text: str) -> list[re.Match[str]]:
    """Like ``finditer``, but a match that fails its check is retried one character on.

    "2023 4111 1111 1111 1111" first matches from the year and fails the card checksum;
    the real card inside it must still be found.
    """
    found: list[re.Match[str]] = []
    position = 0
    while (match := rule.pattern.search(text, position)) is not None:
        if rule.valid(match):
            found.append(match)
            position = max(match.end(), position + 1)
        else:
            position = match.start() + 1
    return found


def _merge_addresses(spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """'221B Baker Street, London NW1 6XE' is one address, not two and a city."""
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if merged and kind == "address" and merged[-1][2] == "address":
            gap = text[merged[-1][1] : start]
            if _ADDRESS_GAP_RE.match(gap):
                merged[-1] = (merged[-1][0], end, kind)
                continue
        merged.append((start, end, kind))
    return merged


def redact_transcript(transcript: Transcript, known_names: Sequence[str] = ()) -> Transcript:
    """A copy with PII out of every utterance; offsets rebuilt, content hash kept.

    People the study knows by full name (multi-word speaker labels, plus ``known_names``
    from headers or a roster) lose their surnames: "[NAME]" in what anyone said, an
    initial in the label ("Tom Bradley" -> "Tom B."), so first names still tell people
    apart in outputs.
    """
    surnames = known_surnames([*(u.label for u in transcript.utterances), *known_names])
    utterances = []
    for utt in transcript.utterances:
        text, _ = redact_text(utt.text)
        label, label_counts = redact_text(natural_order(utt.label))
        speaker = natural_order(utt.speaker)
        speaker = _pseudonym(speaker) if label_counts or _has_pii(speaker) else speaker
        update = {
            "text": redact_names(text, surnames),
            "label": initial_surnames(label, surnames),
            "speaker": initial_surnames(speaker, surnames),
        }
        utterances.append(utt.model_copy(update=update))
    canonical, placed = assemble(utterances)
    return transcript.model_copy(
        update={
            "text": canonical,
            "utterances": placed,
            "redacted": True,
            "warnings": list(transcript.warnings),
        }
    )


def known_surnames(names: Iterable[str]) -> frozenset[str]:
    """Every capitalised word after the first of a full name ("Gareth Pryce (Guest)"),
    read in natural order ("Pryce, Gareth" is Gareth Pryce)."""
    found: set[str] = set()
    for name in names:
        words = _NAME_WORD_RE.findall(_PARENTHETICAL_RE.sub(" ", natural_order(name.strip())))
        if len(words) >= 2 and not _ROLE_WORDS.intersection(w.casefold() for w in words):
            found.update(word for word in words[1:] if len(word) > 1)
    return frozenset(found)


def redact_names(text: str, surnames: frozenset[str]) -> str:
    if not surnames:
        return text
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(surnames))) + r")\b")
    return pattern.sub(PLACEHOLDERS["name"], text)


def initial_surnames(name: str, surnames: frozenset[str]) -> str:
    if not surnames:
        return name
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(surnames))) + r")\b")
    return pattern.sub(lambda match: f"{match.group(0)[0]}.", name)


def _has_pii(value: str) -> bool:
    return bool(redact_text(value)[1])


def _pseudonym(value: str) -> str:
    """A stable stand-in for an id that is itself personal (an e-mail as participant id)."""
    return "participant-" + hashlib.sha256(value.casefold().encode()).hexdigest()[:8]
