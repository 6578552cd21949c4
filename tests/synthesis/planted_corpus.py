"""The planted test corpus: ingested with the real ingestion API, no redaction."""

from __future__ import annotations

from pathlib import Path

from journeybot.core.models import Segment, Source
from journeybot.core.text import is_verbatim
from journeybot.ingestion import read_transcript, segment_transcript
from journeybot.retrieval.embeddings import Embedder
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.rows import Reading, Row
from journeybot.synthesis.sentences import Span

PLANTED = Path(__file__).parent / "planted"
STUDY = "planted"
#: The file layouts the planted studies use.
LAYOUTS = (".txt", ".vtt", ".srt", ".docx", ".csv")


def load_evidence(folder: Path, embedder: Embedder, study: str = STUDY) -> StudyEvidence:
    """Ingest every transcript in ``folder`` the way the service does (no redaction)."""
    segments: list[Segment] = []
    sources: list[Source] = []
    for path in sorted(p for p in folder.iterdir() if p.suffix in LAYOUTS):
        transcript = read_transcript(path.read_bytes(), path.name)
        source_id = transcript.content_hash
        segments.extend(segment_transcript(transcript, study=study, source_id=source_id))
        sources.append(
            Source(
                id=source_id,
                study=study,
                file_name=path.name,
                format=transcript.format,
                kind=transcript.kind,
                participants=transcript.participants,
            )
        )
    vectors = embedder.embed([seg.text for seg in segments])
    return StudyEvidence(
        study=study, segments=segments, vectors=vectors, embedder=embedder, sources=sources
    )


def one_answer_study(
    folder: Path,
    answers: dict[str, tuple[str, str]],
    question: str,
    embedder: Embedder,
    study: str,
) -> StudyEvidence:
    """A study of one-answer interviews: file name -> (participant, answer), each after
    the same interviewer question, ingested like any other."""
    for name, (person, answer) in answers.items():
        (folder / name).write_text(f"Interviewer: {question}\n\n{person}: {answer}\n", "utf-8")
    return load_evidence(folder, embedder, study=study)


def segment_of(evidence: StudyEvidence, participant: str, quote: str) -> Segment:
    for seg in evidence.segments:
        if seg.participant == participant and is_verbatim(quote, seg.text):
            return seg
    raise AssertionError(f"planted quote not found for {participant}: {quote!r}")


def lone_segment(text: str, turn: int = 0, study: str = "lone") -> Segment:
    """A participant turn on its own, for tests that read single sentences."""
    return Segment(
        id=f"s:{turn}",
        study=study,
        source_id="s",
        file_name="s.txt",
        participant="P1",
        text=text,
        start=0,
        end=len(text),
        location=f"line {turn}",
        turn=turn,
        position=0.5,
    )


def a_reading(
    index: int,
    who: str,
    text: str,
    *,
    polarity: float,
    rows: frozenset[Row] = frozenset(),
    complaint: float = 0.0,
    echo: bool = False,
) -> Reading:
    """One sentence as the engine read it: a whole segment of its own, ``index``."""
    return Reading(
        index=index,
        segment_id=f"s{index}",
        participant=who,
        span=Span(0, len(text)),
        text=text,
        polarity=polarity,
        rows=rows,
        segment_text=text,
        echo=echo,
        complaint=complaint,
    )
