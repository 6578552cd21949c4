"""Roles in Slack: upload results list each file's roles; /journey speakers lists and fixes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from journeybot.core.models import Role
from tests.bot.harness import BotHarness, ingest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "speakers"
CHANNEL = "CROLES"
LEAD = "ULEAD"


@pytest.fixture
def workspace(real_workspace: Any) -> Any:
    return real_workspace


def test_upload_lists_roles_and_speakers_can_be_listed_and_set(bot: BotHarness) -> None:
    files = {name: (FIXTURES / name).read_bytes() for name in ("household_member.txt",)}
    final = ingest(bot, CHANNEL, LEAD, files)
    body = str(final.args["blocks"])
    assert "_roles:_ participant: Marek (" in body and "other: Agnieszka" in body

    bot.command("speakers", channel=CHANNEL, user=LEAD)
    listed = bot.fake.wait_for("chat.postEphemeral", lambda c: "speakers of" in c.args["text"])
    shown = str(listed[0].args["blocks"])
    assert "Agnieszka: other" in shown and "conversation" in shown

    command = 'speakers set household_member.txt "Agnieszka" --role participant --as P09'
    bot.command(command, channel=CHANNEL, user=LEAD)
    posted = bot.fake.wait_for(
        "chat.postMessage", lambda c: "corrected a speaker" in c.args["text"]
    )
    assert "P09: participant" in str(posted[0].args["blocks"])
    roles = {s.speaker: s.role for s in bot.workspace.speakers(CHANNEL)[0].speakers}
    assert roles["P09"] is Role.PARTICIPANT


def test_setting_an_unknown_speaker_names_the_known_ones(bot: BotHarness) -> None:
    ingest(bot, CHANNEL, LEAD, {"note_taker.txt": (FIXTURES / "note_taker.txt").read_bytes()})
    bot.command('speakers set note_taker.txt "Zed" --role other', channel=CHANNEL, user=LEAD)
    reply = bot.fake.wait_for("chat.postEphemeral", lambda c: "no speaker called" in c.args["text"])
    assert "'Interviewer', 'Olu', 'Jo'" in reply[0].args["text"]
