"""The /journey command, diary channels, App Home and reviewed drafts coming back."""

from __future__ import annotations

import io
import re

import docx

from journeybot.bot.journey import parse_stage_text
from journeybot.core.models import Stage
from tests.bot.harness import BotHarness, ingest
from tests.fakes.slack_api import FakeFile

CHANNEL = "CCMD"
LEAD = "ULEAD"
TRANSCRIPT = b"Dan: How did you start?\nMia: A colleague showed me the dashboard.\n"


def _public(bot: BotHarness, needle: str) -> dict:
    return bot.fake.wait_for("chat.postMessage", lambda c: needle in c.args["text"])[0].args


def _private(bot: BotHarness, needle: str) -> dict:
    return bot.fake.wait_for("chat.postEphemeral", lambda c: needle in c.args["text"])[0].args


def test_help_and_unknown_subcommands_answer_privately_at_once(bot: BotHarness) -> None:
    for text, intro in (("", None), ("help", None), ("frobnicate now", "frobnicate")):
        reply = bot.command(text, channel=CHANNEL, user=LEAD).json()
        assert reply["response_type"] == "ephemeral"
        shown = str(reply["blocks"])
        assert "/journey export [persona]" in shown and "/journey diary on|off" in shown
        if intro:
            assert f"I do not know `{intro}`" in shown
    assert not bot.fake.calls_to("chat.postMessage")


def test_stages_typed_as_lines_are_set_and_shown(bot: BotHarness) -> None:
    text = "stages Discover: hearing about us\nTrial: first week\nAdopt: rolling out"
    assert bot.command(text, channel=CHANNEL, user=LEAD).status == 200
    message = _public(bot, "now has 3 journey stages")
    body = str(message["blocks"])
    assert "*Discover* (`discover`): hearing about us" in body
    assert f"Stages set by <@{LEAD}>" in body

    bot.command("stages", channel=CHANNEL, user=LEAD)
    shown = _private(bot, "has 3 journey stages")
    assert "Adopt" in str(shown["blocks"])


def test_suggested_stages_come_privately_with_the_command_that_sets_them(
    bot: BotHarness,
) -> None:
    ingest(bot, CHANNEL, LEAD, {"interview-1.txt": b"Sam: How did you hear of it?\nDee: A friend."})
    bot.workspace.suggested = [
        Stage(id="hearing", name="Hearing", description="Questions such as: \u201cHow?\u201d"),
        Stage(
            id="setting-up", name="Setting up", description="Questions such as: \u201cAnd?\u201d"
        ),
    ]
    assert bot.command("stages suggest", channel=CHANNEL, user=LEAD).status == 200
    shown = str(_private(bot, "suggest (not set)")["blocks"])
    assert "1. *Hearing*: Questions such as" in shown
    assert "/journey stages Hearing: Questions such as" in shown
    assert bot.workspace.stages(CHANNEL)[0].name == "Awareness"  # nothing was set
    pasted = shown.split("```")[1].removeprefix("/journey stages ").replace("\\n", "\n")
    assert [s.name for s in parse_stage_text(pasted)] == ["Hearing", "Setting up"]


def test_a_study_without_questions_is_told_it_cannot_be_suggested_stages(
    bot: BotHarness,
) -> None:
    ingest(bot, CHANNEL, LEAD, {"notes.txt": b"Dee: It was fine."})
    bot.command("stages suggest", channel=CHANNEL, user=LEAD)
    assert "too few interviewer questions" in _private(bot, "too few")["text"]


def test_a_shared_stages_file_sets_the_stages(bot: BotHarness) -> None:
    yaml_text = b"- name: Find\n  description: searching\n- name: Buy\n"
    final = ingest(bot, CHANNEL, LEAD, {"stages.yml": yaml_text})
    assert "journey stages set: Find, Buy" in str(final.args["blocks"])
    assert [s.name for s in bot.workspace.stages(CHANNEL)] == ["Find", "Buy"]
    assert bot.workspace.ingested == []


def test_diary_channel_posts_become_entries_with_a_reaction(bot: BotHarness) -> None:
    bot.command("diary on", channel=CHANNEL, user=LEAD)
    _public(bot, "made this a diary channel")
    posts = (("UPART", "Logged in twice today, both slow."), (LEAD, "P07: Gave up."))
    for done, (user, text) in enumerate(posts, start=1):
        ts = bot.fake.add_message(CHANNEL, user, text)
        event = {
            "type": "message",
            "channel": CHANNEL,
            "channel_type": "channel",
            "user": user,
            "text": text,
            "ts": ts,
        }
        assert bot.event(event).status == 200
        bot.fake.wait_for("reactions.add", count=done)  # one post at a time, in order
    names = bot.workspace.ingested
    assert len(names) == 2
    assert names[0].startswith("diary-UPART-") and names[1].startswith("diary-P07-")
    assert {c.args["name"] for c in bot.fake.calls_to("reactions.add")} == {"memo"}


