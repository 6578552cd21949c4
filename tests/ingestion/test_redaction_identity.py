"""Identity numbers, dates of birth and the surnames of people the study knows."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeybot.core.settings import Settings
from journeybot.ingestion import read_transcript
from journeybot.ingestion.redaction import known_surnames, redact_text, redact_transcript
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.retrieval.store import EvidenceStore
from journeybot.service.workspace import Workspace


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("my social is 219-09-9999 I think", "my social is [SSN] I think"),
        ("NI number AB 12 34 56 C, yes", "NI number [NI_NUMBER], yes"),
        ("it's JG103759A on the letter", "it's [NI_NUMBER] on the letter"),
        ("date of birth: 14/03/1961", "date of birth: [DATE_OF_BIRTH]"),
        ("I was born on 3rd March 1961 in Leeds", "I was born on [DATE_OF_BIRTH] in Leeds"),
        ("DOB 1961-03-14", "DOB [DATE_OF_BIRTH]"),
    ],
)
def test_identity_numbers_and_birth_dates_are_redacted(said: str, expected: str) -> None:
    assert redact_text(said)[0] == expected


@pytest.mark.parametrize(
    "said",
    [
        "the release of 10-12-2020 broke it",  # a date with no birth cue
        "we bought it on 3 March 2021",
        "ref 666-12-3456 on the invoice",  # never a valid SSN area
        "version 1.2.3 and 30 or 40 features",
        "I was born in 1985, so not a digital native",  # a year alone is no date of birth
        "GB 12 34 56 A is not a valid prefix",
    ],
)
def test_evidence_numbers_stay(said: str) -> None:
    assert redact_text(said)[0] == said


def test_known_surnames_come_from_full_names_not_role_labels() -> None:
    names = ["Tom Bradley", "Gareth Pryce (Guest)", "Participant 2", "Interviewer", "Hannah"]
    assert known_surnames(names) == {"Bradley", "Pryce"}


def test_a_speakers_surname_leaves_the_text_and_the_label() -> None:
    raw = (
        b"Hannah Okafor: Thanks for joining, Tom.\n"
        b"Tom Bradley: No problem. My wife calls me Mr Bradley when I forget the bins.\n"
        b"Hannah Okafor: And Okafor is my surname, for the recording.\n"
        b"Tom Bradley: The engineer never came, twice.\n"
    )
    redacted = redact_transcript(read_transcript(raw, "call.txt"))
    assert "Bradley" not in redacted.text and "Okafor" not in redacted.text
    assert "Mr [NAME] when I forget" in redacted.text
    assert {u.label for u in redacted.utterances} == {"Hannah O.", "Tom B."}


def test_no_identity_value_reaches_the_home_or_an_answer(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", llm=None, chroma_host=None)
    workspace = Workspace.open(settings, store=EvidenceStore.open(settings, HashingEmbedder()))
    path = tmp_path / "interview.txt"
    path.write_text(
        "Interviewer: What did the form ask for?\n"
        "Denise Holloway: My NI number, JG103759A, and my date of birth, 14/03/1961.\n"
        "Interviewer: Anything else?\n"
        "Denise Holloway: My husband's social, 219-09-9999, for the joint account form.\n",
        encoding="utf-8",
    )
    assert not workspace.ingest_paths([path], "s").failed
    answer = workspace.ask("What did the form ask for?", ["s"])
    shown = " ".join(c.quote + c.participant for c in answer.citations)
    for secret in ("JG103759A", "14/03/1961", "219-09-9999", "Holloway"):
        assert secret not in shown
        stored = [
            p for p in settings.home.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()
        ]
        assert stored == [], secret
