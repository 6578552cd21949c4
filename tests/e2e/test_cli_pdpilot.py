"""End to end through the real CLI process on real interviews (PDPilot study).

Every citation `ask --json` returns must be found verbatim in a participant's turn of the
source it names, never in a turn of Dan, the interviewer.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journeybot.core.models import DEFAULT_STAGES
from journeybot.core.text import match_form

REPO = Path(__file__).resolve().parents[2]
TRANSCRIPTS = REPO / "tests" / "corpus" / "pdpilot" / "transcripts"
LABEL = re.compile(r"^(Dan|Participant|Particpant):\s*", re.MULTILINE)

QUESTIONS = [
    "How do you decide which plots to look at?",
    "What was confusing about the tool?",
    "Do you use ICE plots in your work?",
    "What would you change about the visualizations?",
]


def _turns(path: Path) -> dict[str, list[str]]:
    """Speaker -> their turns, parsed independently of the product's own readers."""
    text = path.read_text(encoding="utf-8")
    pieces = LABEL.split(text)
    turns: dict[str, list[str]] = {"Dan": [], "Participant": []}
    for speaker, body in zip(pieces[1::2], pieces[2::2], strict=True):
        role = "Dan" if speaker == "Dan" else "Participant"
        turns[role].append(match_form(body))
    return turns


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOURNEYBOT_HOME": str(home)}
    env.pop("JOURNEYBOT_LLM", None)
    return subprocess.run(
        [sys.executable, "-m", "journeybot", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("pdpilot-home")
    result = _cli(home, "ingest", str(TRANSCRIPTS), "--study", "pdpilot", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [s["status"] for s in report["sources"]] == ["ingested"] * 7
    assert sorted(p for s in report["sources"] for p in s["participants"]) == [
        f"P{i}" for i in range(1, 8)
    ]
    return home


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_quote_is_a_participants_verbatim_words(home: Path, question: str) -> None:
    result = _cli(home, "ask", question, "--study", "pdpilot", "--json")
    assert result.returncode == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout)
    assert answer["answer"]
    assert answer["citations"], "an answer over seven interviews should cite something"
    for citation in answer["citations"]:
        assert set(citation) >= {"quote", "participant", "source", "location", "segment_id"}
        turns = _turns(TRANSCRIPTS / citation["source"])
        quote = match_form(citation["quote"])
        assert any(quote in turn for turn in turns["Participant"]), citation
        assert not any(quote in turn for turn in turns["Dan"]), citation
        assert citation["participant"] == Path(citation["source"]).stem


def test_reingesting_reports_duplicates_and_changes_nothing(home: Path) -> None:
    before = json.loads(_cli(home, "sources", "--study", "pdpilot", "--json").stdout)
    result = _cli(home, "ingest", str(TRANSCRIPTS / "P1.txt"), "--study", "pdpilot", "--json")
    assert result.returncode == 0
    item = json.loads(result.stdout)["sources"][0]
    assert item["status"] == "duplicate"
    assert item["duplicate_of"] == "P1.txt"
    after = json.loads(_cli(home, "sources", "--study", "pdpilot", "--json").stdout)
    assert after == before


def test_one_broken_file_fails_alone_with_exit_code_1(home: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file at all")
    good = tmp_path / "P9.txt"
    good.write_text(
        "Dan: How did you first hear about the tool?\n\n"
        "Participant: A colleague showed me the partial dependence plots in a notebook.\n",
        encoding="utf-8",
    )
    result = _cli(home, "ingest", str(broken), str(good), "--study", "scratch", "--json")
    assert result.returncode == 1
    statuses = {s["file"]: s for s in json.loads(result.stdout)["sources"]}
    assert statuses["P9.txt"]["status"] == "ingested"
    assert statuses["broken.docx"]["status"] == "error"
    assert "broken.docx" in statuses["broken.docx"]["error"]
    assert "broken.docx" in result.stderr


def test_unknown_study_is_a_clear_error(home: Path) -> None:
    result = _cli(home, "ask", "anything?", "--study", "nope", "--json")
    assert result.returncode == 2, "a study that does not exist is a usage error"
    assert "nope" in result.stderr
    assert json.loads(result.stdout)["error"]["code"]


def test_forget_a_source_then_the_whole_study(tmp_path: Path) -> None:
    home = tmp_path / "home"
    files = [str(TRANSCRIPTS / "P1.txt"), str(TRANSCRIPTS / "P2.txt")]
    assert _cli(home, "ingest", *files, "--study", "s", "--json").returncode == 0

    usage = _cli(home, "forget", "--study", "s", "--json")
    assert usage.returncode == 2
    assert "--all" in usage.stderr

    one = _cli(home, "forget", "P1.txt", "--study", "s", "--json")
    assert one.returncode == 0, one.stderr
    assert [s["file_name"] for s in json.loads(one.stdout)["forgotten"]] == ["P1.txt"]
    left = json.loads(_cli(home, "sources", "--study", "s", "--json").stdout)["sources"]
    assert [s["file_name"] for s in left] == ["P2.txt"]
    answer = json.loads(_cli(home, "ask", "ICE plots", "--study", "s", "--json").stdout)
    assert {c["source"] for c in answer["citations"]} == {"P2.txt"}

    gone = _cli(home, "forget", "--study", "s", "--all", "--json")
    assert gone.returncode == 0, gone.stderr
    missing = _cli(home, "sources", "--study", "s", "--json")
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["error"]["code"] == "study_not_found"


def test_speakers_shows_dan_as_interviewer_in_every_file(home: Path) -> None:
    result = _cli(home, "speakers", "--study", "pdpilot", "--json")
    assert result.returncode == 0, result.stderr
    sources = json.loads(result.stdout)["sources"]
    assert len(sources) == 7
    for source in sources:
        roles = {s["speaker"]: s["role"] for s in source["speakers"]}
        assert roles == {"Dan": "interviewer", Path(source["file"]).stem: "participant"}
        assert source["roles"].startswith(f"participant: {Path(source['file']).stem} (")
        assert all(s["reason"] for s in source["speakers"])


def test_no_quote_is_a_run_of_line_numbers_or_a_read_back_question(home: Path) -> None:
    for question in [*QUESTIONS, "Do you use both PDP and ICE plots?"]:
        answer = json.loads(_cli(home, "ask", question, "--study", "pdpilot", "--json").stdout)
        for citation in answer["citations"]:
            assert not re.search(r"\b\d+ \d+ \d+\b", citation["quote"]), citation
            assert "Do I use both PDP and ICE plots?" not in citation["quote"], citation


def test_stages_suggested_from_the_interviews_can_be_edited_and_set(
    home: Path, tmp_path: Path
) -> None:
    suggested_file = tmp_path / "suggested.yaml"
    result = _cli(
        home, "stages", "--suggest", "--study", "pdpilot", "--out", str(suggested_file), "--json"
    )
    assert result.returncode == 0, result.stderr
    suggested = json.loads(result.stdout)["suggested"]
    assert 3 <= len(suggested) <= 7
    assert all(s["description"].startswith("Questions such as") for s in suggested)
    before = json.loads(_cli(home, "stages", "--study", "pdpilot", "--json").stdout)["stages"]
    assert [s["id"] for s in before] != [s["id"] for s in suggested]  # suggesting sets nothing

    edited = suggested_file.read_text("utf-8").replace(suggested[0]["name"], "Getting started", 1)
    suggested_file.write_text(edited, "utf-8")
    set_result = _cli(home, "stages", "--study", "pdpilot", "--set", str(suggested_file), "--json")
    assert set_result.returncode == 0, set_result.stderr
    names = [s["name"] for s in json.loads(set_result.stdout)["stages"]]
    assert names[0] == "Getting started" and len(names) == len(suggested)

    both = _cli(home, "stages", "--suggest", "--set", str(suggested_file), "--study", "pdpilot")
    assert both.returncode == 2
    assert "--suggest or --set" in both.stderr


def test_the_map_says_where_it_reads_that_its_stages_fit_badly(home: Path, tmp_path: Path) -> None:
    """A usability study on the default funnel stages: the warning and the interviews'
    own phases are printed with the map, not only written to the export."""
    funnel = tmp_path / "funnel.json"  # another test here sets the study's own stages
    funnel.write_text(json.dumps([s.model_dump() for s in DEFAULT_STAGES]), "utf-8")
    result = _cli(home, "map", "--study", "pdpilot", "--stages", str(funnel))
    assert result.returncode == 0, result.stderr
    head = " ".join(result.stdout.split("Awareness")[0].split())
    assert "Note: Stage placement is unsure overall" in head
    assert "journeybot stages --suggest --study pdpilot" in head
    assert "Note: The interviews' own phases, in the order they come up:" in head
    suggested = json.loads(_cli(home, "stages", "--suggest", "--study", "pdpilot", "--json").stdout)
    assert all(f"\u201c{s['name']}\u201d" in head for s in suggested["suggested"])


def test_personas_say_why_there_are_this_many(home: Path) -> None:
    result = _cli(home, "personas", "--study", "pdpilot")
    assert result.returncode == 0, result.stderr
    head = " ".join(result.stdout.split("Persona A")[0].split())
    assert re.search(r"Note: \d personas: everyone was divided in two", head), head