def test_forget_removes_a_source_and_explains_a_wrong_name(bot: BotHarness) -> None:
    ingest(bot, CHANNEL, LEAD, {"mia.txt": TRANSCRIPT})
    bot.command("forget nobody.txt", channel=CHANNEL, user=LEAD)
    assert "no source called 'nobody.txt'" in _private(bot, "nobody.txt")["text"]
    bot.command("forget mia.txt", channel=CHANNEL, user=LEAD)
    _public(bot, "removed *mia.txt*")
    assert bot.workspace.sources(CHANNEL) == []


def test_drafts_are_posted_to_the_channel_with_their_evidence(bot: BotHarness) -> None:
    ingest(bot, CHANNEL, LEAD, {"mia.txt": TRANSCRIPT})
    assert "Working on" in bot.command("personas", channel=CHANNEL, user=LEAD).json()["text"]
    personas = _public(bot, "Draft personas for")
    assert "A colleague showed me the dashboard." in str(personas["blocks"])
    bot.command("map", channel=CHANNEL, user=LEAD)
    journey = _public(bot, "Draft journey map for")
    assert "Emotion curve" in str(journey["blocks"])


def test_commands_in_a_channel_without_a_study_say_what_to_do(bot: BotHarness) -> None:
    bot.command("sources", channel="CEMPTY", user=LEAD)
    assert "/journey study NAME" in _private(bot, "no study yet")["text"]


def test_app_home_shows_only_studies_the_viewer_can_see(bot: BotHarness) -> None:
    bot.fake.set_members(CHANNEL, [LEAD])
    bot.fake.set_members("COTHER", ["USOMEONE"])
    ingest(bot, CHANNEL, LEAD, {"mia.txt": TRANSCRIPT})
    ingest(bot, "COTHER", "USOMEONE", {"other.txt": TRANSCRIPT.replace(b"Mia", b"Kai")})

    assert bot.event({"type": "app_home_opened", "user": LEAD, "tab": "home"}).status == 200
    view = bot.fake.wait_for("views.publish")[0].args
    shown = str(view["view"])
    assert "mia.txt" in shown and "other.txt" not in shown and "COTHER" not in shown

    assert bot.action("home_refresh", user="USOMEONE").status == 200
    other = bot.fake.wait_for("views.publish", lambda c: c.args["user_id"] == "USOMEONE")[0]
    assert "other.txt" in str(other.args["view"]) and "mia.txt" not in str(other.args["view"])


def test_a_reviewed_draft_shared_back_is_applied_not_ingested(bot: BotHarness) -> None:
    ingest(bot, CHANNEL, LEAD, {"mia.txt": TRANSCRIPT})
    bot.command("export", channel=CHANNEL, user=LEAD)
    bot.fake.wait_for("files.completeUploadExternal")
    exported = next(iter(bot.fake.state.uploads.values()))["content"]
    reviewed = docx.Document(io.BytesIO(exported))
    reviewed.add_paragraph("CONFIRMED")
    buffer = io.BytesIO()
    reviewed.save(buffer)

    plain = docx.Document()
    plain.add_paragraph("Dan: Why?")
    plain.add_paragraph("Mia: Because it was quick.")
    plain_bytes = io.BytesIO()
    plain.save(plain_bytes)

    stubs = [
        bot.fake.add_file(FakeFile("FREV", "map-reviewed.docx", buffer.getvalue())),
        bot.fake.add_file(FakeFile("FDOC", "interview.docx", plain_bytes.getvalue())),
    ]
    assert bot.event(bot.file_share_event(CHANNEL, LEAD, stubs)).status == 200
    final = bot.fake.wait_for(
        "chat.update", lambda c: "map-reviewed.docx" in str(c.args.get("blocks"))
    )[0]
    lines = str(final.args["blocks"])
    assert re.search(r"map-reviewed\.docx\*: review applied: 1 confirmed", lines)
    assert bot.workspace.validated == ["map-reviewed.docx"]
    assert "interview.docx" in bot.workspace.ingested
