"""PII out, evidence in: typed placeholders, and numbers that are findings left alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.core.models import Role
from journeybot.ingestion import read_transcript, redact_text, redact_transcript

PII_CASES = [
    ("email", "write to jane.doe+bank@example.co.uk today", "jane.doe+bank@example.co.uk"),
    ("email", "my work one is J_Smith@corp-mail.com.", "J_Smith@corp-mail.com"),
    ("phone", "call me on 07700 900123 after six", "07700 900123"),
    ("phone", "the office is 020 7946 0958", "020 7946 0958"),
    ("phone", "UK mobile +44 7700 900123 works", "+44 7700 900123"),
    ("phone", "ring +44 (0)20 7946 0958 please", "+44 (0)20 7946 0958"),
    ("phone", "US line (415) 555-0132 is fine", "(415) 555-0132"),
    ("phone", "or 415-555-0132 or", "415-555-0132"),
    ("phone", "dial 415.555.0132 now", "415.555.0132"),
    ("phone", "from abroad +1 415 555 0132", "+1 415 555 0132"),
    ("phone", "Berlin office +49 30 901820", "+49 30 901820"),
    ("address", "I live at 221B Baker Street now", "221B Baker Street"),
    ("address", "HQ is 1600 Amphitheatre Parkway, in town", "1600 Amphitheatre Parkway"),
    ("address", "postcode SW1A 1AA if you need it", "SW1A 1AA"),
    ("address", "send it to Springfield, IL 62704-1234 please", "Springfield, IL 62704-1234"),
    ("card", "card 4111 1111 1111 1111 expired", "4111 1111 1111 1111"),
    ("card", "card 5500-0000-0000-0004 expired", "5500-0000-0000-0004"),
    ("card", "number 4012888888881881 was declined", "4012888888881881"),
    ("card", "amex 3782 822463 10005 too", "3782 822463 10005"),
    ("account", "IBAN GB82 WEST 1234 5698 7654 32 for refunds", "GB82 WEST 1234 5698 7654 32"),
    ("account", "my account number 12345678 at the bank", "12345678"),
    ("account", "sort code 20-00-00 on the form", "20-00-00"),
    ("account", "paid to 20-00-00 55779911 yesterday", "20-00-00 55779911"),
]


@pytest.mark.parametrize(("kind", "text", "secret"), PII_CASES)
def test_each_pii_kind_is_replaced_with_its_placeholder(kind: str, text: str, secret: str) -> None:
    redacted, counts = redact_text(text)
    assert secret not in redacted
    assert f"[{kind.upper()}]" in redacted
    assert counts == {kind: 1}
    prefix = text.split(secret[:4])[0]
    assert redacted.startswith(prefix)


def test_full_address_becomes_one_placeholder() -> None:
    redacted, counts = redact_text(
        "Ship to 1600 Amphitheatre Parkway, Mountain View, CA 94043 or "
        "221B Baker Street, London NW1 6XE."
    )
    assert redacted == "Ship to [ADDRESS] or [ADDRESS]."
    assert counts == {"address": 2}


NOT_PII = [
    "At 00:12:34 she paused, and again at 1:02:03 and 12:34.",
    "That was in 2019, or maybe 2021; the 2019-2023 contract.",
    "It cost $1,299.99 a year, or £30 a month, €12.50 for add-ons.",
    "About 12.5% of users, maybe 40 percent, churned.",
    "We moved from version 10.4.1 to v2.3 and then 3.14.15.",
    "We tested 30 or 40 features across 1,000,000 rows.",
    "Ticket 123456 was closed; order 98765 shipped.",
    "The meeting ran 10:30-11:45 on 12/03/2024.",
    "Cards like 1234 5678 9012 3456 fail the checksum.",
    "IBAN-looking GB00 WEST 1234 5698 7654 32 fails mod 97.",
    "I used 3 Google accounts and 2 browsers.",
    "The axis showed 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75.",
    "A 1080p screen at 60Hz, 16:9, 4K.",
    "Call it 555 users out of 12000.",
]


@pytest.mark.parametrize("text", NOT_PII)
def test_evidence_numbers_are_left_alone(text: str) -> None:
    assert redact_text(text) == (text, {})


def test_redact_transcript_rebuilds_offsets_and_keeps_the_hash() -> None:
    data = (
        b"Interviewer: What's your e-mail, and where do you live?\n"
        b"Participant: It's sam@example.org and I'm at 10 Downing Street, London SW1A 2AA.\n"
        b"Interviewer: Thanks.\n"
        b"Participant: My card 4111 1111 1111 1111 was charged twice in 2023.\n"
    )
    original = read_transcript(data, "P4.txt")
    redacted = redact_transcript(original)
    assert redacted.redacted and not original.redacted
    assert redacted.content_hash == original.content_hash
    assert "sam@example.org" in original.text
    for secret in ("sam@example.org", "Downing", "SW1A", "4111"):
        assert secret not in redacted.text
    texts = [u.text for u in redacted.utterances]
    assert texts[1] == "It's [EMAIL] and I'm at [ADDRESS]."
    assert texts[3] == "My card [CARD] was charged twice in 2023."
    for utt in redacted.utterances:
        assert redacted.text[utt.start : utt.end] == utt.text
    assert [u.speaker for u in redacted.utterances] == [u.speaker for u in original.utterances]


def test_participant_ids_that_are_personal_become_stable_pseudonyms() -> None:
    data = (
        b"user,entry\n"
        b"ann@example.com,The app is fine.\n"
        b"ann@example.com,Still fine.\n"
        b"bob@example.com,Too slow.\n"
    )
    redacted = redact_transcript(read_transcript(data, "diary.csv"))
    speakers = [u.speaker for u in redacted.utterances]
    assert speakers[0] == speakers[1] != speakers[2]
    assert all(s.startswith("participant-") and "@" not in s for s in speakers)
    assert "@" not in redacted.text
    assert {u.role for u in redacted.utterances} == {Role.PARTICIPANT}


_WORDS = st.sampled_from(
    ["the", "bill", "was", "late", "again", "2023", "£30", "v1.2", "00:12:34", "and", "Okay."]
)
_SECRETS = st.sampled_from(
    ["ann@example.com", "07700 900123", "4111 1111 1111 1111", "SW1A 1AA", "(415) 555-0132"]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.one_of(_WORDS, _SECRETS), min_size=1, max_size=12), min_size=1, max_size=6)
)
def test_redacted_transcripts_keep_valid_offsets_and_no_secrets(turns: list[list[str]]) -> None:
    lines = [
        f"{'Interviewer' if i % 2 else 'Participant'}: {' '.join(words)}"
        for i, words in enumerate(turns)
    ]
    transcript = redact_transcript(read_transcript("\n".join(lines).encode(), "P1.txt"))
    for utt in transcript.utterances:
        assert transcript.text[utt.start : utt.end] == utt.text
    for secret in ("ann@example.com", "900123", "4111", "SW1A", "555-0132"):
        assert secret not in transcript.text
