"""End to end through HTTP and the real Workspace (embedded Chroma, SQLite, MiniLM).

Three transcripts are shared (one broken), the status message counts up and turns into
per-file results, a question in the thread is answered with quotes found verbatim in the
sources, and ``/journey export`` delivers a Word file through Slack's upload flow, which
comes back as a review when shared again.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest

from journeybot.core.settings import Settings
from journeybot.core.text import match_form
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.service.workspace import Workspace
from tests.bot.harness import BotHarness, answers_in, ingest, quoted, wait_answer
from tests.bot.recording import RecordingWorkspace
from tests.fakes.slack_api import FakeFile

PDPILOT = Path(__file__).resolve().parents[1] / "corpus" / "pdpilot" / "transcripts"
CHANNEL = "CSTUDY01"
RESEARCHER = "URESEARCHER"


@pytest.fixture
def workspace(settings: Settings, minilm: MiniLMEmbedder) -> Any:
    return RecordingWorkspace(Workspace.open(settings, embedder=minilm))


def _export(bot: BotHarness) -> bytes:
    reply = bot.command("export", channel=CHANNEL, user=RESEARCHER)
    assert reply.status == 200 and "Working on" in reply.json()["text"]
    done = bot.fake.wait_for("files.completeUploadExternal", timeout=60)[-1]
    assert done.args["channel_id"] == CHANNEL
    upload = bot.fake.state.uploads[json_id(done.args["files"])]
    assert upload["filename"].endswith(".docx")
    return bytes(upload["content"])


def json_id(files: str) -> str:
    return re.findall(r'"id": "([^"]+)"', files)[0]


def test_upload_ask_export(bot: BotHarness) -> None:
    fake = bot.fake
    fake.set_members(CHANNEL, [RESEARCHER, "UTEAMMATE"])
    sources = {name: (PDPILOT / name).read_bytes() for name in ("P1.txt", "P2.txt")}
    stubs = [
        fake.add_file(FakeFile(f"F{i}", name, data, channel=CHANNEL))
        for i, (name, data) in enumerate(sources.items(), start=1)
    ]
    stubs.append(fake.add_file(FakeFile("F9", "broken.pdf", b"%PDF-1.4\n\x00\x9c garbage")))

    share = bot.file_share_event(CHANNEL, RESEARCHER, stubs)
    assert bot.event(share).status == 200

    status = fake.wait_for("chat.postMessage", lambda c: c.args.get("channel") == CHANNEL)[0]
    assert status.args["text"] == "Reading 3 files..."
    assert status.args["thread_ts"] == share["ts"]
    final = fake.wait_for("chat.update", lambda c: bool(c.args.get("blocks")), timeout=60)[0]
    progress = [c.args["text"] for c in fake.calls_to("chat.update") if not c.args.get("blocks")]
    assert progress == [f"Reading 3 files... {n} of 3 done" for n in (1, 2, 3)]

    lines = [b["text"]["text"] for b in final.args["blocks"] if b["type"] == "section"]
    assert "2 of 3 files done, 1 failed" in lines[0]
    for name in ("P1", "P2"):
        assert any(f"*{name}.txt*: 1 participant ({name})" in line for line in lines)
    broken = next(line for line in lines if "broken.pdf" in line)
    assert broken.startswith(":warning:") and "failed:" in broken

    bot.mention(CHANNEL, "UTEAMMATE", "Do you use PDP and ICE plots?", thread_ts=share["ts"])
    answer = fake.wait_for(
        "chat.postMessage",
        lambda c: c.args.get("thread_ts") == share["ts"] and c.args["text"] != "Reading 3 files...",
    )[0]
    quotes = quoted(answer.args["blocks"])
    assert quotes, "the answer cites no quote"
    corpus = match_form(b"\n".join(sources.values()).decode("utf-8"))
    for quote in quotes:
        assert match_form(quote) in corpus, f"not verbatim in the sources: {quote!r}"
    assert f"/archives/{CHANNEL}/p{share['ts'].replace('.', '')}" in str(answer.args["blocks"])
    assert len(answers_in(fake, CHANNEL, share["ts"])) == 2  # the status and the answer

    document = docx.Document(io.BytesIO(_export(bot)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert CHANNEL in text and "Journey map" in text


def test_follow_up_questions_carry_the_thread(bot: BotHarness) -> None:
    ingest(bot, CHANNEL, RESEARCHER, {"P3.txt": (PDPILOT / "P3.txt").read_bytes()})
    root = bot.mention(CHANNEL, RESEARCHER, "How do you explain models to stakeholders?")
    wait_answer(bot.fake, CHANNEL, root)
    bot.mention(CHANNEL, RESEARCHER, "and what about plots?", thread_ts=root)
    bot.fake.wait_for("chat.postMessage", lambda c: c.args.get("thread_ts") == root, count=2)
    question, studies, history = bot.workspace.asked[-1]
    assert question == "and what about plots?" and studies == [CHANNEL]
    assert history == ["How do you explain models to stakeholders?"]


def test_a_plain_question_in_an_answered_thread_is_a_follow_up(bot: BotHarness) -> None:
    ingest(bot, CHANNEL, RESEARCHER, {"P3.txt": (PDPILOT / "P3.txt").read_bytes()})
    root = bot.mention(CHANNEL, RESEARCHER, "How do you explain models to stakeholders?")
    wait_answer(bot.fake, CHANNEL, root)
    bot.reply(CHANNEL, "UTEAMMATE", "thanks, that's useful", thread_ts=root)
    bot.reply(CHANNEL, "UTEAMMATE", "<@UALICE> did you see this?", thread_ts=root)
    bot.reply(CHANNEL, "UTEAMMATE", "What about ICE plots?", thread_ts=root)
    bot.fake.wait_for("chat.postMessage", lambda c: c.args.get("thread_ts") == root, count=2)
    asked = [question for question, _, _ in bot.workspace.asked]
    assert asked[-1] == "What about ICE plots?"
    assert "thanks, that's useful" not in asked and "did you see this?" not in asked
    assert bot.workspace.asked[-1][2] == [
        "How do you explain models to stakeholders?",
        "thanks, that's useful",
        "did you see this?",
    ]


def test_a_plain_reply_in_a_thread_the_bot_never_answered_is_left_alone(
    bot: BotHarness,
) -> None:
    ingest(bot, CHANNEL, RESEARCHER, {"P3.txt": (PDPILOT / "P3.txt").read_bytes()})
    root = bot.fake.add_message(CHANNEL, RESEARCHER, "Team chat about the study")
    bot.reply(CHANNEL, "UTEAMMATE", "What did P3 say about plots?", thread_ts=root)
    marker = bot.mention(CHANNEL, RESEARCHER, "Do you use PDP plots?")
    wait_answer(bot.fake, CHANNEL, marker)
    assert [question for question, _, _ in bot.workspace.asked] == ["Do you use PDP plots?"]
    assert not [c for c in bot.fake.calls_to("chat.postMessage") if c.args.get("thread_ts") == root]


def test_a_reviewed_export_comes_back_as_a_review_and_a_plain_docx_as_a_transcript(
    bot: BotHarness,
) -> None:
    ingest(bot, CHANNEL, RESEARCHER, {"P4.txt": (PDPILOT / "P4.txt").read_bytes()})
    exported = _export(bot)
    plain = docx.Document()
    for speaker, words in (
        ("Interviewer", "What did you try?"),
        ("Kim", "Partial plots."),
        ("Interviewer", "And then?"),
        ("Kim", "We gave up on them."),
    ):
        plain.add_paragraph(f"{speaker}: {words}")
    plain_bytes = io.BytesIO()
    plain.save(plain_bytes)

    stubs = [
        bot.fake.add_file(FakeFile("FREVIEW", "map-reviewed.docx", exported)),
        bot.fake.add_file(FakeFile("FPLAIN", "kim.docx", plain_bytes.getvalue())),
    ]
    assert bot.event(bot.file_share_event(CHANNEL, RESEARCHER, stubs)).status == 200
    final = bot.fake.wait_for(
        "chat.update", lambda c: "map-reviewed.docx" in str(c.args.get("blocks")), timeout=60
    )[0]
    shown = str(final.args["blocks"])
    assert re.search(r"map-reviewed\.docx\*: review applied: 0 confirmed, .* unreviewed", shown)
    assert "*kim.docx*: 1 participant (Kim)" in shown
    assert bot.workspace.ingested[-1:] == ["kim.docx"]
