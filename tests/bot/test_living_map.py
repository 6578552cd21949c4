"""The map's action layer in Slack, on the real Workspace: /journey scope, /journey
actions, and one change summary posted when an interview is added to a mapped study."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest

from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.service.workspace import Workspace
from tests.bot.harness import BotHarness, ingest
from tests.bot.recording import RecordingWorkspace

ACTIONABLE = Path(__file__).resolve().parents[1] / "synthesis" / "actionable"
CHANNEL = "CBROADBAND"
LEAD = "ULEAD"


@pytest.fixture
def workspace(settings: Settings, minilm: MiniLMEmbedder) -> Any:
    return RecordingWorkspace(Workspace.open(settings, embedder=minilm))


def _posted(bot: BotHarness, needle: str, timeout: float = 60) -> dict[str, Any]:
    calls = bot.fake.wait_for(
        "chat.postMessage", lambda c: needle in str(c.args.get("blocks")), timeout=timeout
    )
    return calls[0].args


def _share_study(bot: BotHarness) -> None:
    files = {p.name: p.read_bytes() for p in sorted((ACTIONABLE / "interviews").glob("*.txt"))}
    files["stages.yaml"] = (ACTIONABLE / "stages.yaml").read_bytes()
    ingest(bot, CHANNEL, LEAD, files)


def test_scope_is_set_shown_and_checked(bot: BotHarness) -> None:
    _share_study(bot)
    bot.command("scope scenario: moving home goal: online on day one", channel=CHANNEL, user=LEAD)
    shown = str(_posted(bot, "set the scope")["blocks"])
    assert "*Scenario:* moving home" in shown and "*Goal:* online on day one" in shown
    bot.command("scope goal: " + "x" * 250, channel=CHANNEL, user=LEAD)
    refused = bot.fake.wait_for("chat.postEphemeral", lambda c: "characters" in str(c.args))
    assert "keep it to 200" in str(refused[0].args)
    assert bot.workspace.scope(CHANNEL).goal == "online on day one"
    bot.command("map", channel=CHANNEL, user=LEAD)
    drafted = str(_posted(bot, "Draft journey map")["blocks"])
    assert "*Goal:* online on day one" in drafted and "Moment of truth" in drafted
    assert "Touchpoints:" in drafted and "Expectation gap" in drafted
    done = bot.fake.wait_for("files.completeUploadExternal", timeout=60)[-1]
    text_version = next(
        m
        for m in bot.fake.state.messages[CHANNEL]
        if "Draft journey map" in str(m.get("blocks")) and "thread_ts" not in m
    )
    assert done.args["channel_id"] == CHANNEL and done.args["thread_ts"] == text_version["ts"]
    upload = bot.fake.state.uploads[re.findall(r'"id": "([^"]+)"', done.args["files"])[0]]
    assert upload["filename"].endswith(".png")
    assert bytes(upload["content"]).startswith(b"\x89PNG")


def test_actions_list_the_plan(bot: BotHarness) -> None:
    _share_study(bot)
    bot.command("actions", channel=CHANNEL, user=LEAD)
    plan = str(_posted(bot, "Action plan for")["blocks"])
    assert "Impact" in plan and "_unowned_" in plan and "suggested:" in plan


def test_an_added_interview_posts_one_change_summary(bot: BotHarness) -> None:
    _share_study(bot)
    assert not [c for c in bot.fake.calls_to("chat.postMessage") if "re-drafted" in c.args["text"]]
    bot.command("map", channel=CHANNEL, user=LEAD)
    _posted(bot, "Draft journey map")
    esme = ACTIONABLE / "later" / "05_esme.txt"
    ingest(bot, CHANNEL, LEAD, {esme.name: esme.read_bytes()}, id_prefix="G")
    summary = _posted(bot, "was re-drafted: what changed")
    text = str(summary["blocks"])
    assert "New theme at Getting help (action, 3)" in text
    assert "Grew from 3 to 4 participants at Installation" in text
    assert "Shrank" not in text and "Feeling at" not in text and "New moment" not in text
    summaries = [c for c in bot.fake.calls_to("chat.postMessage") if "re-drafted" in c.args["text"]]
    assert len(summaries) == 1


def test_a_reviewed_plan_shared_back_fills_the_owners(bot: BotHarness) -> None:
    _share_study(bot)
    bot.command("export", channel=CHANNEL, user=LEAD)
    done = bot.fake.wait_for("files.completeUploadExternal", timeout=60)[-1]
    exported = bot.fake.state.uploads[re.findall(r'"id": "([^"]+)"', done.args["files"])[0]]
    document = docx.Document(io.BytesIO(bytes(exported["content"])))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Opportunity ID")
    first, second = table.rows[1].cells, table.rows[2].cells
    first[4].text, first[5].text, first[7].text = "High", "Ops lead", "2027-01-15"
    second[5].text, second[7].text = "Billing team", "soon-ish"
    buffer = io.BytesIO()
    document.save(buffer)
    ingest(bot, CHANNEL, LEAD, {"reviewed.docx": buffer.getvalue()}, id_prefix="R")
    final = bot.fake.wait_for("chat.update", lambda c: "reviewed.docx" in str(c.args.get("blocks")))
    text = str(final[-1].args["blocks"])
    assert "action plan: " in text and "rows read back" in text
    assert "Due date: 'soon-ish' is not a date" in text
    owners = {item.opportunity_id: item.cells.owner for item in bot.workspace.actions(CHANNEL)}
    assert owners[first[0].text] == "Ops lead" and owners[second[0].text] == "Billing team"
    bot.command("actions", channel=CHANNEL, user=LEAD)
    assert "Ops lead" in str(_posted(bot, "Action plan for")["blocks"])


def test_forgetting_an_interview_says_what_lost_its_evidence_without_its_words(
    bot: BotHarness,
) -> None:
    _share_study(bot)
    bot.command("map", channel=CHANNEL, user=LEAD)
    _posted(bot, "Draft journey map")
    bot.command("forget 02_bren.txt", channel=CHANNEL, user=LEAD)
    summary = str(_posted(bot, "was re-drafted: what changed")["blocks"])
    assert "lost its evidence and left the map" in summary
    bren = (ACTIONABLE / "interviews" / "02_bren.txt").read_text(encoding="utf-8")
    for words in ("three engineer visits", "so angry", "letter in the post", "setup fee"):
        assert words in bren and words not in summary
