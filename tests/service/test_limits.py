"""Caps with a reason: a runaway file is refused before anything is embedded."""

from __future__ import annotations

from pathlib import Path

from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.retrieval.store import EvidenceStore
from journeybot.service.workspace import Workspace


def _workspace(tmp_path: Path, **limits: int) -> Workspace:
    settings = Settings(home=tmp_path / "home", llm=None, chroma_host=None, **limits)
    return Workspace.open(settings, store=EvidenceStore.open(settings, HashingEmbedder()))


def _interview(path: Path, turns: int) -> Path:
    lines = [
        f"Interviewer: And then?\nRia: Step {n} of the sign-up asked for my meter number."
        for n in range(turns)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _monologue(path: Path, sentences: int) -> Path:
    path.write_text(" ".join(["The bill came late again."] * sentences) + "\n", encoding="utf-8")
    return path


def test_a_file_over_the_per_source_cap_is_refused_and_the_others_ingested(tmp_path):
    workspace = _workspace(tmp_path, max_segments_per_source=10)
    big = _interview(tmp_path / "big.txt", 40)
    small = _interview(tmp_path / "small.txt", 3)
    report = workspace.ingest_paths([big, small], "s")
    by_file = {r.file: r for r in report.sources}
    assert by_file["small.txt"].status.value == "ingested"
    assert by_file["big.txt"].error_code == "too_many_segments"
    assert "over the limit of 10 per file" in (by_file["big.txt"].error or "")
    assert workspace.store.count("s") == by_file["small.txt"].segments


def test_the_per_study_cap_counts_what_the_study_already_holds(tmp_path):
    workspace = _workspace(tmp_path, max_segments_per_study=5)
    first = workspace.ingest_paths([_interview(tmp_path / "a.txt", 3)], "s")
    assert not first.failed
    second = workspace.ingest_paths([_interview(tmp_path / "b.txt", 4)], "s")
    assert second.sources[0].error_code == "too_many_segments"
    assert "holds 3 segments and this file would add 4" in (second.sources[0].error or "")


def test_a_long_file_read_as_one_speaker_is_flagged(tmp_path):
    workspace = _workspace(tmp_path, one_speaker_warning_words=50)
    report = workspace.ingest_paths([_monologue(tmp_path / "talk.txt", 30)], "s")
    warnings = report.sources[0].warnings
    assert any("were read as one speaker's" in w for w in warnings), warnings


def test_a_monologue_over_the_cap_says_to_check_its_labels(tmp_path):
    workspace = _workspace(tmp_path, max_segments_per_source=2)
    report = workspace.ingest_paths([_monologue(tmp_path / "talk.txt", 400)], "s")
    assert "read as one speaker, so check its speaker labels" in (report.sources[0].error or "")


def test_control_characters_never_reach_names_or_ids(tmp_path):
    workspace = _workspace(tmp_path)
    odd = tmp_path / "P9\nfake line\x1b[31m.txt"
    odd.write_text(
        "Interviewer: How was it?\nZoe: The meter\u202e was wrong.\n"
        "Interviewer: And?\nZoe: They fixed it in a week.\n",
        encoding="utf-8",
    )
    report = workspace.ingest_paths([odd], "s")
    result = report.sources[0]
    assert result.status.value == "ingested", result
    shown = [result.file, *result.participants]
    shown += [s.text for s in workspace.store.segments("s")]
    for value in shown:
        assert "\n" not in value and "\x1b" not in value and "\u202e" not in value, value
